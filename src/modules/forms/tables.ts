import type { FormField } from '@voronka/contract';
import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, ts, workspaceId } from '../../platform/db/columns.js';

export type SubmissionConsent = { version: number; text: string; at: string; ip: string | null };

// A website form. Each form has its own inbox channel of kind 'web' (made with it, renamed with it,
// disabled when the form is deleted), so the inbox tells forms apart and a client's idempotency
// token is unique per form. `public_key` names the form in the widget and public URLs (unique
// across workspaces: read before a workspace is known). A deleted form keeps its row
// (`deleted_at`) so the consent its submissions record still points at it.
export const forms = pgTable(
  'forms',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    channelId: uuid('channel_id').notNull(),
    name: text('name').notNull(),
    fields: jsonb('fields').$type<FormField[]>().notNull(),
    consentText: text('consent_text'),
    consentVersion: integer('consent_version').notNull().default(1),
    thankYou: text('thank_you').notNull(),
    allowedDomains: text('allowed_domains')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    rateLimitPerMinute: integer('rate_limit_per_minute').notNull().default(30),
    callbackButton: boolean('callback_button').notNull().default(false),
    publicKey: text('public_key').notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('forms_public_key_uq').on(t.publicKey),
    index('forms_channel_idx').on(t.workspaceId, t.channelId),
  ],
);

// One accepted submission: what the visitor agreed to (consent version and text, time, IP), where
// from (page, referrer, UTM), and the conversation and request it raised. `external_id` is the
// widget's idempotency token (or the submission id): the unique index makes a repeat a no-op.
export const formSubmissions = pgTable(
  'form_submissions',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    formId: uuid('form_id').notNull(),
    externalId: text('external_id').notNull(),
    leadId: uuid('lead_id'),
    conversationId: uuid('conversation_id'),
    consent: jsonb('consent').$type<SubmissionConsent>(),
    pageUrl: text('page_url'),
    referrer: text('referrer'),
    utm: jsonb('utm').$type<Record<string, string>>().notNull().default({}),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.formId],
      foreignColumns: [forms.workspaceId, forms.id],
    }),
    uniqueIndex('form_submissions_external_uq').on(t.workspaceId, t.formId, t.externalId),
  ],
);

// Submissions per form and client IP in the current minute (a fixed window on the database's
// clock). One row per (form, IP), reset when a new minute starts; rows idle for minutes are purged
// by the hourly housekeeping. Kept in PostgreSQL so every API process shares the count.
export const formRateCounters = pgTable(
  'form_rate_counters',
  {
    workspaceId: workspaceId(),
    formId: uuid('form_id').notNull(),
    ip: text('ip').notNull(),
    windowStart: ts('window_start').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.formId, t.ip] })],
);
