import {
  bigint,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, ts, workspaceId } from '../../platform/db/columns.js';

// A sales plan: an amount (kopecks) for a month or quarter (its first day), for the department,
// a team or a member, on won deals or on paid money. One per period, scope and basis.
export const salesPlans = pgTable(
  'sales_plans',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    period: text('period').$type<'month' | 'quarter'>().notNull(),
    start: date('start', { mode: 'string' }).notNull(),
    scope: text('scope').$type<'department' | 'team' | 'member'>().notNull(),
    scopeId: uuid('scope_id'),
    basis: text('basis').$type<'won' | 'paid'>().notNull(),
    amount: bigint('amount', { mode: 'number' }).notNull(),
    updatedBy: uuid('updated_by'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    unique('sales_plans_uq')
      .on(t.workspaceId, t.period, t.start, t.scope, t.scopeId, t.basis)
      .nullsNotDistinct(),
    index('sales_plans_start_idx').on(t.workspaceId, t.start),
  ],
);

// The funnel's daily aggregate (DESIGN.md "Daily aggregates"): per cohort day (the deals' creation
// day in the workspace's zone), pipeline, owner and sources, the parts the funnel adds up — totals,
// the reach histogram, lost reasons, time in stage and the cycle as histograms of whole minutes.
// Written only by rollup.ts, a whole day at a time (delete + insert), so it is recomputable.
export const funnelDaily = pgTable(
  'analytics_funnel_daily',
  {
    workspaceId: workspaceId(),
    day: date('day', { mode: 'string' }).notNull(),
    pipelineId: uuid('pipeline_id').notNull(),
    ownerId: uuid('owner_id'),
    // The channels of the requests converted into the deal, sorted ('{}': none).
    sources: text('sources')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    part: text('part').$type<'total' | 'reach' | 'lost' | 'stay' | 'cycle'>().notNull(),
    key: text('key'),
    minutes: integer('minutes'),
    n: bigint('n', { mode: 'number' }).notNull(),
    a: bigint('a', { mode: 'number' }).notNull().default(0),
    b: bigint('b', { mode: 'number' }).notNull().default(0),
    c: bigint('c', { mode: 'number' }).notNull().default(0),
  },
  (t) => [index('analytics_funnel_daily_idx').on(t.workspaceId, t.pipelineId, t.day)],
);

// The days whose aggregate is complete, computed in the zone named (a zone change voids them).
export const freshDays = pgTable(
  'analytics_fresh_days',
  {
    workspaceId: workspaceId(),
    day: date('day', { mode: 'string' }).notNull(),
    tz: text('tz').notNull(),
    computedAt: ts('computed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day] })],
);

// Past days whose deals changed since their aggregate was computed: marked by triggers in the
// writer's transaction (migration analytics_daily), cleared by the rollup that recomputes them.
export const dirtyDays = pgTable(
  'analytics_dirty_days',
  {
    workspaceId: workspaceId(),
    day: date('day', { mode: 'string' }).notNull(),
    markedAt: ts('marked_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.day] })],
);
