import {
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ConsentSource } from '@voronka/contract';
import { createdAt, ts, workspaceId } from '../../platform/db/columns.js';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

// The consent log (152-FZ art. 9): every consent and withdrawal a person gave, for a purpose, with
// the text version, where it came from, when and from which address. Append-only: a withdrawal is a
// new row, never an update. Consents ticked on website forms stay where forms record them (the
// request's `consent`) and are read through (consents.ts); the contact's `consent` flag is the
// quick answer other modules read, kept in step by every row written here.
export const consentEvents = pgTable(
  'consent_events',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    contactId: uuid('contact_id').notNull(),
    kind: text('kind').$type<'given' | 'withdrawn'>().notNull(),
    purpose: text('purpose').notNull(),
    textVersion: text('text_version'),
    text: text('text'),
    source: text('source').$type<ConsentSource>().notNull(),
    at: ts('at').notNull(),
    ip: text('ip'),
    memberId: uuid('member_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('consent_events_contact_idx').on(t.workspaceId, t.contactId, t.at),
  ],
);

// A data-subject request (152-FZ art. 14, 20, 21): access, correction or erasure, with its legal
// clock (10 working days, once extendable by 5 with a reason). An access request's export (a ZIP of
// JSON) is built by a job, its progress counted here; the file is kept in `export_content`.
export const privacyRequests = pgTable(
  'privacy_requests',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    contactId: uuid('contact_id').notNull(),
    kind: text('kind').$type<'access' | 'correction' | 'erasure'>().notNull(),
    status: text('status').$type<'open' | 'done' | 'rejected'>().notNull().default('open'),
    receivedAt: ts('received_at').notNull(),
    dueAt: ts('due_at').notNull(),
    extendedAt: ts('extended_at'),
    extensionReason: text('extension_reason'),
    note: text('note'),
    answer: text('answer'),
    closedAt: ts('closed_at'),
    createdBy: uuid('created_by'),
    exportStatus: text('export_status').$type<'queued' | 'running' | 'done' | 'failed'>(),
    exportDone: integer('export_done').notNull().default(0),
    exportTotal: integer('export_total').notNull().default(0),
    exportContent: bytea('export_content'),
    exportSize: integer('export_size'),
    erasedAt: ts('erased_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('privacy_requests_due_idx').on(t.workspaceId, t.status, t.dueAt),
  ],
);

// Every read of a person's card and every export of one (152-FZ art. 18.1, 19: the operator knows
// who had access): who, whom, when, how. Written in the reading request's transaction, one row per
// card view and one multi-row insert per exported page.
export const personalDataAccess = pgTable(
  'personal_data_access',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    memberId: uuid('member_id'),
    entity: text('entity').$type<'contacts' | 'companies'>().notNull(),
    recordId: uuid('record_id').notNull(),
    how: text('how').$type<'view' | 'export' | 'vcard' | 'privacy_export'>().notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    ip: text('ip'),
    at: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('personal_data_access_member_idx').on(t.workspaceId, t.memberId, t.at),
    index('personal_data_access_record_idx').on(t.workspaceId, t.recordId, t.at),
  ],
);

// How long each kind of personal data is kept (152-FZ art. 5 part 7: no longer than the purpose
// needs): requests without a deal, closed conversations, contacts without deals. A rule the head
// of personal data sets in the app; the retention job erases what is older, through erasure's own
// anonymisation, and writes a destruction act.
export const retentionRules = pgTable(
  'retention_rules',
  {
    workspaceId: workspaceId(),
    kind: text('kind').$type<'leads' | 'conversations' | 'contacts'>().notNull(),
    months: integer('months').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    updatedBy: uuid('updated_by'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.kind] })],
);

// Акт об уничтожении персональных данных (Roskomnadzor order No. 179 of 28.10.2022): what a
// retention run destroyed — categories, counts, basis, date, responsible — and its PDF.
export const destructionActs = pgTable(
  'destruction_acts',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    number: integer('number').notNull(),
    at: ts('at').notNull(),
    items: jsonb('items')
      .$type<{ kind: string; months: number; records: number; cutoff: string }[]>()
      .notNull(),
    changed: jsonb('changed').$type<Record<string, number>>().notNull(),
    responsibleId: uuid('responsible_id'),
    responsibleName: text('responsible_name'),
    pdf: bytea('pdf').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('destruction_acts_number_idx').on(t.workspaceId, t.number),
  ],
);

// The records a retention rule already erased (so an anonymised contact without deals, still old,
// is not destroyed again by the next run), with the act that lists them.
export const retentionErased = pgTable(
  'retention_erased',
  {
    workspaceId: workspaceId(),
    kind: text('kind').notNull(),
    recordId: uuid('record_id').notNull(),
    actId: uuid('act_id').notNull(),
    at: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.kind, t.recordId] })],
);
