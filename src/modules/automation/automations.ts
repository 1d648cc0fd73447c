import type {
  Automation,
  AutomationCreateBody,
  AutomationDefinition,
  AutomationUpdateBody,
  Pipeline,
  User,
} from '@voronka/contract';
import { AutomationDefinition as DefinitionSchema } from '@voronka/contract';
import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import { setEventInterest } from '../../platform/events/events.js';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/types.js';
import type { Database } from '../../platform/db/client.js';
import { NotifiedCache } from '../../platform/cache/notified-cache.js';
import { randomToken } from '../../platform/crypto.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as fields from '../fields/service.js';
import * as pipeline from '../pipeline/service.js';
import * as workspaces from '../workspaces/service.js';
import { sealer } from './secrets.js';
import { textProblem } from './conditions.js';
import { assertPublicUrl } from './webhooks.js';
import { automationRuleVersions, automationRules, automationRuns } from './tables.js';

type RuleRow = typeof automationRules.$inferSelect;

// What the rule's references point at now: pipelines with their stages, and the members.
type World = {
  stages: Map<string, { pipelineId: string }>;
  pipelines: Set<string>;
  users: User[];
  teams: Set<string>;
  dealFields: Set<string>;
};

async function loadWorld(ctx: Ctx): Promise<World> {
  const { items } = await pipeline.listPipelines(ctx);
  const users = await workspaces.listUsers(ctx, { limit: 500, status: 'active' });
  const teams = await workspaces.listTeams(ctx, { limit: 500 });
  const dealFields = await fields.listCustomFields(ctx, { entity: 'deals' });
  return {
    pipelines: new Set(items.map((p: Pipeline) => p.id)),
    stages: new Map(items.flatMap((p) => p.stages.map((s) => [s.id, { pipelineId: p.id }]))),
    users: users.items,
    teams: new Set(teams.items.map((t) => t.id)),
    dealFields: new Set(dealFields.items.map((f) => f.key)),
  };
}

// The texts of an action that are rendered with the event's facts.
function textsOf(a: AutomationDefinition['actions'][number]): [string, string][] {
  if (a.kind === 'task.create') return [['title', a.title]];
  if (a.kind === 'notify' || a.kind === 'message.send') return [['text', a.text]];
  if (a.kind === 'deal.set' && typeof a.value === 'string') return [['value', a.value]];
  return [];
}

// Each reference the definition holds, checked against the world: what is missing or inconsistent.
export function problemsOf(def: AutomationDefinition, w: World): { path: string; code: string }[] {
  const out: { path: string; code: string }[] = [];
  const t = def.trigger;
  if ('pipelineId' in t && t.pipelineId && !w.pipelines.has(t.pipelineId))
    out.push({ path: 'definition.trigger.pipelineId', code: 'pipeline_missing' });
  const stageId = 'stageId' in t ? t.stageId : null;
  if (stageId) {
    const stage = w.stages.get(stageId);
    if (!stage) out.push({ path: 'definition.trigger.stageId', code: 'stage_missing' });
    else if ('pipelineId' in t && t.pipelineId && stage.pipelineId !== t.pipelineId)
      out.push({ path: 'definition.trigger.stageId', code: 'stage_of_another_pipeline' });
  }
  const member = (id: string) => w.users.some((u) => u.id === id);
  def.actions.forEach((a, i) => {
    const at = `definition.actions.${i}`;
    if (a.kind === 'deal.move' && !w.stages.has(a.stageId))
      out.push({ path: `${at}.stageId`, code: 'stage_missing' });
    if (a.kind === 'task.create' && a.assignee !== 'deal_owner' && !member(a.assignee))
      out.push({ path: `${at}.assignee`, code: 'member_missing' });
    if (a.kind === 'notify' && a.to !== 'deal_owner' && a.to !== 'heads' && !member(a.to))
      out.push({ path: `${at}.to`, code: 'member_missing' });
    if (a.kind === 'assign' && a.to !== 'least_loaded' && !member(a.to))
      out.push({ path: `${at}.to`, code: 'member_missing' });
    if (a.kind === 'assign' && a.teamId && !w.teams.has(a.teamId))
      out.push({ path: `${at}.teamId`, code: 'team_missing' });
    if (
      a.kind === 'deal.set' &&
      a.field === 'ownerId' &&
      typeof a.value === 'string' &&
      !member(a.value)
    )
      out.push({ path: `${at}.value`, code: 'member_missing' });
    if (
      a.kind === 'deal.set' &&
      a.field.startsWith('custom.') &&
      !w.dealFields.has(a.field.slice(7))
    )
      out.push({ path: `${at}.field`, code: 'field_missing' });
    for (const [key, text] of textsOf(a))
      if (textProblem(text)) out.push({ path: `${at}.${key}`, code: 'template_invalid' });
  });
  return out;
}

async function assertSound(ctx: Ctx, def: AutomationDefinition): Promise<void> {
  const [first] = problemsOf(def, await loadWorld(ctx));
  if (first)
    throw new DomainError('automation.invalid', `the rule names what is not there: ${first.code}`, {
      field: first.path,
    });
  for (const [i, a] of def.actions.entries())
    if (a.kind === 'webhook') await assertPublicUrl(a.url, `definition.actions.${i}.url`);
}

const stageOf = (def: AutomationDefinition) =>
  'stageId' in def.trigger ? def.trigger.stageId : null;

// A rule with an incoming-webhook trigger has its URL's key (kept across versions); others none.
const hookKeyFor = (def: AutomationDefinition, current: string | null) =>
  def.trigger.kind === 'webhook.incoming' ? (current ?? randomToken('hook_', 24)) : null;

// The trigger kinds of the workspace's enabled rules, as automation's interest in events (the
// facts recorded in SQL become event jobs only then: platform/events).
async function syncInterest(ctx: Ctx): Promise<void> {
  const rows = await ctx.tx
    .selectDistinct({ kind: automationRules.triggerKind })
    .from(automationRules)
    .where(and(live(ctx), eq(automationRules.enabled, true)));
  await setEventInterest(
    ctx,
    'automation',
    rows.map((r) => r.kind),
  );
  // Every rule write passes here: the rule caches of every process drop this workspace on commit.
  await ctx.tx.execute(sql`select pg_notify(${RULES_CHANNEL}, ${ctx.workspaceId})`);
}

async function currentDefinitions(ctx: Ctx, rows: RuleRow[]) {
  if (!rows.length) return new Map<string, AutomationDefinition>();
  const versions = await ctx.tx
    .select()
    .from(automationRuleVersions)
    .where(
      and(
        eq(automationRuleVersions.workspaceId, ctx.workspaceId),
        inArray(
          sql`(${automationRuleVersions.ruleId}, ${automationRuleVersions.version})`,
          rows.map((r) => sql`(${r.id}::uuid, ${r.version})`),
        ),
      ),
    );
  return new Map(versions.map((v) => [v.ruleId, DefinitionSchema.parse(v.definition)]));
}

async function runStats(ctx: Ctx, ids: string[]) {
  if (!ids.length) return new Map<string, { last: Date | null; runs: number; errors: number }>();
  const since = new Date(Date.now() - 24 * 3600_000);
  const rows = await ctx.tx
    .select({
      ruleId: automationRuns.ruleId,
      last: sql<string | null>`max(${automationRuns.createdAt})`,
      runs: sql<number>`count(*) filter (where ${automationRuns.createdAt} >= ${since})::int`,
      errors: sql<number>`count(*) filter (where ${automationRuns.createdAt} >= ${since} and ${automationRuns.status} in ('failed','looped'))::int`,
    })
    .from(automationRuns)
    .where(
      and(eq(automationRuns.workspaceId, ctx.workspaceId), inArray(automationRuns.ruleId, ids)),
    )
    .groupBy(automationRuns.ruleId);
  return new Map(
    rows.map((r) => [
      r.ruleId,
      { last: r.last ? new Date(r.last) : null, runs: r.runs, errors: r.errors },
    ]),
  );
}

async function present(ctx: Ctx, rows: RuleRow[]): Promise<Automation[]> {
  const defs = await currentDefinitions(ctx, rows);
  const stats = await runStats(
    ctx,
    rows.map((r) => r.id),
  );
  const world = rows.length ? await loadWorld(ctx) : null;
  return rows.map((r) => {
    const definition = defs.get(r.id)!;
    const s = stats.get(r.id);
    return {
      id: r.id,
      name: r.name,
      enabled: r.enabled,
      version: r.version,
      definition,
      problems: problemsOf(definition, world!),
      lastRunAt: s?.last?.toISOString() ?? null,
      runs24h: s?.runs ?? 0,
      errors24h: s?.errors ?? 0,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
    };
  });
}

const live = (ctx: Ctx) =>
  and(eq(automationRules.workspaceId, ctx.workspaceId), isNull(automationRules.deletedAt));

export async function listAutomations(
  ctx: Ctx,
  q: { stageId?: string | undefined; trigger?: string | undefined },
): Promise<{ items: Automation[] }> {
  const rows = await ctx.tx
    .select()
    .from(automationRules)
    .where(
      and(
        live(ctx),
        q.stageId ? eq(automationRules.stageId, q.stageId) : undefined,
        q.trigger ? eq(automationRules.triggerKind, q.trigger) : undefined,
      ),
    )
    .orderBy(desc(automationRules.createdAt))
    .limit(1000);
  return { items: await present(ctx, rows) };
}

async function findRule(ctx: Ctx, id: string): Promise<RuleRow> {
  const [row] = await ctx.tx
    .select()
    .from(automationRules)
    .where(and(live(ctx), eq(automationRules.id, id)));
  if (!row) throw new DomainError('automation.not_found', 'automation rule not found');
  return row;
}

export async function getAutomation(ctx: Ctx, id: string): Promise<Automation> {
  return (await present(ctx, [await findRule(ctx, id)]))[0]!;
}

async function writeVersion(ctx: Ctx, ruleId: string, version: number, def: AutomationDefinition) {
  await ctx.tx.insert(automationRuleVersions).values({
    workspaceId: ctx.workspaceId,
    ruleId,
    version,
    definition: def,
    createdBy: ctx.actor.memberId,
  });
}

export async function createAutomation(ctx: Ctx, body: AutomationCreateBody): Promise<Automation> {
  const definition = DefinitionSchema.parse(body.definition);
  await assertSound(ctx, definition);
  const id = newId();
  await ctx.tx.insert(automationRules).values({
    workspaceId: ctx.workspaceId,
    id,
    name: body.name,
    enabled: body.enabled ?? true,
    triggerKind: definition.trigger.kind,
    stageId: stageOf(definition),
    webhookSecret: sealer().seal(randomToken('whsec_', 24)),
    hookKey: hookKeyFor(definition, null),
    createdBy: ctx.actor.memberId,
  });
  await writeVersion(ctx, id, 1, definition);
  await syncInterest(ctx);
  const after = await getAutomation(ctx, id);
  await recordAudit(ctx, {
    action: 'automation.created',
    entity: 'automation',
    entityId: id,
    after,
  });
  return after;
}

export async function updateAutomation(
  ctx: Ctx,
  id: string,
  body: AutomationUpdateBody,
): Promise<Automation> {
  const row = await findRule(ctx, id);
  const before = await getAutomation(ctx, id);
  const definition = body.definition ? DefinitionSchema.parse(body.definition) : null;
  if (definition) await assertSound(ctx, definition);
  const version = definition ? before.version + 1 : before.version;
  if (definition) await writeVersion(ctx, id, version, definition);
  await ctx.tx
    .update(automationRules)
    .set({
      name: body.name ?? before.name,
      enabled: body.enabled ?? before.enabled,
      version,
      ...(definition
        ? {
            triggerKind: definition.trigger.kind,
            stageId: stageOf(definition),
            hookKey: hookKeyFor(definition, row.hookKey),
          }
        : {}),
      updatedAt: new Date(),
    })
    .where(and(live(ctx), eq(automationRules.id, id)));
  await syncInterest(ctx);
  const after = await getAutomation(ctx, id);
  await recordAudit(ctx, {
    action: 'automation.updated',
    entity: 'automation',
    entityId: id,
    before,
    after,
  });
  return after;
}

// The rule stops at once; runs already scheduled find it deleted and are skipped; its log stays.
export async function deleteAutomation(ctx: Ctx, id: string): Promise<void> {
  const before = await getAutomation(ctx, id);
  await ctx.tx
    .update(automationRules)
    .set({ deletedAt: new Date(), enabled: false, hookKey: null })
    .where(and(live(ctx), eq(automationRules.id, id)));
  await syncInterest(ctx);
  await recordAudit(ctx, {
    action: 'automation.deleted',
    entity: 'automation',
    entityId: id,
    before,
  });
}

export async function webhookSecretOf(ctx: Ctx, id: string): Promise<{ secret: string }> {
  const row = await findRule(ctx, id);
  return { secret: sealer().open(row.webhookSecret) };
}

export type ActiveRule = RuleRow & { definition: AutomationDefinition };

// The enabled rules with a trigger of this kind (and of this stage, for a stage's robots: the
// stage is copied on the rule, so an event reads only its own stage's rules), each with the
// version in force.
async function loadActiveRules(ctx: Ctx, kind: string, stageId?: string): Promise<ActiveRule[]> {
  const rows = await ctx.tx
    .select()
    .from(automationRules)
    .where(
      and(
        live(ctx),
        eq(automationRules.enabled, true),
        eq(automationRules.triggerKind, kind),
        stageId ? eq(automationRules.stageId, stageId) : undefined,
      ),
    );
  const defs = await currentDefinitions(ctx, rows);
  return rows.map((r) => ({ ...r, definition: defs.get(r.id)! }));
}

// Every event asks for its kind's rules: they are cached per process and workspace, and dropped on
// every process when a rule of the workspace changes (each rule write announces the workspace on
// RULES_CHANNEL, platform/cache/notified-cache.ts — the principal cache's mechanism). Until the
// process listens (src/app.ts), every call reads the database.
export const RULES_CHANNEL = 'voronka_automation_rules';
const ruleCache = new NotifiedCache<ActiveRule[]>(RULES_CHANNEL, 5 * 60_000, (workspaceId, key) =>
  key.startsWith(`${workspaceId}:`),
);
export const listenRuleCache = (database: Database) => ruleCache.listen(database);
// After a rule write has committed: this process's next event already reads the new rules.
export const settleRuleCache = () => ruleCache.settle();

export async function activeRules(ctx: Ctx, kind: string, stageId?: string) {
  if (!ruleCache.listening) return loadActiveRules(ctx, kind, stageId);
  const rules = await ruleCache.resolve(
    `${ctx.workspaceId}:${kind}:${stageId ?? ''}`,
    async () => ({
      value: await loadActiveRules(ctx, kind, stageId),
    }),
  );
  return rules ?? [];
}

// One rule with the version in force, when it is live and switched on (a button, a webhook).
export async function enabledRule(ctx: Ctx, id: string): Promise<ActiveRule | null> {
  const row = await findRule(ctx, id);
  if (!row.enabled) return null;
  const defs = await currentDefinitions(ctx, [row]);
  return { ...row, definition: defs.get(row.id)! };
}

// The rule's incoming-webhook URL (null: its trigger is not an incoming webhook).
export async function hookUrlOf(
  ctx: Ctx,
  id: string,
  publicUrl: string,
): Promise<{ url: string | null }> {
  const row = await findRule(ctx, id);
  return { url: row.hookKey ? `${publicUrl}/api/public/automations/${row.hookKey}` : null };
}

// Like resolving a form's key: on the privileged connection, before any workspace is known.
export async function findHookRule(
  db: Executor,
  key: string,
): Promise<{ workspaceId: string; id: string } | null> {
  if (!key || key.length > 100) return null;
  const [row] = await db
    .select({ workspaceId: automationRules.workspaceId, id: automationRules.id })
    .from(automationRules)
    .where(and(eq(automationRules.hookKey, key), isNull(automationRules.deletedAt)));
  return row ?? null;
}
