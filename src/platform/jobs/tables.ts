import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, ts } from '../db/columns.js';

export type JobState = 'queued' | 'active' | 'completed' | 'failed';

// The outbox and the queue in one table: a job row is inserted in the business transaction, so the
// effect exists exactly when the change does; `key` makes each effect unique.
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey(),
    // Not named workspace_id: the worker claims across workspaces; the handler then runs inside
    // the job's workspace (and its RLS) through inWorkspace.
    tenantId: uuid('tenant_id'),
    name: text('name').notNull(),
    key: text('key'),
    payload: jsonb('payload').notNull(),
    state: text('state').$type<JobState>().notNull().default('queued'),
    runAt: ts('run_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lockedUntil: ts('locked_until'),
    lastError: text('last_error'),
    createdAt: createdAt(),
    finishedAt: ts('finished_at'),
  },
  (t) => [uniqueIndex('jobs_key_uq').on(t.name, t.key), index('jobs_due_idx').on(t.state, t.runAt)],
);
