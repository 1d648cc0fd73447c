import { sql } from 'drizzle-orm';
import {
  bigint,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, ts, workspaceId } from '../../platform/db/columns.js';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const kopecks = (name: string) => bigint(name, { mode: 'number' });

// Money received. Never deleted: a reversal stamps reversed_* (and is audited).
export const payments = pgTable(
  'payments',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    amountKopecks: kopecks('amount_kopecks').notNull(),
    payerName: text('payer_name').notNull(),
    payerInn: text('payer_inn'),
    payerKpp: text('payer_kpp'),
    payerAccount: text('payer_account'),
    purpose: text('purpose').notNull().default(''),
    bankDocNumber: text('bank_doc_number'),
    companyId: uuid('company_id'),
    // The owner of the first invoice paid: managers see their own clients' money.
    ownerId: uuid('owner_id'),
    source: text('source').$type<'manual' | 'statement'>().notNull(),
    statementLineId: uuid('statement_line_id'),
    createdBy: uuid('created_by'),
    reversedAt: ts('reversed_at'),
    reversedBy: uuid('reversed_by'),
    reverseReason: text('reverse_reason'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('payments_list_idx').on(t.workspaceId, t.date, t.id),
    index('payments_company_idx').on(t.workspaceId, t.companyId),
  ],
);

// How much of a payment went to which invoice (a documents row of type invoice).
export const paymentAllocations = pgTable(
  'payment_allocations',
  {
    workspaceId: workspaceId(),
    paymentId: uuid('payment_id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    amountKopecks: kopecks('amount_kopecks').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.paymentId, t.invoiceId] }),
    foreignKey({
      columns: [t.workspaceId, t.paymentId],
      foreignColumns: [payments.workspaceId, payments.id],
    }).onDelete('cascade'),
    index('payment_allocations_invoice_idx').on(t.workspaceId, t.invoiceId),
  ],
);

// Payment terms of a company or a deal (the deal's win), and the company's credit limit.
export const paymentTerms = pgTable(
  'payment_terms',
  {
    workspaceId: workspaceId(),
    subjectId: uuid('subject_id').notNull(),
    subject: text('subject').$type<'company' | 'deal'>().notNull(),
    kind: text('kind').$type<'prepayment' | 'after_invoice' | 'after_act'>().notNull(),
    days: integer('days').notNull().default(0),
    creditLimitKopecks: kopecks('credit_limit_kopecks'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.subjectId] })],
);

export const moneySettings = pgTable('money_settings', {
  workspaceId: workspaceId().primaryKey(),
  paidStageId: uuid('paid_stage_id'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

// An uploaded 1CClientBankExchange file, kept as it came. The same bytes twice: the same statement.
export const bankStatements = pgTable(
  'bank_statements',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    encoding: text('encoding').notNull(),
    raw: bytea('raw').notNull(),
    accounts: text('accounts')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    dateFrom: date('date_from', { mode: 'string' }),
    dateTo: date('date_to', { mode: 'string' }),
    counts: jsonb('counts').$type<StatementCounts>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('bank_statements_sha_uq').on(t.workspaceId, t.sha256),
  ],
);

export type StatementCounts = {
  documents: number;
  incoming: number;
  duplicates: number;
  ignored: number;
  matched: number;
  review: number;
};

export type MatchCandidateRow = { invoiceId: string };

// One bank document of a statement. `doc_key` is unique per workspace: an overlapping statement
// never brings the same bank document twice.
export const bankStatementLines = pgTable(
  'bank_statement_lines',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    statementId: uuid('statement_id').notNull(),
    docKey: text('doc_key').notNull(),
    direction: text('direction').$type<'in' | 'out' | 'own'>().notNull(),
    number: text('number').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    amountKopecks: kopecks('amount_kopecks').notNull(),
    payerName: text('payer_name').notNull(),
    payerInn: text('payer_inn'),
    payerKpp: text('payer_kpp'),
    payerAccount: text('payer_account'),
    payeeAccount: text('payee_account'),
    purpose: text('purpose').notNull(),
    status: text('status').$type<'matched' | 'review' | 'confirmed' | 'ignored'>().notNull(),
    confidence: real('confidence').notNull().default(0),
    reason: text('reason').notNull().default(''),
    candidates: jsonb('candidates').$type<MatchCandidateRow[]>().notNull().default([]),
    paymentId: uuid('payment_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('bank_statement_lines_key_uq').on(t.workspaceId, t.docKey),
    foreignKey({
      columns: [t.workspaceId, t.statementId],
      foreignColumns: [bankStatements.workspaceId, bankStatements.id],
    }),
    index('bank_statement_lines_status_idx').on(t.workspaceId, t.status, t.date),
  ],
);
