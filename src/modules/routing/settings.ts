import type {
  BusinessHours,
  BusinessHoursBody,
  PriorityWeightsBody,
  PriorityWeightsView,
  WorkingHours,
} from '@voronka/contract';
import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import * as catalog from '../catalog/service.js';
import * as workspaces from '../workspaces/service.js';
import {
  OFFICE_HOURS,
  type BusinessSchedule,
  type WorkingHours as ScheduleHours,
} from './business-time.js';
import { DEFAULT_WEIGHTS, featureCodes, type PriorityWeights } from './priority.js';
import { RU_PRODUCTION_CALENDAR } from './ru-calendar.js';
import { routingSettings } from './tables.js';

export type RoutingSettings = {
  timeZone: string;
  hours: WorkingHours;
  productionCalendar: 'ru' | 'none';
  catalog: string[];
  // What the warm-first score looks for in a request: the catalog's active products (one catalog,
  // src/modules/catalog) and the names listed here before the catalog existed.
  scoringCatalog: string[];
  weights: PriorityWeights;
  weightsSource: 'default' | 'fitted' | 'edited';
  fittedAt: Date | null;
  lastFit: { at: string; fitted: boolean; reason: string | null; examples: number } | null;
};

// The workspace's routing settings, with defaults where nothing is stored yet (office hours, the
// Russian calendar for a Russian workspace, the default weights).
export async function loadSettings(ctx: Ctx): Promise<RoutingSettings> {
  const ws = await workspaces.getWorkspace(ctx);
  const [row] = await ctx.tx
    .select()
    .from(routingSettings)
    .where(eq(routingSettings.workspaceId, ctx.workspaceId));
  return {
    timeZone: ws.timezone,
    hours: row?.hours ?? (OFFICE_HOURS as WorkingHours),
    productionCalendar: row?.productionCalendar ?? (ws.locale === 'ru' ? 'ru' : 'none'),
    catalog: row?.catalog ?? [],
    scoringCatalog: [...new Set([...(await catalog.productNames(ctx)), ...(row?.catalog ?? [])])],
    weights: row?.weights ?? DEFAULT_WEIGHTS,
    weightsSource: row?.weightsSource ?? 'default',
    fittedAt: row?.fittedAt ?? null,
    lastFit: row?.lastFit ?? null,
  };
}

// The SLA clock of a policy counted in business hours.
export function businessSchedule(
  s: Pick<RoutingSettings, 'timeZone' | 'hours' | 'productionCalendar'>,
): BusinessSchedule {
  return {
    timeZone: s.timeZone,
    hours: s.hours as ScheduleHours,
    calendar: s.productionCalendar === 'ru' ? RU_PRODUCTION_CALENDAR : null,
  };
}

async function upsert(ctx: Ctx, set: Partial<typeof routingSettings.$inferInsert>): Promise<void> {
  await ctx.tx
    .insert(routingSettings)
    .values({ workspaceId: ctx.workspaceId, ...set })
    .onConflictDoUpdate({
      target: routingSettings.workspaceId,
      set: { ...set, updatedAt: sql`now()` },
    });
}

export async function getBusinessHours(ctx: Ctx): Promise<BusinessHours> {
  const s = await loadSettings(ctx);
  return { timeZone: s.timeZone, hours: s.hours, productionCalendar: s.productionCalendar };
}

export async function putBusinessHours(ctx: Ctx, body: BusinessHoursBody): Promise<BusinessHours> {
  const before = await getBusinessHours(ctx);
  // The time zone is the workspace's own (documents and reports share it).
  if (body.timeZone && body.timeZone !== before.timeZone)
    await workspaces.updateWorkspace(ctx, { timezone: body.timeZone });
  const set = {
    ...(body.hours ? { hours: body.hours } : {}),
    ...(body.productionCalendar ? { productionCalendar: body.productionCalendar } : {}),
  };
  await upsert(ctx, { hours: before.hours, productionCalendar: before.productionCalendar, ...set });
  const after = await getBusinessHours(ctx);
  await recordAudit(ctx, {
    action: 'routing.business_hours_updated',
    entity: 'routing',
    entityId: ctx.workspaceId,
    before,
    after,
  });
  return after;
}

export async function getPriorityWeights(ctx: Ctx): Promise<PriorityWeightsView> {
  const s = await loadSettings(ctx);
  // Every known feature is listed (0 where the weights leave it out), so admins see the whole model.
  const features = Object.fromEntries(
    featureCodes.map((code) => [code, s.weights.features[code] ?? 0]),
  );
  return {
    bias: s.weights.bias,
    features,
    source: s.weightsSource,
    catalog: s.catalog,
    fittedAt: s.fittedAt?.toISOString() ?? null,
    examples: s.lastFit?.examples ?? null,
    lastFit: s.lastFit,
  };
}

export async function putPriorityWeights(
  ctx: Ctx,
  body: PriorityWeightsBody,
): Promise<PriorityWeightsView> {
  const before = await loadSettings(ctx);
  const known = new Set<string>(featureCodes);
  const unknown = Object.keys(body.features ?? {}).filter((k) => !known.has(k));
  if (unknown.length)
    throw new DomainError('request.invalid', `unknown priority feature: ${unknown.join(', ')}`, {
      field: `features.${unknown[0]}`,
    });
  const weights: PriorityWeights | null = body.reset
    ? null
    : body.features || body.bias !== undefined
      ? {
          version: before.weights.version + 1,
          bias: body.bias ?? before.weights.bias,
          features: { ...before.weights.features, ...body.features },
        }
      : before.weights;
  const catalog = body.catalog ? [...new Set(body.catalog.map((c) => c.trim()))] : before.catalog;
  const source = body.reset
    ? 'default'
    : body.features || body.bias !== undefined
      ? 'edited'
      : before.weightsSource;
  await upsert(ctx, {
    hours: before.hours,
    productionCalendar: before.productionCalendar,
    weights: weights ?? null,
    weightsSource: source,
    catalog,
  });
  const after = await getPriorityWeights(ctx);
  await recordAudit(ctx, {
    action: 'routing.priority_weights_updated',
    entity: 'routing',
    entityId: ctx.workspaceId,
    before: { weights: before.weights, catalog: before.catalog },
    after: { weights: weights ?? DEFAULT_WEIGHTS, catalog },
  });
  return after;
}

// Written by the re-fit job: the new weights (or only the record of a fit that was not made).
export async function recordFit(
  ctx: Ctx,
  fit: { at: Date; weights: PriorityWeights | null; reason: string | null; examples: number },
): Promise<void> {
  const before = await loadSettings(ctx);
  const lastFit = {
    at: fit.at.toISOString(),
    fitted: fit.weights !== null,
    reason: fit.reason,
    examples: fit.examples,
  };
  await upsert(ctx, {
    hours: before.hours,
    productionCalendar: before.productionCalendar,
    catalog: before.catalog,
    weights: fit.weights ?? before.weights,
    weightsSource: fit.weights ? 'fitted' : before.weightsSource,
    fittedAt: fit.weights ? fit.at : before.fittedAt,
    lastFit,
  });
  if (fit.weights)
    await recordAudit(ctx, {
      action: 'routing.priority_weights_fitted',
      entity: 'routing',
      entityId: ctx.workspaceId,
      before: before.weights,
      after: fit.weights,
    });
}
