import { sql } from 'drizzle-orm';
import { customType, index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts, workspaceId } from '../../platform/db/columns.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export type LeadStatus = 'new' | 'in_work' | 'qualified' | 'converted' | 'junk';
export type LeadConsent = {
  version: number;
  text: string;
  at: string;
  ip: string | null;
  formId: string | null;
  formName: string | null;
};
export type LeadChannel =
  'web' | 'email' | 'telegram' | 'vk' | 'whatsapp' | 'phone' | 'manual' | 'import' | 'booking';

// A request (заявка) as it arrived: the raw message and contact data as received, then what the
// team made of it (status, assignee, the contact/company/deal it became).
export const leads = pgTable(
  'leads',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    channel: text('channel').$type<LeadChannel>().notNull(),
    source: text('source'),
    utm: jsonb('utm').$type<Record<string, string>>().notNull().default({}),
    title: text('title'),
    message: text('message'),
    contactName: text('contact_name'),
    contactPhone: text('contact_phone'),
    contactEmail: text('contact_email'),
    companyName: text('company_name'),
    status: text('status').$type<LeadStatus>().notNull().default('new'),
    assigneeId: uuid('assignee_id'),
    contactId: uuid('contact_id'),
    companyId: uuid('company_id'),
    dealId: uuid('deal_id'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    custom: jsonb('custom').$type<Record<string, unknown>>().notNull().default({}),
    search: tsvector('search').generatedAlwaysAs(
      sql`to_tsvector('russian', coalesce(title, '') || ' ' || coalesce(contact_name, '') || ' ' || coalesce(company_name, '') || ' ' || coalesce(message, ''))`,
    ),
    receivedAt: ts('received_at').notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    convertedAt: ts('converted_at'),
    // What the client agreed to when they sent it (a website form's consent box: text version, time,
    // IP); it goes on to the contact the request is matched to or becomes.
    consent: jsonb('consent').$type<LeadConsent>(),
    // The inbox conversation it was raised in, set at intake (the foreign key to conversations,
    // ON DELETE SET NULL, is in migration intake_lead_conversation_fk: another module's table).
    conversationId: uuid('conversation_id'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('leads_status_idx').on(t.workspaceId, t.status, t.receivedAt, t.id),
    index('leads_received_idx').on(t.workspaceId, t.receivedAt, t.id),
    index('leads_assignee_idx').on(t.workspaceId, t.assigneeId, t.id),
    // text_pattern_ops: equality and a LIKE prefix ("+7912777%", part of a phone in the search) in any collation.
    index('leads_phone_idx').on(t.workspaceId, t.contactPhone.op('text_pattern_ops')),
    // The last digits of a phone ("4567"): a prefix of the reversed number.
    index('leads_phone_suffix_idx')
      .on(t.workspaceId, sql`reverse(${t.contactPhone}) text_pattern_ops`)
      .where(sql`${t.contactPhone} is not null`),
    index('leads_email_idx').on(t.workspaceId, t.contactEmail),
    index('leads_contact_idx').on(t.workspaceId, t.contactId),
    index('leads_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
    index('leads_search_idx').using('gin', t.search),
    // A member's open load (routing counts it for every candidate): only open requests are indexed.
    index('leads_open_load_idx')
      .on(t.workspaceId, t.assigneeId)
      .where(sql`status in ('new', 'in_work', 'qualified')`),
    // The requests converted into a deal (analytics: a deal's sources).
    index('leads_deal_idx')
      .on(t.workspaceId, t.dealId)
      .where(sql`${t.dealId} is not null`),
    // The foreign key to conversations (ON DELETE SET NULL) looks a deleted conversation up here.
    index('leads_conversation_idx')
      .on(t.workspaceId, t.conversationId)
      .where(sql`${t.conversationId} is not null`),
  ],
);
