import {
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

// A script step; `answers` make it a graph: an answer or objection leads to the step `next` (none:
// the following step). Steps without answers read as the sections of a plain script.
export type ScriptAnswer = { label: string; objection?: boolean; next?: string | null };
export type ScriptSection = { id?: string; title: string; text: string; answers?: ScriptAnswer[] };
export type ScriptPathStep = { stepId: string; answer: string };
export type CallListSource = {
  kind: 'selection' | 'search' | 'view' | 'import';
  viewId?: string;
  fileName?: string;
};

// A call list (обзвон): clients with phones to call, the managers who call them, the script.
export const callLists = pgTable(
  'call_lists',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    managerIds: jsonb('manager_ids').$type<string[]>().notNull().default([]),
    script: jsonb('script').$type<ScriptSection[]>().notNull().default([]),
    source: jsonb('source').$type<CallListSource>(),
    // Clients left out when the list was made because their number is on the do-not-call list.
    excludedDoNotCall: integer('excluded_do_not_call').notNull().default(0),
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
      | 'no_answer'
      | 'busy'
      | 'call_back'
      | 'not_interested'
      | 'interested'
      | 'meeting_booked'
      | 'wrong_number'
      | 'do_not_call'
    >(),
    reason: text('reason'),
    note: text('note'),
    callBackAt: ts('call_back_at'),
    taskId: uuid('task_id'),
    leadId: uuid('lead_id'),
    // The script's steps and the answer taken at each (objection branches), for analysis.
    scriptPath: jsonb('script_path').$type<ScriptPathStep[]>(),
    doneAt: ts('done_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('call_list_items_next_idx').on(t.workspaceId, t.callListId, t.doneAt, t.position),
    index('call_list_items_phone_idx').on(t.workspaceId, t.phone),
  ],
);

// Numbers not to be called (the client asked, or the number came so on an import): every call list
// leaves them out when it is made, and adding one closes the open items with that number.
export const doNotCall = pgTable(
  'do_not_call',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    // E.164, as contact points store phones.
    phone: text('phone').notNull(),
    contactId: uuid('contact_id'),
    reason: text('reason'),
    source: text('source').$type<'manual' | 'call' | 'import'>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('do_not_call_phone_uq').on(t.workspaceId, t.phone),
    index('do_not_call_contact_idx').on(t.workspaceId, t.contactId),
  ],
);
