import { and, eq, inArray, max } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { activities } from './tables.js';

// The newest timeline entry (call, meeting, e-mail, note, task done…) of each deal named.
export async function lastDealActivity(ctx: Ctx, dealIds: string[]): Promise<Map<string, Date>> {
  if (!dealIds.length) return new Map();
  const rows = await ctx.tx
    .select({ dealId: activities.dealId, at: max(activities.at) })
    .from(activities)
    .where(and(eq(activities.workspaceId, ctx.workspaceId), inArray(activities.dealId, dealIds)))
    .groupBy(activities.dealId);
  return new Map(rows.filter((r) => r.dealId && r.at).map((r) => [r.dealId!, new Date(r.at!)]));
}
