import {
  DealListQuery as DealListFilters,
  type Deal,
  type DealCreateBody,
  type DealListRequest,
  type DealUpdateBody,
  type Page,
} from '@voronka/contract';
import { dealCreated } from './stage-changes.js';
import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import { listTextFilter } from '../../platform/db/text-search.js';
import * as workspaces from '../workspaces/service.js';
import { assertOnlyCustomExtras, customFilter, validateCustom } from '../fields/service.js';
import { dealColumns, dealScope, getDeal, toDeal } from './deal-queries.js';
import { assertCompany, assertContacts } from '../clients/service.js';
import { assertLostReason, placeDeal, topOfColumn } from './move-deal.js';
import { assertAmountFree } from './amount-source.js';
import { defaultPipeline, findStage, getPipeline } from './pipelines.js';
import { dealContacts, deals, dealStageHistory } from './tables.js';

// LIKE patterns from user text: the wildcards it contains are literal.
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// Sort keys as text, so a cursor keeps full precision (microseconds, bigint) and is cast back.
const sortKeys = {
  updatedAt: { expr: sql`${deals.updatedAt}`, cast: 'timestamptz', part: 'timestamp' },
  createdAt: { expr: sql`${deals.createdAt}`, cast: 'timestamptz', part: 'timestamp' },
  amount: { expr: sql`${deals.amount}`, cast: 'bigint', part: 'bigint' },
  expectedCloseDate: {
    expr: sql`coalesce(${deals.expectedCloseDate}, '9999-12-31'::date)`,
    cast: 'date',
    part: 'date',
  },
} as const;

function listFilters(q: DealListRequest): (SQL | undefined)[] {
  return [
    q.pipelineId ? eq(deals.pipelineId, q.pipelineId) : undefined,
    q.stageId ? eq(deals.stageId, q.stageId) : undefined,
    q.ownerId ? eq(deals.ownerId, q.ownerId) : undefined,
    q.companyId ? eq(deals.companyId, q.companyId) : undefined,
    q.contactId
      ? sql`exists (select 1 from ${dealContacts} where ${dealContacts.workspaceId} = ${deals.workspaceId} and ${dealContacts.dealId} = ${deals.id} and ${dealContacts.contactId} = ${q.contactId})`
      : undefined,
    q.tag ? sql`${deals.tags} @> array[${q.tag}]::text[]` : undefined,
    q.amountMin !== undefined ? gte(deals.amount, q.amountMin) : undefined,
    q.amountMax !== undefined ? lte(deals.amount, q.amountMax) : undefined,
    q.closeFrom ? gte(deals.expectedCloseDate, q.closeFrom) : undefined,
    q.closeTo ? lte(deals.expectedCloseDate, q.closeTo) : undefined,
  ];
}

const knownParams = Object.keys(DealListFilters.shape);

export async function listDeals(ctx: Ctx, q: DealListRequest): Promise<Page<Deal>> {
  assertOnlyCustomExtras(q, knownParams);
  const key = sortKeys[q.sort ?? 'updatedAt'];
  const after = decodeCursor(q.cursor, [key.part, 'uuid']);
  const dir = q.order === 'asc' ? sql`>` : sql`<`;
  const custom = await customFilter(ctx, 'deals', deals.custom, q);
  // Words: the matching ids from the indexes first (platform/db/text-search.ts: under RLS ILIKE/@@
  // cannot use them).
  const like = q.q ? `%${likeEscape(q.q)}%` : null;
  const text = like
    ? await listTextFilter(
        ctx.tx,
        {
          table: deals,
          id: deals.id,
          workspace: eq(deals.workspaceId, ctx.workspaceId),
          visible: workspaces.visibleTo(ctx, 'deals', deals.ownerId),
        },
        sql`(${deals.title} ilike ${like} or ${deals.search} @@ plainto_tsquery('russian', ${q.q}))`,
      )
    : undefined;
  const keyset = after
    ? sql`(${key.expr}, ${deals.id}) ${dir} (cast(${after[0]} as ${sql.raw(key.cast)}), cast(${after[1]} as uuid))`
    : undefined;
  const order = q.order === 'asc' ? sql`asc` : sql`desc`;
  const rows = await ctx.tx
    .select({ ...dealColumns(ctx), sortKey: sql<string>`(${key.expr})::text` })
    .from(deals)
    .where(and(dealScope(ctx), ...listFilters(q), text, custom, keyset))
    .orderBy(sql`${key.expr} ${order}`, sql`${deals.id} ${order}`)
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toDeal, (r) => [r.sortKey, r.id]);
}

async function assertOwner(ctx: Ctx, ownerId: string | null | undefined) {
  if (!ownerId) return;
  try {
    await workspaces.getUser(ctx, ownerId);
  } catch {
    throw new DomainError('user.not_found', 'owner not found', { field: 'ownerId' });
  }
}

// Replaces the contacts the caller sees; links to contacts they cannot see (someone else's client on
// their deal) are neither shown to them nor dropped by them.
async function setContacts(ctx: Ctx, dealId: string, ids: string[]) {
  const seen = workspaces.visibleIdsSql(ctx, 'contacts');
  await ctx.tx
    .delete(dealContacts)
    .where(
      and(
        eq(dealContacts.workspaceId, ctx.workspaceId),
        eq(dealContacts.dealId, dealId),
        seen ? inArray(dealContacts.contactId, seen) : undefined,
      ),
    );
  const unique = [...new Set(ids)];
  if (unique.length)
    await ctx.tx
      .insert(dealContacts)
      .values(unique.map((contactId) => ({ workspaceId: ctx.workspaceId, dealId, contactId })))
      .onConflictDoNothing();
}

export async function createDeal(ctx: Ctx, body: DealCreateBody): Promise<Deal> {
  const stage = body.stageId ? await findStage(ctx, body.stageId) : null;
  const pipeline = body.pipelineId ?? stage?.pipelineId ?? (await defaultPipeline(ctx)).id;
  if (stage && stage.pipelineId !== pipeline)
    throw new DomainError('stage.not_found', 'the stage is not in this pipeline', {
      field: 'stageId',
    });
  const target = stage ?? (await firstStage(ctx, pipeline));
  await assertLostReason(ctx, target.kind, body.lostReasonId);
  await assertCompany(ctx, body.companyId);
  await assertContacts(ctx, body.contactIds ?? []);
  await assertOwner(ctx, body.ownerId);
  const custom = await validateCustom(ctx, 'deals', body.custom);
  const id = newId();
  const now = new Date();
  await ctx.tx.insert(deals).values({
    workspaceId: ctx.workspaceId,
    id,
    title: body.title,
    pipelineId: pipeline,
    stageId: target.id,
    amount: body.amount ?? 0,
    currency: body.currency ?? 'RUB',
    expectedCloseDate: body.expectedCloseDate ?? null,
    companyId: body.companyId ?? null,
    ownerId: body.ownerId === undefined ? ctx.actor.memberId : body.ownerId,
    lostReasonId: target.kind === 'lost' ? (body.lostReasonId ?? null) : null,
    boardPosition: await topOfColumn(ctx, target.id),
    stageEnteredAt: now,
    closedAt: target.kind === 'open' ? null : now,
    tags: body.tags ?? [],
    custom,
  });
  await ctx.tx.insert(dealStageHistory).values({
    workspaceId: ctx.workspaceId,
    id: newId(),
    dealId: id,
    stageId: target.id,
    enteredAt: now,
    actorId: ctx.actor.memberId,
  });
  await setContacts(ctx, id, body.contactIds ?? []);
  const after = await getDeal(ctx, id);
  await recordAudit(ctx, { action: 'deal.created', entity: 'deals', entityId: id, after });
  await dealCreated(ctx, after);
  return after;
}

async function firstStage(ctx: Ctx, pipelineId: string) {
  const p = await getPipeline(ctx, pipelineId).catch(() => {
    throw new DomainError('pipeline.not_found', 'pipeline not found', { field: 'pipelineId' });
  });
  return p.stages.find((s) => s.kind === 'open') ?? p.stages[0]!;
}

export async function updateDeal(ctx: Ctx, id: string, body: DealUpdateBody): Promise<Deal> {
  const before = await getDeal(ctx, id);
  await assertCompany(ctx, body.companyId);
  if (body.contactIds) await assertContacts(ctx, body.contactIds);
  await assertOwner(ctx, body.ownerId);
  // After the references: a body naming records that are not there is refused as not found first.
  await assertAmountFree(ctx, id, body.amount);
  const { stageId, contactIds, lostReasonId, custom: customInput, ...rest } = body;
  const fields = {
    ...rest,
    custom:
      customInput === undefined
        ? undefined
        : await validateCustom(ctx, 'deals', customInput, before.custom),
  };
  if (stageId && stageId !== before.stageId) {
    await placeDeal(ctx, before, { stageId, lostReasonId: lostReasonId ?? before.lostReasonId });
  } else if (lostReasonId !== undefined) {
    const stage = await findStage(ctx, before.stageId);
    await assertLostReason(ctx, stage.kind, lostReasonId);
    if (stage.kind === 'lost')
      await ctx.tx
        .update(deals)
        .set({ lostReasonId })
        .where(and(eq(deals.workspaceId, ctx.workspaceId), eq(deals.id, id)));
  }
  const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  await ctx.tx
    .update(deals)
    .set({ ...set, updatedAt: new Date() })
    .where(and(eq(deals.workspaceId, ctx.workspaceId), eq(deals.id, id)));
  if (contactIds) await setContacts(ctx, id, contactIds);
  const after = await getDeal(ctx, id);
  await recordAudit(ctx, { action: 'deal.updated', entity: 'deals', entityId: id, before, after });
  return after;
}

export async function deleteDeal(ctx: Ctx, id: string): Promise<void> {
  const before = await getDeal(ctx, id);
  await ctx.tx.delete(deals).where(and(eq(deals.workspaceId, ctx.workspaceId), eq(deals.id, id)));
  await recordAudit(ctx, { action: 'deal.deleted', entity: 'deals', entityId: id, before });
}
