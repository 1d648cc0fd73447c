import { z } from 'zod';
import { CallJournalQuery } from './calls.js';
import { Id, Timestamp } from './common.js';
import { CompanyListQuery, companyTextFields } from './companies.js';
import { ContactListQuery } from './contacts.js';
import { withCustomFilters, type CustomFilters } from './custom-fields.js';
import { DealListQuery } from './deals.js';
import { LeadListFilters } from './leads.js';

// Export: a list's own filters (no paging: every matching row) plus the file format.
export const ExportFormat = z.enum(['csv', 'xlsx']);
export type ExportFormat = z.infer<typeof ExportFormat>;
const ExportOptions = {
  format: ExportFormat.default('csv'),
  // ';' is what Excel expects where the decimal separator is a comma (Russian locales).
  separator: z.enum(['comma', 'semicolon']).default('comma'),
};
const unpaged = { limit: true, cursor: true } as const;
// Like the lists, exports take `custom.<key>` filters too: the web app exports the list as filtered.
const CompanyExportFilters = CompanyListQuery.omit(unpaged).extend(ExportOptions);
export const CompanyExportQuery = withCustomFilters(CompanyExportFilters);
export type CompanyExportQuery = z.infer<typeof CompanyExportFilters> & CustomFilters;
const ContactExportFilters = ContactListQuery.omit(unpaged).extend({
  ...ExportOptions,
  format: z.enum(['csv', 'xlsx', 'vcf']).default('csv'),
});
export const ContactExportQuery = withCustomFilters(ContactExportFilters);
export type ContactExportQuery = z.infer<typeof ContactExportFilters> & CustomFilters;
const DealExportFilters = DealListQuery.omit(unpaged).extend(ExportOptions);
export const DealExportQuery = withCustomFilters(DealExportFilters);
export type DealExportQuery = z.infer<typeof DealExportFilters> & CustomFilters;
const LeadExportFilters = LeadListFilters.omit(unpaged).extend(ExportOptions);
export const LeadExportQuery = withCustomFilters(LeadExportFilters);
export type LeadExportQuery = z.infer<typeof LeadExportFilters> & CustomFilters;
// The call journal as filtered (period, manager, direction, result, duration, call list).
export const CallJournalExportQuery = CallJournalQuery.omit(unpaged).extend(ExportOptions);
export type CallJournalExportQuery = z.infer<typeof CallJournalExportQuery>;

// Import: upload a file (raw body, text/csv or the XLSX type) → preview and suggested mapping →
// start with a mapping and a duplicate policy → a job processes it in chunks.
export const ImportEntity = z.enum(['companies', 'contacts', 'products']);
export type ImportEntity = z.infer<typeof ImportEntity>;
export const DuplicatePolicy = z.enum(['skip', 'update', 'create']);
export type DuplicatePolicy = z.infer<typeof DuplicatePolicy>;

export const ImportUploadQuery = z.strictObject({
  entity: ImportEntity,
  fileName: z.string().trim().min(1).max(200).default('import.csv'),
});
export type ImportUploadQuery = z.infer<typeof ImportUploadQuery>;

// The fields a column can fill, per entity ("" or absent: the column is ignored).
export const companyImportFields = [...companyTextFields, 'tags'] as const;
export const contactImportFields = [
  'fullName',
  'lastName',
  'firstName',
  'middleName',
  'position',
  'phone',
  'phone2',
  'email',
  'email2',
  'telegram',
  'birthday',
  'companyName',
  'companyInn',
  'tags',
] as const;
// Products: upserted by SKU; money as roubles ("1 234,50" or "1234.50"), VAT as a percent or
// «без НДС», the unit by its symbol or its ОКЕИ code, active as да/нет.
export const productImportFields = [
  'sku',
  'name',
  'unit',
  'okei',
  'vatRate',
  'price',
  'cost',
  'category',
  'tags',
  'active',
] as const;
export const ImportField = z.enum([
  ...companyImportFields,
  ...contactImportFields.filter((f) => f !== 'tags'),
  ...productImportFields.filter((f) => f !== 'name' && f !== 'tags'),
]);
export type ImportField = z.infer<typeof ImportField>;

export const ImportStartBody = z.strictObject({
  // Column index (as a string, "0", "1", …) → the field it fills.
  mapping: z.record(
    z.string().regex(/^\d{1,3}$/, 'a column number'),
    z.union([ImportField, z.literal('')]),
  ),
  duplicatePolicy: DuplicatePolicy.default('skip'),
});
export type ImportStartBody = z.infer<typeof ImportStartBody>;

export const ImportRowError = z.object({
  row: z.number().int(),
  field: z.string(),
  reason: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportStatus = z.enum(['uploaded', 'queued', 'running', 'done', 'failed']);
export const Import = z.object({
  id: Id,
  entity: ImportEntity,
  fileName: z.string(),
  format: z.enum(['csv', 'xlsx']),
  status: ImportStatus,
  duplicatePolicy: DuplicatePolicy,
  mapping: z.record(z.string(), z.string()),
  totalRows: z.number().int().nullable(),
  processedRows: z.number().int(),
  createdRows: z.number().int(),
  updatedRows: z.number().int(),
  skippedRows: z.number().int(),
  errorCount: z.number().int(),
  // The first errors (all of them are in errors.csv, up to 1,000 stored).
  errors: z.array(ImportRowError),
  createdAt: Timestamp,
  finishedAt: Timestamp.nullable(),
});
export type Import = z.infer<typeof Import>;

export const ImportPreview = z.object({
  import: Import,
  columns: z.array(z.string()),
  preview: z.array(z.array(z.string())),
  suggestedMapping: z.record(z.string(), ImportField),
});
export type ImportPreview = z.infer<typeof ImportPreview>;
