// The leads module's public surface: requests (заявки), their statuses and conversion.
// Declares the export of leads (transfer/registry.ts).
import './transfer.js';
export {
  listLeads,
  countNewLeads,
  getLead,
  createLead,
  updateLead,
  deleteLead,
  relinkContact,
  relinkCompany,
  leadScope,
} from './leads.js';
export { convertLead, onLeadConverted, type LeadConversion } from './convert.js';
export { requestEntries, leadIdsOf, repeatsVisibleRequest } from './timeline.js';
export {
  insertInboundLead,
  inboundLeadInsert,
  inboundLeadAudit,
  linkLeadConversations,
  isLeadOpen,
  visibleLeadIds,
  leadSummary,
  recordLeadConsent,
  recordLeadCalculation,
  type InboundLead,
  type InboundLeadSource,
  type InsertedLead,
} from './intake.js';
export { searchLeads } from './search.js';
export {
  lockLeadForRouting,
  assignByRouting,
  openLeads,
  routingView,
  settledRequests,
  useRoutingOfLeads,
  type LeadForRouting,
  type RoutingOfLeads,
} from './routing-port.js';
export { seedLeads, type SeedLead } from './seed.js';
