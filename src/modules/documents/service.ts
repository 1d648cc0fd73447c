// The documents module's public surface: our legal entities, documents from deals, their numbers,
// renderings (through the print module) and sending.
export {
  listLegalEntities,
  getLegalEntity,
  createLegalEntity,
  updateLegalEntity,
  deleteLegalEntity,
} from './legal-entities.js';
export { putImage, getImage, deleteImage, sniffImage } from './images.js';
export {
  listDocuments,
  getDocument,
  createDocument,
  updateDocument,
  deleteDocument,
} from './documents.js';
export { setDocumentStatus, buildSnapshot } from './issue.js';
export { linesForDeal } from './lines.js';
export { loadForRender, docxOf, signDocumentLink, openDocumentLink } from './render.js';
export {
  pdfOrPending,
  pdfInJob,
  renderBuiltIn,
  documentConvert,
  convertOneAtATime,
} from './renditions.js';
export {
  checkTemplateFile,
  listTemplates,
  createTemplate,
  getTemplateFile,
  deleteTemplate,
} from './templates.js';
export { queueDocumentSend, documentSend } from './send.js';
export { createExport, getExport, getExportFile, documentExport } from './exports.js';
export {
  invoiceFacts,
  openInvoiceFacts,
  receivableFacts,
  markInvoicePaid,
  type InvoiceFacts,
} from './invoices.js';
export {
  useIssueWarnings,
  useIssueGuard,
  type IssueWarnings,
  type IssueGuard,
} from './issue-warnings.js';
