import { index, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts, workspaceId } from '../../platform/db/columns.js';

export type Subject = {
  contactId?: string | null;
  companyId?: string | null;
  dealId?: string | null;
  leadId?: string | null;
};

export const tasks = pgTable(
  'tasks',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    kind: text('kind').$type<'call' | 'meeting' | 'email' | 'todo'>().notNull(),
    title: text('title').notNull(),
    description: text('description'),
    dueAt: ts('due_at'),
    remindAt: ts('remind_at'),
    doneAt: ts('done_at'),
    ownerId: uuid('owner_id'),
    contactId: uuid('contact_id'),
    companyId: uuid('company_id'),
    dealId: uuid('deal_id'),
    leadId: uuid('lead_id'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('tasks_owner_due_idx').on(t.workspaceId, t.ownerId, t.doneAt, t.dueAt),
    index('tasks_deal_idx').on(t.workspaceId, t.dealId),
    index('tasks_contact_idx').on(t.workspaceId, t.contactId),
    index('tasks_company_idx').on(t.workspaceId, t.companyId),
    index('tasks_lead_idx').on(t.workspaceId, t.leadId),
  ],
);

// The timeline: logged calls, meetings, e-mails, notes and system events (stage changes, merges).
export const activities = pgTable(
  'activities',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    kind: text('kind')
      .$type<
        | 'call'
        | 'meeting'
        | 'email'
        | 'note'
        | 'stage_change'
        | 'task_done'
        | 'merge'
        | 'conversion'
        | 'assignment'
        | 'dunning'
      >()
      .notNull(),
    at: ts('at').notNull().defaultNow(),
    actorId: uuid('actor_id'),
    contactId: uuid('contact_id'),
    companyId: uuid('company_id'),
    dealId: uuid('deal_id'),
    leadId: uuid('lead_id'),
    body: text('body'),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('activities_contact_idx').on(t.workspaceId, t.contactId, t.id),
    index('activities_company_idx').on(t.workspaceId, t.companyId, t.id),
    index('activities_deal_idx').on(t.workspaceId, t.dealId, t.id),
    index('activities_lead_idx').on(t.workspaceId, t.leadId, t.id),
    // Analytics: each manager's calls and meetings per week.
    index('activities_at_idx').on(t.workspaceId, t.at),
  ],
);

// The member's own extension at the workspace's PBX: click-to-call rings it first.
export const callExtensions = pgTable(
  'call_extensions',
  {
    workspaceId: workspaceId(),
    memberId: uuid('member_id').notNull(),
    extension: text('extension').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.memberId] })],
);

// A click-to-call: the PBX was asked to ring the member, then the client. The record it was started
// from is linked to the call's timeline entry when the PBX reports the call (phoneKey = the last ten
// digits of the client's number). One click (Idempotency-Key) is one row and rings once.
export const outgoingCalls = pgTable(
  'outgoing_calls',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    memberId: uuid('member_id').notNull(),
    channelId: uuid('channel_id').notNull(),
    provider: text('provider').$type<'mango' | 'zadarma'>().notNull(),
    extension: text('extension').notNull(),
    phone: text('phone').notNull(),
    phoneKey: text('phone_key').notNull(),
    contactId: uuid('contact_id'),
    companyId: uuid('company_id'),
    dealId: uuid('deal_id'),
    leadId: uuid('lead_id'),
    callListId: uuid('call_list_id'),
    callListItemId: uuid('call_list_item_id'),
    status: text('status').$type<'requested' | 'failed' | 'linked'>().notNull(),
    callId: text('call_id'),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('outgoing_calls_key_uq').on(t.workspaceId, t.idempotencyKey),
    index('outgoing_calls_phone_idx').on(t.workspaceId, t.phoneKey, t.createdAt),
  ],
);
