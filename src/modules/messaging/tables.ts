import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import type {
  CampaignStatus,
  RecipientState,
  SkipReason,
  TemplateKind,
  TemplateScope,
  ViewQuery,
} from '@voronka/contract';
import { createdAt, ts, workspaceId } from '../../platform/db/columns.js';

// A letter or message template. `owner_id` is the member who wrote it: a personal template is seen
// only by them, a shared one by everyone in the workspace. Deleted templates are stamped.
export const messageTemplates = pgTable(
  'message_templates',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    kind: text('kind').$type<TemplateKind>().notNull(),
    name: text('name').notNull(),
    scope: text('scope').$type<TemplateScope>().notNull(),
    locale: text('locale').$type<'ru' | 'en'>().notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    ownerId: uuid('owner_id'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('message_templates_list_idx')
      .on(t.workspaceId, t.kind, t.name)
      .where(sql`${t.deletedAt} is null`),
  ],
);

// A segment: the contacts list's filter saved under a name (the query of a saved view).
export const segments = pgTable(
  'segments',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    entity: text('entity').$type<'contacts'>().notNull(),
    query: jsonb('query').$type<ViewQuery>().notNull(),
    ownerId: uuid('owner_id'),
    createdAt: createdAt(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

// An e-mail campaign: a segment, a letter template and a sender channel, sent at `rate` letters a
// second from `scheduled_at`. The template's text is copied at start (a later edit changes nothing).
export const campaigns = pgTable(
  'campaigns',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    segmentId: uuid('segment_id').notNull(),
    templateId: uuid('template_id').notNull(),
    channelId: uuid('channel_id').notNull(),
    status: text('status').$type<CampaignStatus>().notNull(),
    rate: integer('rate').notNull(),
    scheduledAt: ts('scheduled_at'),
    subject: text('subject'),
    body: text('body'),
    ownerId: uuid('owner_id'),
    createdAt: createdAt(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

// One row per (campaign, contact): the durable state that makes a letter go at most once.
export const campaignRecipients = pgTable(
  'campaign_recipients',
  {
    workspaceId: workspaceId(),
    campaignId: uuid('campaign_id').notNull(),
    contactId: uuid('contact_id').notNull(),
    email: text('email'),
    state: text('state').$type<RecipientState>().notNull(),
    skipReason: text('skip_reason').$type<SkipReason>(),
    attempts: integer('attempts').notNull().default(0),
    error: text('error'),
    sentAt: ts('sent_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.campaignId, t.contactId] }),
    index('campaign_recipients_state_idx').on(t.workspaceId, t.campaignId, t.state),
  ],
);

// The suppression list: a contact (or address) that unsubscribed gets no campaign again.
export const unsubscribes = pgTable(
  'unsubscribes',
  {
    workspaceId: workspaceId(),
    contactId: uuid('contact_id').notNull(),
    campaignId: uuid('campaign_id'),
    at: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.contactId] })],
);
