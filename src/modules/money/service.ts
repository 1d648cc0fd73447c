// The money module's public face: payments against invoices, bank statements and their matches.
export {
  listPayments,
  getPayment,
  createPayment,
  allocatePayment,
  reversePayment,
  invoicePayment,
} from './payments.js';
export { listTerms, putTerms, getSettings, putSettings, dueDateOf, overdueDays } from './terms.js';
export { overdueInvoices } from './overdue.js';
export { parseStatement, decodeStatement } from './statement-parse.js';
export { importStatement, listStatements, getStatement, statementFile } from './statements.js';
export { listLines, getLine, confirmLine, ignoreLine } from './review.js';
export { InvoiceIndex, invoiceRefs } from './match.js';
export {
  agingReport,
  receivableInvoices,
  companyBalance,
  setCreditLimit,
  creditCheck,
  invoiceIssueWarnings,
  reconciliationAct,
} from './receivables/service.js';
export {
  dunningScan,
  dunningScanAll,
  dunningStep,
  scanWorkspace,
  useInvoiceLinks,
} from './dunning/service.js';
