// Dunning's surface inside money: ladders, pauses, the scan and the step job.
export {
  listPolicies,
  getPolicy,
  createPolicy,
  updatePolicy,
  deletePolicy,
  previewStep,
} from './policies.js';
export { getDunningState, pauseDunning, resumeDunning } from './pause.js';
export { scanWorkspace, dunningScan, dunningScanAll } from './scan.js';
export { dunningStep } from './step.js';
export { useInvoiceLinks } from './vars.js';
