import { z } from 'zod';
import { Id } from './common.js';

// Receivables (дебиторская задолженность): what clients owe, aged by days past the due date; a
// client's balance, payment discipline and credit limit; the reconciliation act (акт сверки).

const IsoDate = z.iso.date();

/** Not yet due, then days past the due date: 1–30, 31–60, 61–90, over 90. */
export const AgingBucket = z.enum(['current', 'd1_30', 'd31_60', 'd61_90', 'd90_plus']);
export type AgingBucket = z.infer<typeof AgingBucket>;
export const agingBuckets = AgingBucket.options;

export const ReceivablesGroupBy = z.enum(['client', 'manager', 'legal_entity']);
export type ReceivablesGroupBy = z.infer<typeof ReceivablesGroupBy>;

const filters = {
  /** The invoice's owner (the manager). */
  managerId: Id.optional(),
  /** Our legal entity that issued the invoice. */
  legalEntityId: Id.optional(),
  companyId: Id.optional(),
  /** The day the debt is aged at (the workspace's time zone); today when omitted. */
  asOf: IsoDate.optional(),
};

export const ReceivablesQuery = z.strictObject({
  groupBy: ReceivablesGroupBy.default('client'),
  ...filters,
});
export type ReceivablesQuery = z.infer<typeof ReceivablesQuery>;

export const AgingAmounts = z.object({
  current: z.number().int(),
  d1_30: z.number().int(),
  d31_60: z.number().int(),
  d61_90: z.number().int(),
  d90_plus: z.number().int(),
  /** Everything open: the sum of the buckets. */
  total: z.number().int(),
  /** What is past its due date: the buckets after `current`. */
  overdue: z.number().int(),
  invoices: z.number().int(),
});
export type AgingAmounts = z.infer<typeof AgingAmounts>;

export const AgingRow = AgingAmounts.extend({
  /** The company, manager or legal entity id; null: invoices without one (no client, no owner). */
  id: Id.nullable(),
  name: z.string(),
});
export type AgingRow = z.infer<typeof AgingRow>;

export const Aging = z.object({
  asOf: z.string(),
  groupBy: ReceivablesGroupBy,
  rows: z.array(AgingRow),
  totals: AgingAmounts,
});
export type Aging = z.infer<typeof Aging>;

export const ReceivableInvoicesQuery = z.strictObject({
  ...filters,
  bucket: AgingBucket.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type ReceivableInvoicesQuery = z.infer<typeof ReceivableInvoicesQuery>;

export const ReceivableInvoice = z.object({
  invoiceId: Id,
  number: z.string().nullable(),
  date: z.string(),
  dueDate: z.string().nullable(),
  companyId: Id.nullable(),
  clientName: z.string(),
  managerId: Id.nullable(),
  managerName: z.string().nullable(),
  legalEntityId: Id,
  legalEntityName: z.string(),
  totalKopecks: z.number().int(),
  paidKopecks: z.number().int(),
  openKopecks: z.number().int(),
  /** Days past the due date at `asOf` (0 when not yet due). */
  overdueDays: z.number().int(),
  bucket: AgingBucket,
});
export type ReceivableInvoice = z.infer<typeof ReceivableInvoice>;

export const ReceivableInvoices = z.object({
  asOf: z.string(),
  items: z.array(ReceivableInvoice),
  /** How many invoices match (items holds at most `limit`, most overdue first). */
  total: z.number().int(),
});
export type ReceivableInvoices = z.infer<typeof ReceivableInvoices>;

export const ReceivablesExportQuery = z.strictObject({
  ...filters,
  bucket: AgingBucket.optional(),
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
});
export type ReceivablesExportQuery = z.infer<typeof ReceivablesExportQuery>;

export const CompanyBalance = z.object({
  companyId: Id,
  asOf: z.string(),
  /** Issued invoices (not cancelled). */
  invoicedKopecks: z.number().int(),
  /** Payments received from the client (not reversed). */
  paidKopecks: z.number().int(),
  /** Still open on invoices. */
  openKopecks: z.number().int(),
  /** Open and past the due date. */
  overdueKopecks: z.number().int(),
  /** Paid and not spent on any invoice: the client's credit (overpayment). */
  creditKopecks: z.number().int(),
  /** Open minus credit: what the client owes, net. Negative: we owe the client. */
  balanceKopecks: z.number().int(),
  /** Average days late over fully paid invoices (0 = on time); null when none is paid. */
  averageDaysLate: z.number().nullable(),
  paidInvoices: z.number().int(),
  creditLimitKopecks: z.number().int().nullable(),
  /** Limit minus net debt; null without a limit. */
  creditAvailableKopecks: z.number().int().nullable(),
});
export type CompanyBalance = z.infer<typeof CompanyBalance>;

export const CreditLimitBody = z.strictObject({
  /** null removes the limit. */
  creditLimitKopecks: z.number().int().min(0).max(1_000_000_000_000_00).nullable(),
});
export type CreditLimitBody = z.infer<typeof CreditLimitBody>;

export const CreditCheckQuery = z.strictObject({
  /** The new invoice's amount; 0 (the default) checks the debt as it is. */
  amountKopecks: z.coerce.number().int().min(0).max(1_000_000_000_000_00).default(0),
});
export const CreditCheck = z.object({
  creditLimitKopecks: z.number().int().nullable(),
  /** Net debt now (open minus credit). */
  exposureKopecks: z.number().int(),
  /** Net debt with the new invoice. */
  afterKopecks: z.number().int(),
  exceeds: z.boolean(),
});
export type CreditCheck = z.infer<typeof CreditCheck>;

export const ReconciliationActQuery = z.strictObject({
  /** Default: 1 January of the year of `to`. */
  from: IsoDate.optional(),
  /** Default: today in the workspace's time zone. */
  to: IsoDate.optional(),
  /** Default: our first legal entity (most workspaces have one). */
  legalEntityId: Id.optional(),
  format: z.enum(['json', 'pdf']).default('json'),
});
export type ReconciliationActQuery = z.infer<typeof ReconciliationActQuery>;

const Party = z.object({
  name: z.string(),
  inn: z.string().nullable(),
  kpp: z.string().nullable(),
  address: z.string().nullable(),
});

export const ReconciliationEntry = z.object({
  date: z.string(),
  kind: z.enum(['invoice', 'payment']),
  /** «Счёт № 12 от 01.12.2026», «Оплата (п/п № 15 от 05.12.2026)». */
  document: z.string(),
  debitKopecks: z.number().int(),
  creditKopecks: z.number().int(),
});

export const ReconciliationAct = z.object({
  companyId: Id,
  legalEntityId: Id,
  from: z.string(),
  to: z.string(),
  ours: Party.extend({
    director: z.object({ name: z.string(), position: z.string() }).nullable(),
    accountant: z.object({ name: z.string(), position: z.string() }).nullable(),
  }),
  client: Party,
  /** Positive: the client owes us (debit); negative: we owe the client. */
  openingKopecks: z.number().int(),
  entries: z.array(ReconciliationEntry),
  debitTurnoverKopecks: z.number().int(),
  creditTurnoverKopecks: z.number().int(),
  closingKopecks: z.number().int(),
});
export type ReconciliationAct = z.infer<typeof ReconciliationAct>;

/** Something the caller should know about a change that was made anyway. */
export const Warning = z.object({
  code: z.enum(['credit_limit.exceeded']),
  message: z.string(),
  creditLimitKopecks: z.number().int().optional(),
  afterKopecks: z.number().int().optional(),
});
export type Warning = z.infer<typeof Warning>;
