// The forms module's public surface: website forms (definitions under workspace settings) and the
// intake of their submissions, which the web-form channel (src/channels/web-form) serves publicly.
export { listForms, getForm, createForm, updateForm, deleteForm, type FormDeps } from './forms.js';
export {
  findFormByKey,
  findFormForSubmission,
  toPublicForm,
  countSubmission,
  acceptSubmission,
  formOfLead,
  formExists,
  formKeyOf,
  type IntakeForm,
  type SubmissionMeta,
} from './intake.js';
export { readSubmission, type ReadSubmission, type FieldError } from './rules.js';
export { purgeFormRateCounters } from './jobs.js';
