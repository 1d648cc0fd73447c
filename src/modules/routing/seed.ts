import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import {
  leadAssignments,
  leadRouting,
  memberAvailability,
  routingRules,
  routingSettings,
  slaPolicies,
} from './tables.js';

// Bulk writes of prepared rows, for the demo (src/demo/): a department's queue set up at once, and
// the assignments the routing would have recorded in the past. The caller keeps the invariants.
export type SeedRoutingRule = typeof routingRules.$inferInsert;
export type SeedSlaPolicy = typeof slaPolicies.$inferInsert;
export type SeedRoutingSettings = typeof routingSettings.$inferInsert;
export type SeedAvailability = typeof memberAvailability.$inferInsert;
export type SeedAssignment = typeof leadAssignments.$inferInsert;
export type SeedLeadRouting = typeof leadRouting.$inferInsert;

// The workspace's rules, in no order (none: the queue is not set up yet).
export async function seedRuleList(ctx: Ctx) {
  return ctx.tx
    .select({
      id: routingRules.id,
      name: routingRules.name,
      strategy: routingRules.strategy,
      conditions: routingRules.conditions,
    })
    .from(routingRules)
    .where(eq(routingRules.workspaceId, ctx.workspaceId));
}

export async function seedRouting(
  ctx: Ctx,
  rows: {
    rules: SeedRoutingRule[];
    policies: SeedSlaPolicy[];
    settings: SeedRoutingSettings;
    availability: SeedAvailability[];
  },
): Promise<void> {
  if (rows.rules.length) await ctx.tx.insert(routingRules).values(rows.rules);
  if (rows.policies.length) await ctx.tx.insert(slaPolicies).values(rows.policies);
  await ctx.tx.insert(routingSettings).values(rows.settings).onConflictDoNothing();
  if (rows.availability.length)
    await ctx.tx.insert(memberAvailability).values(rows.availability).onConflictDoNothing();
}

export async function seedAssignments(ctx: Ctx, rows: SeedAssignment[]): Promise<void> {
  if (rows.length) await ctx.tx.insert(leadAssignments).values(rows);
}

// Past requests' deadlines and answers, over the rows the leads_routed trigger added with them.
export async function seedLeadRouting(ctx: Ctx, rows: SeedLeadRouting[]): Promise<void> {
  if (!rows.length) return;
  await ctx.tx
    .insert(leadRouting)
    .values(rows)
    .onConflictDoUpdate({
      target: [leadRouting.workspaceId, leadRouting.leadId],
      set: {
        firstResponseDueAt: sql`excluded.first_response_due_at`,
        firstRespondedAt: sql`excluded.first_responded_at`,
        firstRespondedBy: sql`excluded.first_responded_by`,
      },
    });
}
