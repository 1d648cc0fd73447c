import type { DunningChannel, DunningRunStatus, DunningStep } from '@voronka/contract';
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, ts, workspaceId } from '../../../platform/db/columns.js';

// A workspace's dunning ladders; the scan follows the one marked default (one per workspace).
export const dunningPolicies = pgTable(
  'dunning_policies',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    isDefault: boolean('is_default').notNull().default(false),
    enabled: boolean('enabled').notNull().default(true),
    steps: jsonb('steps').$type<DunningStep[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('dunning_policies_default_uq')
      .on(t.workspaceId)
      .where(sql`${t.isDefault}`),
  ],
);

// A company a person paused dunning for: who, why, until when (none: until resumed).
export const dunningPauses = pgTable(
  'dunning_pauses',
  {
    workspaceId: workspaceId(),
    companyId: uuid('company_id').notNull(),
    pausedBy: uuid('paused_by'),
    reason: text('reason').notNull(),
    until: ts('until'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.companyId] })],
);

// One step of the ladder for one invoice. The unique (invoice, offset) is what makes a step fire
// once, whatever the number of scans, workers and restarts: the scan inserts with ON CONFLICT DO
// NOTHING and enqueues a job only for the row it made.
export const dunningRuns = pgTable(
  'dunning_runs',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    companyId: uuid('company_id'),
    policyId: uuid('policy_id').notNull(),
    offsetDays: integer('offset_days').notNull(),
    channels: jsonb('channels').$type<DunningChannel[]>().notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    status: text('status').$type<DunningRunStatus>().notNull(),
    note: text('note'),
    createdAt: createdAt(),
    doneAt: ts('done_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('dunning_runs_step_uq').on(t.workspaceId, t.invoiceId, t.offsetDays),
    index('dunning_runs_company_idx').on(t.workspaceId, t.companyId, t.createdAt),
  ],
);
