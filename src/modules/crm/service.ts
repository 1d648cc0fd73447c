// The crm module's public surface: the client base and the pipeline.
export { toE164, normalizePhone, defaultPhoneRegion } from './phones.js';
export {
  listCustomFields,
  getCustomField,
  createCustomField,
  updateCustomField,
  deleteCustomField,
  validateCustom,
  customFilter,
  assertOnlyCustomExtras,
} from './custom-fields.js';
export { listViews, createView, deleteView } from './saved-views.js';
export {
  findContactByPoint,
  contactByPoints,
  recordNames,
  type ContactMatch,
  type ContactPoint,
} from './contact-lookup.js';
export { searchCompanies, searchContacts, searchDeals } from './search.js';
export {
  listPipelines,
  getPipeline,
  createPipeline,
  updatePipeline,
  deletePipeline,
  replaceStages,
  listLostReasons,
  createLostReason,
  updateLostReason,
  ensurePipelineDefaults,
} from './pipelines.js';
export { listDeals, createDeal, updateDeal, deleteDeal } from './deals.js';
export { getDeal } from './deal-queries.js';
export { moveDeal } from './move-deal.js';
export { getBoard, listBoardColumn } from './board.js';
export { listTasks, getTask, createTask, updateTask, completeTask, deleteTask } from './tasks.js';
export {
  listTimeline,
  logActivity,
  writeActivity,
  addTimelineSource,
  linkLeadRecords,
  type NewActivity,
  type TimelineSource,
  type TimelineSubject,
} from './timeline.js';
export { upsertCallActivity, patchCallActivity } from './call-activities.js';
export {
  listCompanies,
  getCompany,
  createCompany,
  updateCompany,
  deleteCompany,
} from './companies.js';
export {
  listContacts,
  getContact,
  createContact,
  updateContact,
  deleteContact,
  composeFullName,
  recordContactConsent,
} from './contacts.js';
export { listDuplicates } from './duplicates.js';
export { mergeContacts, mergeCompanies } from './merge.js';
export { setLeadsPort, type LeadsPort } from './leads-port.js';
export { requisiteProblems, assertRequisites } from './requisites.js';
export {
  exportRecords,
  toCells,
  toVCards,
  contactVCard,
  primed,
  companyColumns as companyExportColumns,
  contactColumns as contactExportColumns,
  dealColumns as dealExportColumns,
  leadColumns as leadExportColumns,
  type ExportEntity,
  type ExportColumn,
  type InWorkspace,
} from './export.js';
export { scanImportFile, uploadImport, startImport, getImport, importErrors } from './import.js';
export { seedCrmDemo, writeDemoActivities, type CrmDemo } from './demo.js';
export type { DemoPerson } from './demo-kit.js';
export type { DemoDealRef } from './demo-deals.js';
export { clientHistory, dealOutcomes } from './client-history.js';
