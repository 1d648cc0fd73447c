import { z } from 'zod';
import { Id, Timestamp } from './common.js';

// Money received against invoices: payments, their allocations, bank statements (1CClientBankExchange)
// and the review queue of statement lines a person has to match.

const IsoDate = z.iso.date();
const Text = (max: number) => z.string().trim().max(max);
const Kopecks = z.number().int().min(1).max(1_000_000_000_000_00);
const Inn = z.string().regex(/^(\d{10}|\d{12})$/, '10 or 12 digits');
const Kpp = z.string().regex(/^\d{4}[\dA-Z]{2}\d{3}$/, '9 characters');

export const PaymentState = z.enum(['unpaid', 'partly_paid', 'paid']);
export type PaymentState = z.infer<typeof PaymentState>;

export const Allocation = z.strictObject({ invoiceId: Id, amountKopecks: Kopecks });
export type Allocation = z.infer<typeof Allocation>;

export const PaymentCreateBody = z.strictObject({
  date: IsoDate,
  amountKopecks: Kopecks,
  payerName: Text(300).min(1),
  payerInn: Inn.nullable().optional(),
  payerKpp: Kpp.nullable().optional(),
  purpose: Text(1000).optional(),
  bankDocNumber: Text(50).nullable().optional(),
  /** The client; taken from the first invoice when omitted. */
  companyId: Id.nullable().optional(),
  /** Where the money goes; what is left stays the client's credit. */
  allocations: z.array(Allocation).max(50).default([]),
});
export type PaymentCreateBody = z.input<typeof PaymentCreateBody>;

export const PaymentAllocateBody = z.strictObject({
  allocations: z.array(Allocation).min(1).max(50),
});
export const PaymentReverseBody = z.strictObject({ reason: Text(500).min(1) });

export const PaymentAllocation = z.object({
  invoiceId: Id,
  invoiceNumber: z.string().nullable(),
  amountKopecks: z.number().int(),
});

export const Payment = z.object({
  id: Id,
  date: z.string(),
  amountKopecks: z.number().int(),
  /** What no invoice took: the client's credit. */
  unallocatedKopecks: z.number().int(),
  payerName: z.string(),
  payerInn: z.string().nullable(),
  payerKpp: z.string().nullable(),
  purpose: z.string(),
  bankDocNumber: z.string().nullable(),
  companyId: Id.nullable(),
  source: z.enum(['manual', 'statement']),
  statementLineId: Id.nullable(),
  allocations: z.array(PaymentAllocation),
  reversedAt: Timestamp.nullable(),
  reverseReason: z.string().nullable(),
  createdAt: Timestamp,
});
export type Payment = z.infer<typeof Payment>;

export const PaymentListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
  companyId: Id.optional(),
  invoiceId: Id.optional(),
});
export type PaymentListQuery = z.infer<typeof PaymentListQuery>;

export const InvoicePayment = z.object({
  invoiceId: Id,
  number: z.string().nullable(),
  date: z.string(),
  companyId: Id.nullable(),
  buyerName: z.string().nullable(),
  totalKopecks: z.number().int(),
  paidKopecks: z.number().int(),
  openKopecks: z.number().int(),
  state: PaymentState,
  dueDate: z.string().nullable(),
  /** Days past the due date while money is open; 0 otherwise. */
  overdueDays: z.number().int(),
  payments: z.array(z.object({ paymentId: Id, date: z.string(), amountKopecks: z.number().int() })),
});
export type InvoicePayment = z.infer<typeof InvoicePayment>;

export const PaymentTermsKind = z.enum(['prepayment', 'after_invoice', 'after_act']);
export const PaymentTermsBody = z
  .strictObject({
    companyId: Id.optional(),
    dealId: Id.optional(),
    kind: PaymentTermsKind,
    days: z.number().int().min(0).max(365).default(0),
    creditLimitKopecks: z.number().int().min(0).nullable().optional(),
  })
  .refine((b) => !!b.companyId !== !!b.dealId, {
    message: 'either companyId or dealId',
    path: ['companyId'],
  });
export type PaymentTermsBody = z.input<typeof PaymentTermsBody>;
export const PaymentTerms = z.object({
  companyId: Id.nullable(),
  dealId: Id.nullable(),
  kind: PaymentTermsKind,
  days: z.number().int(),
  creditLimitKopecks: z.number().int().nullable(),
});
export type PaymentTerms = z.infer<typeof PaymentTerms>;

export const MoneySettings = z.strictObject({
  /** The stage a deal moves to when its invoice is paid; null: deals stay where they are. */
  paidStageId: Id.nullable(),
});
export type MoneySettings = z.infer<typeof MoneySettings>;

export const StatementLineStatus = z.enum(['matched', 'review', 'confirmed', 'ignored']);
export const StatementLineDirection = z.enum(['in', 'out', 'own']);

export const MatchCandidate = z.object({
  invoiceId: Id,
  number: z.string().nullable(),
  date: z.string(),
  buyerName: z.string().nullable(),
  openKopecks: z.number().int(),
});

export const StatementLine = z.object({
  id: Id,
  statementId: Id,
  direction: StatementLineDirection,
  number: z.string(),
  date: z.string(),
  amountKopecks: z.number().int(),
  payerName: z.string(),
  payerInn: z.string().nullable(),
  payerKpp: z.string().nullable(),
  payerAccount: z.string().nullable(),
  purpose: z.string(),
  status: StatementLineStatus,
  confidence: z.number(),
  reason: z.string(),
  candidates: z.array(MatchCandidate),
  paymentId: Id.nullable(),
});
export type StatementLine = z.infer<typeof StatementLine>;

export const BankStatement = z.object({
  id: Id,
  fileName: z.string(),
  encoding: z.string(),
  accounts: z.array(z.string()),
  dateFrom: z.string().nullable(),
  dateTo: z.string().nullable(),
  documents: z.number().int(),
  /** New incoming documents; those already imported by an earlier statement are not counted. */
  incoming: z.number().int(),
  duplicates: z.number().int(),
  ignored: z.number().int(),
  matched: z.number().int(),
  review: z.number().int(),
  createdAt: Timestamp,
});
export type BankStatement = z.infer<typeof BankStatement>;

export const BankStatementUploadQuery = z.strictObject({
  fileName: Text(200).min(1).default('kl_to_1c.txt'),
});
export const StatementLineListQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(200).optional(),
  status: StatementLineStatus.optional(),
  statementId: Id.optional(),
});
export type StatementLineListQuery = z.infer<typeof StatementLineListQuery>;

export const StatementLineConfirmBody = z.strictObject({
  /** Where the money goes (one invoice, or split); what is left stays the client's credit. */
  allocations: z.array(Allocation).max(50).default([]),
  companyId: Id.nullable().optional(),
});
export type StatementLineConfirmBody = z.input<typeof StatementLineConfirmBody>;
