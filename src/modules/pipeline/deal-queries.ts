import type { Deal, StageVisit } from '@voronka/contract';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import * as workspaces from '../workspaces/service.js';
import './owned.js';
import { deals, dealStageHistory } from './tables.js';

// Raw, fully qualified SQL in the subqueries: a single-table select renders columns unqualified.
// The linked company and contacts are shown only when the caller sees them (the one visibility
// rule, workspaces/visibility.ts): a deal of theirs linked to a record they cannot see shows none.
export const dealColumns = (ctx: Ctx) => {
  const company = and(
    sql`c.workspace_id = "deals"."workspace_id" and c.id = "deals"."company_id"`,
    workspaces.visibleTo(ctx, 'companies', sql`c.owner_id`),
  );
  const contact = workspaces.visibleTo(ctx, 'contacts', sql`c.owner_id`) ?? sql`true`;
  return {
    id: deals.id,
    title: deals.title,
    pipelineId: deals.pipelineId,
    stageId: deals.stageId,
    amount: deals.amount,
    currency: deals.currency,
    expectedCloseDate: deals.expectedCloseDate,
    companyId: sql<string | null>`(select c.id from companies c where ${company})`,
    ownerId: deals.ownerId,
    lostReasonId: deals.lostReasonId,
    boardPosition: deals.boardPosition,
    stageEnteredAt: deals.stageEnteredAt,
    closedAt: deals.closedAt,
    tags: deals.tags,
    custom: deals.custom,
    createdAt: deals.createdAt,
    updatedAt: deals.updatedAt,
    companyName: sql<string | null>`(select c.name from companies c where ${company})`,
    contacts: sql<
      { id: string; name: string }[]
    >`coalesce((select json_agg(json_build_object('id', c.id, 'name', c.full_name) order by c.full_name) from deal_contacts dc join contacts c on c.workspace_id = dc.workspace_id and c.id = dc.contact_id where dc.workspace_id = "deals"."workspace_id" and dc.deal_id = "deals"."id" and ${contact}), '[]'::json)`,
  };
};
export type DealRow = {
  id: string;
  title: string;
  pipelineId: string;
  stageId: string;
  amount: number;
  currency: string;
  expectedCloseDate: string | null;
  companyId: string | null;
  ownerId: string | null;
  lostReasonId: string | null;
  boardPosition: number;
  stageEnteredAt: Date;
  closedAt: Date | null;
  tags: string[];
  custom: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
  companyName: string | null;
  contacts: { id: string; name: string }[];
};

export const toDeal = (r: DealRow): Deal => ({
  id: r.id,
  title: r.title,
  pipelineId: r.pipelineId,
  stageId: r.stageId,
  amount: Number(r.amount),
  currency: r.currency,
  expectedCloseDate: r.expectedCloseDate,
  companyId: r.companyId,
  companyName: r.companyName,
  contactIds: r.contacts.map((c) => c.id),
  contacts: r.contacts,
  ownerId: r.ownerId,
  lostReasonId: r.lostReasonId,
  boardPosition: r.boardPosition,
  stageEnteredAt: r.stageEnteredAt.toISOString(),
  closedAt: r.closedAt?.toISOString() ?? null,
  tags: r.tags,
  custom: r.custom,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

export const dealScope = (ctx: Ctx): SQL | undefined => workspaces.ownedScope(ctx, 'deals');

export async function findDealRow(ctx: Ctx, id: string): Promise<DealRow> {
  const [row] = await ctx.tx
    .select(dealColumns(ctx))
    .from(deals)
    .where(and(dealScope(ctx), eq(deals.id, id)));
  if (!row) throw new DomainError('deal.not_found', 'deal not found');
  return row;
}

export async function stageHistory(ctx: Ctx, dealId: string): Promise<StageVisit[]> {
  const rows = await ctx.tx
    .select({
      stageId: dealStageHistory.stageId,
      enteredAt: dealStageHistory.enteredAt,
      leftAt: dealStageHistory.leftAt,
      durationSeconds:
        sql<number>`floor(extract(epoch from coalesce(${dealStageHistory.leftAt}, now()) - ${dealStageHistory.enteredAt}))::int`.mapWith(
          Number,
        ),
    })
    .from(dealStageHistory)
    .where(
      and(eq(dealStageHistory.workspaceId, ctx.workspaceId), eq(dealStageHistory.dealId, dealId)),
    )
    .orderBy(asc(dealStageHistory.enteredAt), asc(dealStageHistory.id));
  return rows.map((r) => ({
    ...r,
    enteredAt: r.enteredAt.toISOString(),
    leftAt: r.leftAt?.toISOString() ?? null,
  }));
}

export async function getDeal(ctx: Ctx, id: string): Promise<Deal> {
  return { ...toDeal(await findDealRow(ctx, id)), stageHistory: await stageHistory(ctx, id) };
}
