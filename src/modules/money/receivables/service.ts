// Receivables' use cases, re-exported by the money module's service.ts.
export { agingReport, receivableInvoices, exportReceivables } from './aging.js';
export { companyBalance, setCreditLimit, creditCheck, invoiceIssueWarnings } from './balance.js';
export { reconciliationAct } from './reconciliation.js';
