import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { deals } from './tables.js';

export type QuietDeal = { id: string; ownerId: string | null; quietSince: Date };

// Open deals not touched (changed or moved) since `before`, oldest first, optionally in one
// pipeline or stage: the candidates of a stale-deal rule (automation adds the timeline's last
// activity, which pipeline does not see).
export async function quietOpenDeals(
  ctx: Ctx,
  q: { before: Date; pipelineId?: string | null; stageId?: string | null; limit: number },
): Promise<QuietDeal[]> {
  const touched = sql<Date>`greatest(${deals.updatedAt}, ${deals.stageEnteredAt})`;
  const rows = await ctx.tx
    .select({ id: deals.id, ownerId: deals.ownerId, quietSince: touched })
    .from(deals)
    .where(
      and(
        eq(deals.workspaceId, ctx.workspaceId),
        isNull(deals.closedAt),
        q.pipelineId ? eq(deals.pipelineId, q.pipelineId) : undefined,
        q.stageId ? eq(deals.stageId, q.stageId) : undefined,
        lt(touched, q.before),
      ),
    )
    .orderBy(asc(touched))
    .limit(q.limit);
  return rows.map((r) => ({ ...r, quietSince: new Date(r.quietSince) }));
}
