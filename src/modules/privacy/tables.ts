import {
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
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
