import { bigint, date, index, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
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
