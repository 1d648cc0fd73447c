import type { Deal, DealMoveBody } from '@voronka/contract';
import { and, asc, desc, eq, max, min, ne, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { getDeal } from './deal-queries.js';
import { findStage, getLostReason } from './pipelines.js';
import { deals, dealStageHistory } from './tables.js';
import { companyOfDeal } from './owned.js';
import { stageChanged } from './stage-changes.js';

export async function assertLostReason(
  ctx: Ctx,
  kind: string,
  lostReasonId: string | null | undefined,
) {
  if (kind !== 'lost') return;
  if (!lostReasonId)
    throw new DomainError('deal.lost_reason_required', 'choose why the deal was lost', {
      field: 'lostReasonId',
    });
  await getLostReason(ctx, lostReasonId, 'lostReasonId');
}

const inStage = (ctx: Ctx, stageId: string) =>
  and(eq(deals.workspaceId, ctx.workspaceId), eq(deals.stageId, stageId));

// New deals go on top of their column.
export async function topOfColumn(ctx: Ctx, stageId: string): Promise<number> {
  const [row] = await ctx.tx
    .select({ top: min(deals.boardPosition) })
    .from(deals)
    .where(inStage(ctx, stageId));
  return row?.top == null ? 0 : row.top - 1;
}

type Placement = {
  stageId: string;
  beforeId?: string | null | undefined;
  afterId?: string | null | undefined;
};

async function neighbour(ctx: Ctx, stageId: string, id: string, field: string) {
  const [row] = await ctx.tx
    .select({ id: deals.id, pos: deals.boardPosition })
    .from(deals)
    .where(and(inStage(ctx, stageId), eq(deals.id, id)));
  if (!row)
    throw new DomainError('deal.not_found', 'that card is not in the target column', { field });
  return row;
}

// The gap the card lands in, as (lower, upper) positions; either side may be open.
async function gapFor(
  ctx: Ctx,
  movingId: string,
  p: Placement,
): Promise<[number | null, number | null]> {
  const others = and(inStage(ctx, p.stageId), ne(deals.id, movingId));
  if (p.afterId) {
    const a = await neighbour(ctx, p.stageId, p.afterId, 'afterId');
    const [next] = await ctx.tx
      .select({ pos: deals.boardPosition })
      .from(deals)
      .where(
        and(others, sql`(${deals.boardPosition}, ${deals.id}) > (${a.pos}::real, ${a.id}::uuid)`),
      )
      .orderBy(asc(deals.boardPosition), asc(deals.id))
      .limit(1);
    return [a.pos, next?.pos ?? null];
  }
  if (p.beforeId) {
    const b = await neighbour(ctx, p.stageId, p.beforeId, 'beforeId');
    const [prev] = await ctx.tx
      .select({ pos: deals.boardPosition })
      .from(deals)
      .where(
        and(others, sql`(${deals.boardPosition}, ${deals.id}) < (${b.pos}::real, ${b.id}::uuid)`),
      )
      .orderBy(desc(deals.boardPosition), desc(deals.id))
      .limit(1);
    return [prev?.pos ?? null, b.pos];
  }
  const [last] = await ctx.tx
    .select({ pos: max(deals.boardPosition) })
    .from(deals)
    .where(others);
  return [last?.pos ?? null, null];
}

// board_position is a 4-byte real: a midpoint that rounds onto a neighbour (or a tie) means the
// column has run out of room there, so it is renumbered 1..n once and the gap found again.
function midpoint([lo, hi]: [number | null, number | null]): number | null {
  const mid = Math.fround(
    lo === null && hi === null ? 0 : lo === null ? hi! - 1 : hi === null ? lo + 1 : (lo + hi) / 2,
  );
  if ((lo !== null && mid <= lo) || (hi !== null && mid >= hi)) return null;
  return mid;
}

async function renumberColumn(ctx: Ctx, stageId: string) {
  await ctx.tx.execute(sql`update deals d set board_position = r.rn from (
    select id, row_number() over (order by board_position, id) as rn from deals where workspace_id = ${ctx.workspaceId} and stage_id = ${stageId}
  ) r where d.workspace_id = ${ctx.workspaceId} and d.id = r.id`);
}

async function positionFor(ctx: Ctx, movingId: string, p: Placement): Promise<number> {
  const first = midpoint(await gapFor(ctx, movingId, p));
  if (first !== null) return first;
  await renumberColumn(ctx, p.stageId);
  return midpoint(await gapFor(ctx, movingId, p)) ?? 0;
}

// Sets the stage and the place in the column. A change of stage closes the open history row,
// opens a new one, logs a 'stage_change' activity and sets closed_at for won/lost stages.
export async function placeDeal(
  ctx: Ctx,
  deal: Deal,
  p: Placement & { lostReasonId?: string | null | undefined },
): Promise<void> {
  const stage = await findStage(ctx, p.stageId);
  const where = and(eq(deals.workspaceId, ctx.workspaceId), eq(deals.id, deal.id));
  const boardPosition = await positionFor(ctx, deal.id, p);
  if (stage.id === deal.stageId) {
    await ctx.tx.update(deals).set({ boardPosition, updatedAt: new Date() }).where(where);
    return;
  }
  const lostReasonId = p.lostReasonId === undefined ? deal.lostReasonId : p.lostReasonId;
  await assertLostReason(ctx, stage.kind, lostReasonId);
  const from = await findStage(ctx, deal.stageId);
  const now = new Date();
  await ctx.tx
    .update(deals)
    .set({
      stageId: stage.id,
      pipelineId: stage.pipelineId,
      boardPosition,
      stageEnteredAt: now,
      closedAt: stage.kind === 'open' ? null : now,
      lostReasonId: stage.kind === 'lost' ? lostReasonId : null,
      updatedAt: now,
    })
    .where(where);
  await ctx.tx
    .update(dealStageHistory)
    .set({ leftAt: now })
    .where(
      and(
        eq(dealStageHistory.workspaceId, ctx.workspaceId),
        eq(dealStageHistory.dealId, deal.id),
        sql`${dealStageHistory.leftAt} is null`,
      ),
    );
  await ctx.tx.insert(dealStageHistory).values({
    workspaceId: ctx.workspaceId,
    id: newId(),
    dealId: deal.id,
    stageId: stage.id,
    enteredAt: now,
    actorId: ctx.actor.memberId,
  });
  await stageChanged(ctx, {
    at: now,
    dealId: deal.id,
    // The stored link (the deal as shown hides a company the mover cannot see).
    companyId: await companyOfDeal(ctx, deal.id),
    data: {
      fromStageId: from.id,
      fromStageName: from.name,
      toStageId: stage.id,
      toStageName: stage.name,
      toStageKind: stage.kind,
      dealTitle: deal.title,
    },
  });
}

export async function moveDeal(ctx: Ctx, id: string, body: DealMoveBody): Promise<Deal> {
  const before = await getDeal(ctx, id);
  await placeDeal(ctx, before, body);
  const after = await getDeal(ctx, id);
  await recordAudit(ctx, {
    action: 'deal.moved',
    entity: 'deals',
    entityId: id,
    before: { stageId: before.stageId, boardPosition: before.boardPosition },
    after: {
      stageId: after.stageId,
      boardPosition: after.boardPosition,
      lostReasonId: after.lostReasonId,
    },
  });
  return after;
}
