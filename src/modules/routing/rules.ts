import type {
  RoutingConditions,
  RoutingRule,
  RoutingRuleCreateBody,
  RoutingRuleUpdateBody,
  SlaPolicy,
  SlaPolicyCreateBody,
  SlaPolicyUpdateBody,
} from '@voronka/contract';
import { and, asc, eq, sql } from 'drizzle-orm';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as workspaces from '../workspaces/service.js';
import * as forms from '../forms/service.js';
import { prepareCatalog, findCatalogProducts, tokenize } from './words.js';
import { routingRules, slaPolicies } from './tables.js';

// ---------------------------------------------------------------------------------------------
// Matching: what a request is, for the conditions.

export type RequestFacts = {
  channel: string;
  formId: string | null;
  source: string | null;
  utm: Record<string, string>;
  text: string; // subject and message
  phone: string | null;
  // The client's time zone from their contact card (null: unknown client or none set).
  timeZone: string | null;
  tags: string[];
  priority: number;
};

// The request's language from its letters: Cyrillic → ru, Latin → en (none: no language condition holds).
export function languageOf(text: string): 'ru' | 'en' | null {
  const cyrillic = (text.match(/[а-яё]/gi) ?? []).length;
  const latin = (text.match(/[a-z]/gi) ?? []).length;
  if (cyrillic === 0 && latin === 0) return null;
  return cyrillic >= latin ? 'ru' : 'en';
}

export const countryOf = (phone: string | null): string | null =>
  phone ? (parsePhoneNumberFromString(phone)?.country ?? null) : null;

const lower = (list: string[] | undefined) => (list ?? []).map((s) => s.trim().toLowerCase());
const anyOf = (list: string[] | undefined, value: string | null | undefined) =>
  !list?.length || (value != null && lower(list).includes(value.toLowerCase()));

// The names of the conditions that do not hold (empty: the rule matches).
export function failedConditions(c: RoutingConditions, r: RequestFacts): string[] {
  const failed: string[] = [];
  if (c.channels?.length && !c.channels.includes(r.channel as never)) failed.push('channels');
  if (c.formIds?.length && !(r.formId && c.formIds.includes(r.formId))) failed.push('formIds');
  if (!anyOf(c.sources, r.source)) failed.push('sources');
  if (!anyOf(c.utmSource, r.utm.utm_source)) failed.push('utmSource');
  if (!anyOf(c.utmMedium, r.utm.utm_medium)) failed.push('utmMedium');
  if (!anyOf(c.utmCampaign, r.utm.utm_campaign)) failed.push('utmCampaign');
  if (c.countries?.length && !c.countries.includes(countryOf(r.phone) ?? ''))
    failed.push('countries');
  if (c.timeZones?.length && !(r.timeZone && c.timeZones.includes(r.timeZone)))
    failed.push('timeZones');
  if (c.languages?.length && !c.languages.includes(languageOf(r.text) as never))
    failed.push('languages');
  // Products or categories by word stems ("кирпич облицовочный" is found in "облицовочного кирпича").
  if (
    c.mentions?.length &&
    findCatalogProducts(tokenize(r.text), prepareCatalog(c.mentions)).length === 0
  )
    failed.push('mentions');
  if (c.tags?.length && !lower(c.tags).some((t) => lower(r.tags).includes(t))) failed.push('tags');
  if (c.minPriority !== undefined && r.priority < c.minPriority) failed.push('minPriority');
  return failed;
}

// ---------------------------------------------------------------------------------------------
// Rules and policies as resources: ordered lists, each a position.

type RuleRow = typeof routingRules.$inferSelect;
type PolicyRow = typeof slaPolicies.$inferSelect;

const toRule = (r: RuleRow): RoutingRule => ({
  id: r.id,
  name: r.name,
  position: r.position,
  enabled: r.enabled,
  conditions: r.conditions,
  strategy: r.strategy,
  teamId: r.teamId,
  memberId: r.memberId,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const toPolicy = (p: PolicyRow): SlaPolicy => ({
  id: p.id,
  name: p.name,
  position: p.position,
  enabled: p.enabled,
  channels: p.channels as SlaPolicy['channels'],
  minPriority: p.minPriority,
  responseSeconds: p.responseSeconds,
  businessHours: p.businessHours,
  warnPercent: p.warnPercent,
  maxMoves: p.maxMoves,
  createdAt: p.createdAt.toISOString(),
  updatedAt: p.updatedAt.toISOString(),
});

export async function ruleRows(ctx: Ctx): Promise<RuleRow[]> {
  return ctx.tx
    .select()
    .from(routingRules)
    .where(eq(routingRules.workspaceId, ctx.workspaceId))
    .orderBy(asc(routingRules.position), asc(routingRules.createdAt));
}

export async function policyRows(ctx: Ctx): Promise<PolicyRow[]> {
  return ctx.tx
    .select()
    .from(slaPolicies)
    .where(eq(slaPolicies.workspaceId, ctx.workspaceId))
    .orderBy(asc(slaPolicies.position), asc(slaPolicies.createdAt));
}

export const listRules = async (ctx: Ctx) => ({ items: (await ruleRows(ctx)).map(toRule) });
export const listPolicies = async (ctx: Ctx) => ({ items: (await policyRows(ctx)).map(toPolicy) });

async function findRule(ctx: Ctx, id: string): Promise<RuleRow> {
  const [row] = await ctx.tx
    .select()
    .from(routingRules)
    .where(and(eq(routingRules.workspaceId, ctx.workspaceId), eq(routingRules.id, id)));
  if (!row) throw new DomainError('routing_rule.not_found', 'routing rule not found');
  return row;
}

async function findPolicy(ctx: Ctx, id: string): Promise<PolicyRow> {
  const [row] = await ctx.tx
    .select()
    .from(slaPolicies)
    .where(and(eq(slaPolicies.workspaceId, ctx.workspaceId), eq(slaPolicies.id, id)));
  if (!row) throw new DomainError('sla_policy.not_found', 'SLA policy not found');
  return row;
}

export const getRule = async (ctx: Ctx, id: string) => toRule(await findRule(ctx, id));
export const getPolicy = async (ctx: Ctx, id: string) => toPolicy(await findPolicy(ctx, id));

// A strategy needs its people: a named manager who exists and is active; a team that exists.
async function assertRuleTargets(
  ctx: Ctx,
  rule: { strategy: string; teamId: string | null; memberId: string | null },
) {
  if (rule.strategy === 'named' && !rule.memberId)
    throw new DomainError('routing_rule.invalid', 'a named manager is required for this strategy', {
      field: 'memberId',
    });
  if (rule.memberId) {
    const user = await workspaces.getUser(ctx, rule.memberId).catch(() => null);
    if (!user || user.status !== 'active')
      throw new DomainError('user.not_found', 'manager not found', { field: 'memberId' });
  }
  if (rule.teamId)
    await workspaces.getTeam(ctx, rule.teamId).catch(() => {
      throw new DomainError('team.not_found', 'team not found', { field: 'teamId' });
    });
}

// Conditions name only this workspace's forms: another workspace's id (readable from nowhere, but
// still not ours) is refused rather than stored.
async function assertRuleConditions(
  ctx: Ctx,
  conditions: RoutingRuleCreateBody['conditions'] | undefined,
) {
  for (const [i, formId] of (conditions?.formIds ?? []).entries()) {
    if (!(await forms.formExists(ctx, formId)))
      throw new DomainError('routing_rule.unknown_reference', 'no such form in this workspace', {
        field: `conditions.formIds.${i}`,
      });
  }
}

// Inserting at a position shifts the ones at or after it down by one (one statement).
async function makeRoom(
  ctx: Ctx,
  table: typeof routingRules | typeof slaPolicies,
  position: number | undefined,
): Promise<number> {
  const [{ next } = { next: 0 }] = await ctx.tx
    .select({ next: sql<number>`coalesce(max(${table.position}) + 1, 0)`.mapWith(Number) })
    .from(table)
    .where(eq(table.workspaceId, ctx.workspaceId));
  if (position === undefined || position >= next) return next;
  await ctx.tx
    .update(table)
    .set({ position: sql`${table.position} + 1` })
    .where(and(eq(table.workspaceId, ctx.workspaceId), sql`${table.position} >= ${position}`));
  return position;
}

export async function createRule(ctx: Ctx, body: RoutingRuleCreateBody): Promise<RoutingRule> {
  const values = {
    teamId: body.teamId ?? null,
    memberId: body.memberId ?? null,
    strategy: body.strategy,
  };
  await assertRuleTargets(ctx, values);
  await assertRuleConditions(ctx, body.conditions);
  const position = await makeRoom(ctx, routingRules, body.position);
  const [row] = await ctx.tx
    .insert(routingRules)
    .values({
      workspaceId: ctx.workspaceId,
      id: newId(),
      name: body.name,
      enabled: body.enabled ?? true,
      conditions: body.conditions,
      position,
      ...values,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'routing_rule.created',
    entity: 'routing',
    entityId: row!.id,
    after: row,
  });
  return toRule(row!);
}

export async function updateRule(
  ctx: Ctx,
  id: string,
  body: RoutingRuleUpdateBody,
): Promise<RoutingRule> {
  const before = await findRule(ctx, id);
  const merged = {
    strategy: body.strategy ?? before.strategy,
    teamId: body.teamId !== undefined ? body.teamId : before.teamId,
    memberId: body.memberId !== undefined ? body.memberId : before.memberId,
  };
  await assertRuleTargets(ctx, merged);
  await assertRuleConditions(ctx, body.conditions);
  if (body.position !== undefined && body.position !== before.position)
    await move(ctx, routingRules, before.position, body.position);
  const set = Object.fromEntries(
    Object.entries({
      name: body.name,
      enabled: body.enabled,
      conditions: body.conditions,
      ...merged,
      position: body.position,
    }).filter(([, v]) => v !== undefined),
  );
  const [after] = await ctx.tx
    .update(routingRules)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(routingRules.workspaceId, ctx.workspaceId), eq(routingRules.id, id)))
    .returning();
  await recordAudit(ctx, {
    action: 'routing_rule.updated',
    entity: 'routing',
    entityId: id,
    before,
    after,
  });
  return toRule(after!);
}

// Moving an item from one position to another shifts the ones between by one.
async function move(
  ctx: Ctx,
  table: typeof routingRules | typeof slaPolicies,
  from: number,
  to: number,
) {
  if (to > from)
    await ctx.tx
      .update(table)
      .set({ position: sql`${table.position} - 1` })
      .where(
        and(
          eq(table.workspaceId, ctx.workspaceId),
          sql`${table.position} > ${from} and ${table.position} <= ${to}`,
        ),
      );
  else
    await ctx.tx
      .update(table)
      .set({ position: sql`${table.position} + 1` })
      .where(
        and(
          eq(table.workspaceId, ctx.workspaceId),
          sql`${table.position} >= ${to} and ${table.position} < ${from}`,
        ),
      );
}

export async function deleteRule(ctx: Ctx, id: string): Promise<void> {
  const before = await findRule(ctx, id);
  await ctx.tx
    .delete(routingRules)
    .where(and(eq(routingRules.workspaceId, ctx.workspaceId), eq(routingRules.id, id)));
  await ctx.tx
    .update(routingRules)
    .set({ position: sql`${routingRules.position} - 1` })
    .where(
      and(
        eq(routingRules.workspaceId, ctx.workspaceId),
        sql`${routingRules.position} > ${before.position}`,
      ),
    );
  await recordAudit(ctx, {
    action: 'routing_rule.deleted',
    entity: 'routing',
    entityId: id,
    before,
  });
}

export async function createPolicy(ctx: Ctx, body: SlaPolicyCreateBody): Promise<SlaPolicy> {
  const position = await makeRoom(ctx, slaPolicies, body.position);
  const [row] = await ctx.tx
    .insert(slaPolicies)
    .values({
      workspaceId: ctx.workspaceId,
      id: newId(),
      name: body.name,
      enabled: body.enabled ?? true,
      position,
      channels: body.channels,
      minPriority: body.minPriority ?? null,
      responseSeconds: body.responseSeconds,
      businessHours: body.businessHours,
      warnPercent: body.warnPercent,
      maxMoves: body.maxMoves,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'sla_policy.created',
    entity: 'routing',
    entityId: row!.id,
    after: row,
  });
  return toPolicy(row!);
}

export async function updatePolicy(
  ctx: Ctx,
  id: string,
  body: SlaPolicyUpdateBody,
): Promise<SlaPolicy> {
  const before = await findPolicy(ctx, id);
  if (body.position !== undefined && body.position !== before.position)
    await move(ctx, slaPolicies, before.position, body.position);
  const set = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  const [after] = await ctx.tx
    .update(slaPolicies)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(slaPolicies.workspaceId, ctx.workspaceId), eq(slaPolicies.id, id)))
    .returning();
  await recordAudit(ctx, {
    action: 'sla_policy.updated',
    entity: 'routing',
    entityId: id,
    before,
    after,
  });
  return toPolicy(after!);
}

export async function deletePolicy(ctx: Ctx, id: string): Promise<void> {
  const before = await findPolicy(ctx, id);
  await ctx.tx
    .delete(slaPolicies)
    .where(and(eq(slaPolicies.workspaceId, ctx.workspaceId), eq(slaPolicies.id, id)));
  await ctx.tx
    .update(slaPolicies)
    .set({ position: sql`${slaPolicies.position} - 1` })
    .where(
      and(
        eq(slaPolicies.workspaceId, ctx.workspaceId),
        sql`${slaPolicies.position} > ${before.position}`,
      ),
    );
  await recordAudit(ctx, { action: 'sla_policy.deleted', entity: 'routing', entityId: id, before });
}

// The first enabled policy for the request's channel and priority.
export function pickPolicy(
  policies: PolicyRow[],
  channel: string,
  priority: number,
): PolicyRow | null {
  return (
    policies.find(
      (p) =>
        p.enabled &&
        (p.channels.length === 0 || p.channels.includes(channel)) &&
        (p.minPriority === null || priority >= p.minPriority),
    ) ?? null
  );
}

export type { RuleRow, PolicyRow };
