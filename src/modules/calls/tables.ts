import { index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts, workspaceId } from '../../platform/db/columns.js';

export type ScriptSection = { title: string; text: string };

// A call list (обзвон): clients with phones to call, the managers who call them, the script.
export const callLists = pgTable(
  'call_lists',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    managerIds: jsonb('manager_ids').$type<string[]>().notNull().default([]),
    script: jsonb('script').$type<ScriptSection[]>().notNull().default([]),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

// One client of a list. `assigneeId` is set when the item is handed to a manager (the next
// client is claimed with FOR UPDATE SKIP LOCKED, so two managers never get the same one);
// `doneAt` with the outcome when they record it.
export const callListItems = pgTable(
  'call_list_items',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    callListId: uuid('call_list_id').notNull(),
    position: text('position').notNull(),
    contactId: uuid('contact_id'),
    companyId: uuid('company_id'),
    name: text('name').notNull(),
    phone: text('phone').notNull(),
    assigneeId: uuid('assignee_id'),
    claimedAt: ts('claimed_at'),
    outcome: text('outcome').$type<
      'no_answer' | 'call_back' | 'not_interested' | 'interested' | 'wrong_number'
    >(),
    reason: text('reason'),
    note: text('note'),
    callBackAt: ts('call_back_at'),
    taskId: uuid('task_id'),
    leadId: uuid('lead_id'),
    doneAt: ts('done_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('call_list_items_next_idx').on(t.workspaceId, t.callListId, t.doneAt, t.position),
  ],
);
