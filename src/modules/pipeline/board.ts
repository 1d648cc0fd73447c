import type { Board, BoardColumn, Deal, Page } from '@voronka/contract';
import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { dealColumns, dealScope, toDeal } from './deal-queries.js';
import { findStage, getPipeline } from './pipelines.js';
import { deals } from './tables.js';

export const COUNT_CAP = 10_000;

// One column's cards in board order (position, then id), keyset-paged for infinite scroll.
export async function listBoardColumn(
  ctx: Ctx,
  pipelineId: string,
  stageId: string,
  q: { limit: number; cursor?: string | undefined },
): Promise<Page<Deal>> {
  const stage = await findStage(ctx, stageId);
  if (stage.pipelineId !== pipelineId) throw new DomainError('stage.not_found', 'stage not found');
  const after = decodeCursor(q.cursor, ['real', 'uuid']);
  const rows = await ctx.tx
    .select(dealColumns(ctx))
    .from(deals)
    .where(
      and(
        dealScope(ctx),
        eq(deals.stageId, stageId),
        after
          ? sql`(${deals.boardPosition}, ${deals.id}) > (${after[0]}::real, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(deals.boardPosition), asc(deals.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toDeal, (r) => [r.boardPosition, r.id]);
}

// Columns with their totals (one grouped query; exact, with the count shown capped at 10 000+)
// and the first cards of each stage.
export async function getBoard(ctx: Ctx, pipelineId: string, perStage: number): Promise<Board> {
  const pipeline = await getPipeline(ctx, pipelineId);
  const totals = await ctx.tx
    .select({
      stageId: deals.stageId,
      n: count(),
      amount: sql<string>`coalesce(sum(${deals.amount}), 0)::text`,
    })
    .from(deals)
    .where(and(dealScope(ctx), eq(deals.pipelineId, pipelineId)))
    .groupBy(deals.stageId);
  const columns: BoardColumn[] = [];
  for (const stage of pipeline.stages) {
    const t = totals.find((r) => r.stageId === stage.id);
    const page = await listBoardColumn(ctx, pipelineId, stage.id, { limit: perStage });
    const n = t?.n ?? 0;
    columns.push({
      stage,
      count: Math.min(n, COUNT_CAP),
      countCapped: n > COUNT_CAP,
      amount: t?.amount ?? '0',
      deals: page.items,
      nextCursor: page.nextCursor,
    });
  }
  return { pipeline, columns };
}
