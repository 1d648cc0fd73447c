// The leads module's public surface: requests (заявки), their statuses and conversion.
export { listLeads, countNewLeads, getLead, createLead, updateLead, deleteLead, relinkContact, relinkCompany, leadScope } from './leads.js';
export { convertLead } from './convert.js';
export { seedLeadsDemo } from './demo.js';
export { raiseInboundLead, insertInboundLead, inboundLeadInsertSql, inboundLeadAudit, isLeadOpen, visibleLeadIds, leadSummary, type InboundLead } from './intake.js';
export { searchLeads } from './search.js';
export { lockLeadForRouting, writeRouting, overdueAndQueued, routingView, settledRequests, type LeadForRouting, type RoutingUpdate } from './routing-state.js';
