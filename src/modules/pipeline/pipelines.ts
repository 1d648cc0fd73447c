import type {
  LostReason,
  LostReasonCreateBody,
  LostReasonUpdateBody,
  Pipeline,
  PipelineCreateBody,
  PipelineUpdateBody,
  Stage,
  StageInput,
} from '@voronka/contract';
import { and, asc, count, eq, inArray, notInArray, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as workspaces from '../workspaces/service.js';
import { deals, lostReasons, pipelines, stages } from './tables.js';

type StageSeed = Omit<StageInput, 'id'>;
const defaultStages: Record<'ru' | 'en', StageSeed[]> = {
  ru: [
    { name: 'Новая', probability: 10, kind: 'open' },
    { name: 'Переговоры', probability: 20, kind: 'open' },
    { name: 'Выявление потребностей', probability: 30, kind: 'open' },
    { name: 'Коммерческое предложение', probability: 40, kind: 'open' },
    { name: 'Согласование договора', probability: 60, kind: 'open' },
    { name: 'Счёт выставлен', probability: 75, kind: 'open' },
    { name: 'Оплата', probability: 90, kind: 'open' },
    { name: 'Отгрузка/доставка', probability: 95, kind: 'open' },
    { name: 'Успешно', probability: 100, kind: 'won' },
    { name: 'Проиграно', probability: 0, kind: 'lost' },
  ],
  en: [
    { name: 'New', probability: 10, kind: 'open' },
    { name: 'Negotiation', probability: 20, kind: 'open' },
    { name: 'Needs analysis', probability: 30, kind: 'open' },
    { name: 'Proposal', probability: 40, kind: 'open' },
    { name: 'Contract approval', probability: 60, kind: 'open' },
    { name: 'Invoice sent', probability: 75, kind: 'open' },
    { name: 'Payment', probability: 90, kind: 'open' },
    { name: 'Shipping/delivery', probability: 95, kind: 'open' },
    { name: 'Won', probability: 100, kind: 'won' },
    { name: 'Lost', probability: 0, kind: 'lost' },
  ],
};
const defaultPipelineName = { ru: 'Продажи', en: 'Sales' };
const defaultLostReasons = {
  ru: ['Дорого', 'Выбрали конкурента', 'Нет бюджета', 'Не отвечает', 'Неактуально'],
  en: ['Too expensive', 'Chose a competitor', 'No budget', 'Not responding', 'No longer relevant'],
};
const newPipelineStages = (locale: 'ru' | 'en'): StageSeed[] => {
  const all = defaultStages[locale];
  return [all[0]!, all[1]!, all[8]!, all[9]!];
};

// The default pipeline and lost reasons appear the first time a workspace touches the pipeline.
// The transaction-scoped advisory lock makes concurrent first touches wait for one another, so
// the re-check under the lock cannot insert twice.
export async function ensurePipelineDefaults(ctx: Ctx): Promise<void> {
  const has = async () =>
    (
      await ctx.tx
        .select({ id: pipelines.id })
        .from(pipelines)
        .where(eq(pipelines.workspaceId, ctx.workspaceId))
        .limit(1)
    ).length > 0;
  if (await has()) return;
  await ctx.tx.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`pipelines:${ctx.workspaceId}`}))`,
  );
  if (await has()) return;
  const { locale } = await workspaces.getWorkspace(ctx);
  const id = newId();
  await ctx.tx.insert(pipelines).values({
    workspaceId: ctx.workspaceId,
    id,
    name: defaultPipelineName[locale],
    position: 0,
    isDefault: true,
  });
  await insertStages(ctx, id, defaultStages[locale]);
  const [reason] = await ctx.tx
    .select({ id: lostReasons.id })
    .from(lostReasons)
    .where(eq(lostReasons.workspaceId, ctx.workspaceId))
    .limit(1);
  if (!reason) {
    await ctx.tx.insert(lostReasons).values(
      defaultLostReasons[locale].map((name, position) => ({
        workspaceId: ctx.workspaceId,
        id: newId(),
        name,
        position,
      })),
    );
  }
  await recordAudit(ctx, {
    action: 'pipeline.defaults_created',
    entity: 'pipelines',
    entityId: id,
  });
}

async function insertStages(ctx: Ctx, pipelineId: string, list: StageSeed[]) {
  await ctx.tx.insert(stages).values(
    list.map((s, position) => ({
      workspaceId: ctx.workspaceId,
      id: newId(),
      pipelineId,
      position,
      name: s.name,
      probability: s.probability,
      kind: s.kind,
    })),
  );
}

const stageColumns = {
  id: stages.id,
  pipelineId: stages.pipelineId,
  name: stages.name,
  position: stages.position,
  probability: stages.probability,
  kind: stages.kind,
};

export async function listStages(ctx: Ctx, pipelineIds: string[]): Promise<Stage[]> {
  if (!pipelineIds.length) return [];
  return ctx.tx
    .select(stageColumns)
    .from(stages)
    .where(and(eq(stages.workspaceId, ctx.workspaceId), inArray(stages.pipelineId, pipelineIds)))
    .orderBy(asc(stages.pipelineId), asc(stages.position));
}

export async function findStage(ctx: Ctx, stageId: string, field = 'stageId'): Promise<Stage> {
  const [row] = await ctx.tx
    .select(stageColumns)
    .from(stages)
    .where(and(eq(stages.workspaceId, ctx.workspaceId), eq(stages.id, stageId)));
  if (!row) throw new DomainError('stage.not_found', 'stage not found', { field });
  return row;
}

export async function listPipelines(ctx: Ctx): Promise<{ items: Pipeline[] }> {
  await ensurePipelineDefaults(ctx);
  const rows = await ctx.tx
    .select()
    .from(pipelines)
    .where(eq(pipelines.workspaceId, ctx.workspaceId))
    .orderBy(asc(pipelines.position), asc(pipelines.createdAt));
  const all = await listStages(
    ctx,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toPipeline(r, all)) };
}

const toPipeline = (r: typeof pipelines.$inferSelect, all: Stage[]): Pipeline => ({
  id: r.id,
  name: r.name,
  position: r.position,
  isDefault: r.isDefault,
  stages: all.filter((s) => s.pipelineId === r.id),
  createdAt: r.createdAt.toISOString(),
});

export async function getPipeline(ctx: Ctx, id: string): Promise<Pipeline> {
  const [row] = await ctx.tx
    .select()
    .from(pipelines)
    .where(and(eq(pipelines.workspaceId, ctx.workspaceId), eq(pipelines.id, id)));
  if (!row) throw new DomainError('pipeline.not_found', 'pipeline not found');
  return toPipeline(row, await listStages(ctx, [id]));
}

// The pipeline new deals land in when none is named.
export async function defaultPipeline(ctx: Ctx): Promise<Pipeline> {
  await ensurePipelineDefaults(ctx);
  const [row] = await ctx.tx
    .select({ id: pipelines.id })
    .from(pipelines)
    .where(eq(pipelines.workspaceId, ctx.workspaceId))
    .orderBy(sql`${pipelines.isDefault} desc`, asc(pipelines.position))
    .limit(1);
  return getPipeline(ctx, row!.id);
}

function assertStageSet(list: StageSeed[]) {
  if (!list.some((s) => s.kind === 'open'))
    throw new DomainError('stage.invalid_set', 'a pipeline needs at least one open stage', {
      field: 'stages',
    });
}

export async function createPipeline(ctx: Ctx, body: PipelineCreateBody): Promise<Pipeline> {
  await ensurePipelineDefaults(ctx);
  const { locale } = await workspaces.getWorkspace(ctx);
  const list = body.stages ?? newPipelineStages(locale);
  assertStageSet(list);
  const [{ n } = { n: 0 }] = await ctx.tx
    .select({ n: count() })
    .from(pipelines)
    .where(eq(pipelines.workspaceId, ctx.workspaceId));
  const id = newId();
  await ctx.tx
    .insert(pipelines)
    .values({ workspaceId: ctx.workspaceId, id, name: body.name, position: n });
  await insertStages(ctx, id, list);
  const after = await getPipeline(ctx, id);
  await recordAudit(ctx, { action: 'pipeline.created', entity: 'pipelines', entityId: id, after });
  return after;
}

export async function updatePipeline(
  ctx: Ctx,
  id: string,
  body: PipelineUpdateBody,
): Promise<Pipeline> {
  const before = await getPipeline(ctx, id);
  if (body.isDefault)
    await ctx.tx
      .update(pipelines)
      .set({ isDefault: false })
      .where(eq(pipelines.workspaceId, ctx.workspaceId));
  const set = Object.fromEntries(
    Object.entries({ name: body.name, position: body.position, isDefault: body.isDefault }).filter(
      ([, v]) => v !== undefined,
    ),
  );
  if (Object.keys(set).length)
    await ctx.tx
      .update(pipelines)
      .set(set)
      .where(and(eq(pipelines.workspaceId, ctx.workspaceId), eq(pipelines.id, id)));
  const after = await getPipeline(ctx, id);
  await recordAudit(ctx, {
    action: 'pipeline.updated',
    entity: 'pipelines',
    entityId: id,
    before,
    after,
  });
  return after;
}

export async function deletePipeline(ctx: Ctx, id: string): Promise<void> {
  const before = await getPipeline(ctx, id);
  const [{ n } = { n: 0 }] = await ctx.tx
    .select({ n: count() })
    .from(pipelines)
    .where(eq(pipelines.workspaceId, ctx.workspaceId));
  if (n <= 1) throw new DomainError('pipeline.last', 'the only pipeline cannot be deleted');
  const [deal] = await ctx.tx
    .select({ id: deals.id })
    .from(deals)
    .where(and(eq(deals.workspaceId, ctx.workspaceId), eq(deals.pipelineId, id)))
    .limit(1);
  if (deal)
    throw new DomainError('pipeline.has_deals', 'move or delete the deals of this pipeline first');
  await ctx.tx
    .delete(pipelines)
    .where(and(eq(pipelines.workspaceId, ctx.workspaceId), eq(pipelines.id, id)));
  if (before.isDefault) {
    await ctx.tx.execute(
      sql`update pipelines set is_default = true where workspace_id = ${ctx.workspaceId} and id = (select id from pipelines where workspace_id = ${ctx.workspaceId} order by position, created_at limit 1)`,
    );
  }
  await recordAudit(ctx, { action: 'pipeline.deleted', entity: 'pipelines', entityId: id, before });
}

// Replaces the ordered stage list: listed ids are kept (renamed, reordered), new entries are
// created, and a stage left out is removed. Removing a stage or changing its kind is refused while
// deals sit in it (409 naming the stage): the deals are never left without a valid stage.
export async function replaceStages(
  ctx: Ctx,
  pipelineId: string,
  list: StageInput[],
): Promise<Pipeline> {
  const before = await getPipeline(ctx, pipelineId);
  assertStageSet(list);
  const known = new Set(before.stages.map((s) => s.id));
  const kept = list.flatMap((s) => (s.id ? [s.id] : []));
  if (kept.some((id) => !known.has(id)))
    throw new DomainError('stage.not_found', 'a listed stage is not in this pipeline', {
      field: 'stages',
    });
  if (new Set(kept).size !== kept.length)
    throw new DomainError('stage.invalid_set', 'a stage is listed twice', { field: 'stages' });
  const removed = before.stages.filter((s) => !kept.includes(s.id));
  const byId = new Map(before.stages.map((s) => [s.id, s]));
  const rekinded = list.flatMap((s) => {
    const old = s.id ? byId.get(s.id) : undefined;
    return old && old.kind !== s.kind ? [old] : [];
  });
  await assertStagesEmpty(ctx, removed, 'move its deals to another stage before removing it');
  await assertStagesEmpty(
    ctx,
    rekinded,
    'a stage holding deals keeps its kind (open, won, lost): move its deals out first',
  );
  if (removed.length) {
    await ctx.tx
      .delete(stages)
      .where(
        and(
          eq(stages.workspaceId, ctx.workspaceId),
          eq(stages.pipelineId, pipelineId),
          notInArray(stages.id, kept.length ? kept : ['00000000-0000-0000-0000-000000000000']),
        ),
      );
  }
  for (const [position, s] of list.entries()) {
    const values = { name: s.name, probability: s.probability, kind: s.kind, position };
    if (s.id)
      await ctx.tx
        .update(stages)
        .set(values)
        .where(and(eq(stages.workspaceId, ctx.workspaceId), eq(stages.id, s.id)));
    else
      await ctx.tx
        .insert(stages)
        .values({ workspaceId: ctx.workspaceId, id: newId(), pipelineId, ...values });
  }
  const after = await getPipeline(ctx, pipelineId);
  await recordAudit(ctx, {
    action: 'pipeline.stages_replaced',
    entity: 'pipelines',
    entityId: pipelineId,
    before: before.stages,
    after: after.stages,
  });
  return after;
}

// Deals never lose their stage: a stage is removed (or changes kind, which would leave its deals
// with a wrong closed date or no lost reason) only while empty. The stage rows are locked first: a
// deal written into one meanwhile takes a key-share lock on it through its foreign key, so it waits
// for this transaction and then fails rather than slipping past the count.
async function assertStagesEmpty(ctx: Ctx, list: Stage[], what: string) {
  if (!list.length) return;
  const ids = list.map((s) => s.id);
  await ctx.tx
    .select({ id: stages.id })
    .from(stages)
    .where(and(eq(stages.workspaceId, ctx.workspaceId), inArray(stages.id, ids)))
    .for('update');
  const [busy] = await ctx.tx
    .select({ stageId: deals.stageId, n: count() })
    .from(deals)
    .where(and(eq(deals.workspaceId, ctx.workspaceId), inArray(deals.stageId, ids)))
    .groupBy(deals.stageId)
    .limit(1);
  if (!busy) return;
  const name = list.find((s) => s.id === busy.stageId)?.name ?? busy.stageId;
  throw new DomainError('stage.has_deals', `stage "${name}" holds ${busy.n} deal(s): ${what}`, {
    field: 'stages',
  });
}

const reasonColumns = {
  id: lostReasons.id,
  name: lostReasons.name,
  position: lostReasons.position,
  archived: lostReasons.archived,
};

export async function listLostReasons(ctx: Ctx): Promise<{ items: LostReason[] }> {
  await ensurePipelineDefaults(ctx);
  const items = await ctx.tx
    .select(reasonColumns)
    .from(lostReasons)
    .where(eq(lostReasons.workspaceId, ctx.workspaceId))
    .orderBy(asc(lostReasons.position), asc(lostReasons.id));
  return { items };
}

export async function getLostReason(ctx: Ctx, id: string, field?: string): Promise<LostReason> {
  const [row] = await ctx.tx
    .select(reasonColumns)
    .from(lostReasons)
    .where(and(eq(lostReasons.workspaceId, ctx.workspaceId), eq(lostReasons.id, id)));
  if (!row)
    throw new DomainError('lost_reason.not_found', 'lost reason not found', field ? { field } : {});
  return row;
}

export async function createLostReason(ctx: Ctx, body: LostReasonCreateBody): Promise<LostReason> {
  await ensurePipelineDefaults(ctx);
  const [{ n } = { n: 0 }] = await ctx.tx
    .select({ n: count() })
    .from(lostReasons)
    .where(eq(lostReasons.workspaceId, ctx.workspaceId));
  const id = newId();
  await ctx.tx
    .insert(lostReasons)
    .values({ workspaceId: ctx.workspaceId, id, name: body.name, position: n });
  const after = await getLostReason(ctx, id);
  await recordAudit(ctx, {
    action: 'lost_reason.created',
    entity: 'lost_reasons',
    entityId: id,
    after,
  });
  return after;
}

export async function updateLostReason(
  ctx: Ctx,
  id: string,
  body: LostReasonUpdateBody,
): Promise<LostReason> {
  const before = await getLostReason(ctx, id);
  const set = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  if (Object.keys(set).length)
    await ctx.tx
      .update(lostReasons)
      .set(set)
      .where(and(eq(lostReasons.workspaceId, ctx.workspaceId), eq(lostReasons.id, id)));
  const after = await getLostReason(ctx, id);
  await recordAudit(ctx, {
    action: 'lost_reason.updated',
    entity: 'lost_reasons',
    entityId: id,
    before,
    after,
  });
  return after;
}
