// The print module's one door: what the documents and catalog modules call. It renders frozen
// snapshots (snapshot.ts) to PDF, XLSX and DOCX; it reads no database and imports no other module.
export type {
  BankAccountSnapshot,
  DocumentLineSnapshot,
  DocumentSnapshot,
  DocumentType,
  PartySnapshot,
  PriceListSnapshot,
  RenderAssets,
  SellerSnapshot,
  SignerSnapshot,
} from './snapshot.js';
export { amountInWords } from './words.js';
export { formatDateLong, formatDateShort, formatMoney, formatQuantity } from './format.js';
export { paymentQrPayload, paymentQrPng } from './qr.js';
export { renderDocumentPdf, renderPriceListPdf } from './pdf/render.js';
export { renderReconciliationActPdf } from './pdf/reconciliation.js';
export { renderPlainPdf, type PlainBlock, type PlainDocument } from './pdf/plain.js';
export { fillDocxTemplate, validateDocxTemplate } from './docx.js';
export { docxPlaceholders, type Placeholder } from './docx-data.js';
export { MAX_TEMPLATE_BYTES } from './docx-guard.js';
export { TemplateError, type TemplateErrorReason } from './template-error.js';
export { convertDocxToPdf } from './convert.js';
export { renderPriceListXlsx } from './price-list-xlsx.js';
