import { z } from 'zod';
import { Id, Name, Timestamp } from './common.js';
import { OptionalText } from './companies.js';
import { VatModeSchema } from './catalog.js';
import { Warning } from './receivables.js';

// Our own legal entities (the seller on every document) and the documents issued from deals.

export const Signer = z.strictObject({
  name: Name(200),
  position: Name(200),
  /** «Устава», «доверенности № 5 от 01.02.2026». */
  basis: OptionalText(300),
});
export type Signer = z.infer<typeof Signer>;

export const BankAccount = z.strictObject({
  bankName: Name(200),
  bik: z.string().trim().max(9),
  corrAccount: z.string().trim().max(20),
  settlementAccount: z.string().trim().max(20),
});
export type BankAccount = z.infer<typeof BankAccount>;

export const ImageKind = z.enum(['logo', 'stamp', 'signature']);
export type ImageKind = z.infer<typeof ImageKind>;

export const LegalEntity = z.object({
  id: Id,
  name: z.string(),
  inn: z.string().nullable(),
  kpp: z.string().nullable(),
  ogrn: z.string().nullable(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  /** The first is the one printed unless a document names another. */
  bankAccounts: z.array(BankAccount),
  director: Signer.nullable(),
  accountant: Signer.nullable(),
  vatPayer: z.boolean(),
  /** Which images are uploaded. */
  images: z.array(ImageKind),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type LegalEntity = z.infer<typeof LegalEntity>;

const entityFields = {
  inn: OptionalText(12),
  kpp: OptionalText(9),
  ogrn: OptionalText(15),
  address: OptionalText(500),
  phone: OptionalText(50),
  bankAccounts: z.array(BankAccount).max(10).optional(),
  director: Signer.nullable().optional(),
  accountant: Signer.nullable().optional(),
  vatPayer: z.boolean().optional(),
};
export const LegalEntityCreateBody = z.strictObject({ name: Name(300), ...entityFields });
export type LegalEntityCreateBody = z.infer<typeof LegalEntityCreateBody>;
export const LegalEntityUpdateBody = z.strictObject({
  name: Name(300).optional(),
  ...entityFields,
});
export type LegalEntityUpdateBody = z.infer<typeof LegalEntityUpdateBody>;
export const LegalEntityImageQuery = z.strictObject({ kind: ImageKind });

export const DocumentType = z.enum(['quote', 'invoice', 'act', 'torg12', 'upd', 'contract']);
export type DocumentType = z.infer<typeof DocumentType>;
export const documentTypes = DocumentType.options;

// draft → issued → sent → paid | signed; cancelled from any but draft (a cancelled document keeps
// its number); a draft is deleted rather than cancelled.
export const DocumentStatus = z.enum(['draft', 'issued', 'sent', 'paid', 'signed', 'cancelled']);
export type DocumentStatus = z.infer<typeof DocumentStatus>;
export const documentStatuses = DocumentStatus.options;

const Decimal3 = z.string().regex(/^\d{1,12}(\.\d{1,3})?$/, 'a decimal with at most 3 places');
export const DocumentLine = z.strictObject({
  name: Name(500),
  sku: OptionalText(100),
  unit: z.string().trim().min(1).max(20).default('шт'),
  okei: OptionalText(4),
  quantity: Decimal3,
  priceKopecks: z.number().int().min(0),
  discount: z
    .discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('percent'),
        value: z.string().regex(/^\d{1,3}(\.\d{1,2})?$/),
      }),
      z.strictObject({ kind: z.literal('amount'), kopecks: z.number().int().min(0) }),
    ])
    .nullable()
    .optional(),
  vatRate: z.number().int().min(0).max(100).nullable(),
});
export type DocumentLine = z.infer<typeof DocumentLine>;

const IsoDate = z.iso.date();

export const DocumentCreateBody = z.strictObject({
  type: DocumentType,
  legalEntityId: Id,
  dealId: Id.optional(),
  /** A document for a company without a deal. */
  companyId: Id.optional(),
  /** Lines given here instead of the deal's. */
  lines: z.array(DocumentLine).max(500).optional(),
  vatMode: VatModeSchema.optional(),
  templateId: Id.nullable().optional(),
  bankAccountIndex: z.number().int().min(0).max(9).optional(),
  date: IsoDate.optional(),
  dueDate: IsoDate.nullable().optional(),
  basis: OptionalText(300),
  notes: OptionalText(2000),
  updStatus: z
    .union([z.literal(1), z.literal(2)])
    .nullable()
    .optional(),
});
export type DocumentCreateBody = z.infer<typeof DocumentCreateBody>;

export const DocumentUpdateBody = DocumentCreateBody.omit({
  type: true,
  legalEntityId: true,
  dealId: true,
  companyId: true,
}).partial();
export type DocumentUpdateBody = z.infer<typeof DocumentUpdateBody>;

export const DocumentStatusBody = z.strictObject({ status: DocumentStatus });

export const Document = z.object({
  id: Id,
  type: DocumentType,
  status: DocumentStatus,
  legalEntityId: Id,
  legalEntityName: z.string(),
  dealId: Id.nullable(),
  companyId: Id.nullable(),
  buyerName: z.string().nullable(),
  templateId: Id.nullable(),
  /** Assigned at issue; a draft has none. */
  number: z.string().nullable(),
  date: z.string(),
  dueDate: z.string().nullable(),
  vatMode: VatModeSchema,
  updStatus: z.union([z.literal(1), z.literal(2)]).nullable(),
  basis: z.string().nullable(),
  notes: z.string().nullable(),
  bankAccountIndex: z.number().int(),
  lines: z.array(DocumentLine),
  totalKopecks: z.number().int(),
  ownerId: Id.nullable(),
  issuedAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  /** On the answer to a status change only: what the caller should know (a credit limit passed). */
  warnings: z.array(Warning).optional(),
});
export type Document = z.infer<typeof Document>;

export const DocumentListRequest = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  type: DocumentType.optional(),
  status: DocumentStatus.optional(),
  legalEntityId: Id.optional(),
  dealId: Id.optional(),
  companyId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type DocumentListRequest = z.infer<typeof DocumentListRequest>;

export const DocumentFileQuery = z.strictObject({
  /** A signed expiring link from the client's e-mail (no session needed). */
  token: z.string().max(2000).optional(),
});

export const DocumentSendBody = z.strictObject({
  to: z.email().max(254),
  subject: z.string().trim().max(300).optional(),
  text: z.string().max(10_000).optional(),
  channelId: Id.optional(),
});
export type DocumentSendBody = z.infer<typeof DocumentSendBody>;
export const DocumentSendResult = z.object({
  id: Id,
  status: z.enum(['queued', 'sent', 'failed']),
});

export const DocumentTemplate = z.object({
  id: Id,
  name: z.string(),
  type: DocumentType.nullable(),
  /** null: usable with any of our legal entities. */
  legalEntityId: Id.nullable(),
  size: z.number().int(),
  placeholders: z.array(z.string()),
  createdAt: Timestamp,
});
export type DocumentTemplate = z.infer<typeof DocumentTemplate>;
export const DocumentTemplateUploadQuery = z.strictObject({
  name: Name(200),
  type: DocumentType.optional(),
  legalEntityId: Id.optional(),
});

/** A PDF from a DOCX template still being converted (202, with Retry-After in seconds). */
export const PdfPending = z.object({ status: z.literal('pending'), retryAfter: z.number().int() });
export type PdfPending = z.infer<typeof PdfPending>;

/** At most this many documents go into one ZIP export. */
export const DOCUMENT_EXPORT_MAX = 500;

/** A ZIP of PDFs: the chosen documents (`ids`), or every document the filters match. */
export const DocumentExportBody = z.strictObject({
  ids: z.array(Id).min(1).max(DOCUMENT_EXPORT_MAX).optional(),
  type: DocumentType.optional(),
  status: DocumentStatus.optional(),
  legalEntityId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type DocumentExportBody = z.infer<typeof DocumentExportBody>;

export const documentExportStatuses = ['queued', 'running', 'done', 'failed'] as const;
export const DocumentExport = z.object({
  id: Id,
  status: z.enum(documentExportStatuses),
  done: z.number().int(),
  total: z.number().int(),
  /** The ZIP's size in bytes once done. */
  size: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: Timestamp,
});
export type DocumentExport = z.infer<typeof DocumentExport>;
