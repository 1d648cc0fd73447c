import type { AutomationActionResult, Deal } from '@voronka/contract';
import { and, count, eq, gte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/rls.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { defineJob, defineSystemJob, enqueue } from '../../platform/jobs/jobs.js';
import * as activities from '../activities/service.js';
import * as pipeline from '../pipeline/service.js';
import { performAction } from './actions.js';
import { activeRules, type ActiveRule } from './automations.js';
import { evaluate, type Facts } from './conditions.js';
import { automationRuleVersions, automationRules, automationRuns } from './tables.js';
import { AutomationDefinition } from '@voronka/contract';

// The engine (DESIGN.md): an event finds the enabled rules of its kind, each match becomes a run
// (unique per rule and event, so a repeated event is nothing) and a durable job due after the
// rule's delay; the job checks the conditions against the record as it is then and acts.

// Loop protection: actions run with the depth of the run that took them; an event they cause
// starts runs one deeper. Deeper than MAX_DEPTH, or one rule on one deal more than MAX_PER_HOUR
// times in an hour, and the run is stopped as `looped` (logged, nothing done).
const MAX_DEPTH = 5;
const MAX_PER_HOUR = 10;
const depthOf = new WeakMap<Ctx, number>();

export type FiringEvent = { key: string; trigger: string; dealId: string };

export async function fire(ctx: Ctx, rule: ActiveRule, event: FiringEvent): Promise<void> {
  const depth = depthOf.get(ctx) ?? 0;
  const [recent] = await ctx.tx
    .select({ n: count() })
    .from(automationRuns)
    .where(
      and(
        eq(automationRuns.workspaceId, ctx.workspaceId),
        eq(automationRuns.ruleId, rule.id),
        eq(automationRuns.dealId, event.dealId),
        gte(automationRuns.createdAt, new Date(Date.now() - 3600_000)),
      ),
    );
  const looped =
    depth >= MAX_DEPTH
      ? `stopped: ${depth} rules in a row led here`
      : (recent?.n ?? 0) >= MAX_PER_HOUR
        ? `stopped: more than ${MAX_PER_HOUR} runs on this deal within an hour`
        : null;
  const dueAt = new Date(Date.now() + rule.definition.delayMinutes * 60_000);
  const id = newId();
  const inserted = await ctx.tx
    .insert(automationRuns)
    .values({
      workspaceId: ctx.workspaceId,
      id,
      ruleId: rule.id,
      version: rule.version,
      eventKey: event.key,
      trigger: event.trigger,
      dealId: event.dealId,
      depth,
      status: looped ? 'looped' : 'scheduled',
      error: looped,
      dueAt,
      finishedAt: looped ? new Date() : null,
    })
    .onConflictDoNothing()
    .returning({ id: automationRuns.id });
  if (inserted.length && !looped)
    await enqueue(
      ctx.tx,
      automationAct,
      { runId: id },
      { workspaceId: ctx.workspaceId, key: id, runAt: dueAt },
    );
}

// Deal events, heard through pipeline's registries (automation comes last in the module order).
pipeline.onStageChange(async (ctx, change) => {
  for (const rule of await activeRules(ctx, 'deal.stage_entered')) {
    const t = rule.definition.trigger;
    if (t.kind !== 'deal.stage_entered' || t.stageId !== change.data.toStageId) continue;
    await fire(ctx, rule, {
      key: `stage:${change.dealId}:${change.data.toStageId}:${change.at.getTime()}`,
      trigger: t.kind,
      dealId: change.dealId,
    });
  }
});

pipeline.onDealCreated(async (ctx, deal) => {
  for (const rule of await activeRules(ctx, 'deal.created')) {
    const t = rule.definition.trigger;
    if (t.kind !== 'deal.created' || (t.pipelineId && t.pipelineId !== deal.pipelineId)) continue;
    await fire(ctx, rule, { key: `created:${deal.id}`, trigger: t.kind, dealId: deal.id });
  }
});

export async function factsOf(ctx: Ctx, deal: Deal, ruleName: string): Promise<Facts> {
  const p = await pipeline.getPipeline(ctx, deal.pipelineId);
  const stage = p.stages.find((s) => s.id === deal.stageId);
  return { deal, stageName: stage?.name ?? '', ruleName };
}

async function loadDeal(ctx: Ctx, id: string | null): Promise<Deal | null> {
  if (!id) return null;
  try {
    return await pipeline.getDeal(ctx, id);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'deal.not_found') return null;
    throw err;
  }
}

type RunRow = typeof automationRuns.$inferSelect;

async function finish(ctx: Ctx, run: RunRow, set: Partial<RunRow>) {
  await ctx.tx
    .update(automationRuns)
    .set({ ...set, finishedAt: new Date() })
    .where(and(eq(automationRuns.workspaceId, ctx.workspaceId), eq(automationRuns.id, run.id)));
}

// One action in a savepoint: a refusal (a stage since deleted, a deal already there) is written on
// the run and the next action goes on; anything else (the database away) fails the job, which
// rolls every action of this run back and retries.
async function act(ctx: Ctx, run: RunRow, facts: Facts, def: AutomationDefinition) {
  const results: AutomationActionResult[] = [];
  for (const [index, action] of def.actions.entries()) {
    try {
      const detail = await ctx.tx.transaction(async (sp) => {
        const inner: Ctx = { ...ctx, tx: sp };
        depthOf.set(inner, run.depth + 1);
        return performAction(inner, action, facts, { runId: run.id, ruleId: run.ruleId, index });
      });
      results.push({ kind: action.kind, ok: true, detail });
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      results.push({ kind: action.kind, ok: false, detail: `${err.code}: ${err.message}` });
    }
  }
  return results;
}

export const automationAct = defineJob({
  name: 'automation.act',
  payload: z.object({ runId: z.uuid() }),
  maxAttempts: 5,
  async run(ctx, { runId }) {
    const [run] = await ctx.tx
      .select()
      .from(automationRuns)
      .where(and(eq(automationRuns.workspaceId, ctx.workspaceId), eq(automationRuns.id, runId)));
    if (!run || run.status !== 'scheduled') return;
    const [rule] = await ctx.tx
      .select()
      .from(automationRules)
      .where(
        and(eq(automationRules.workspaceId, ctx.workspaceId), eq(automationRules.id, run.ruleId)),
      );
    if (!rule || rule.deletedAt || !rule.enabled)
      return finish(ctx, run, { status: 'skipped', error: 'the rule was switched off or deleted' });
    const [version] = await ctx.tx
      .select()
      .from(automationRuleVersions)
      .where(
        and(
          eq(automationRuleVersions.workspaceId, ctx.workspaceId),
          eq(automationRuleVersions.ruleId, run.ruleId),
          eq(automationRuleVersions.version, run.version),
        ),
      );
    const def = AutomationDefinition.parse(version!.definition);
    const deal = await loadDeal(ctx, run.dealId);
    if (!deal) return finish(ctx, run, { status: 'skipped', error: 'the deal was deleted' });
    const facts = await factsOf(ctx, deal, rule.name);
    const { held, checks } = evaluate(facts, def.conditions);
    if (!held) return finish(ctx, run, { status: 'skipped', checks });
    const actions = await act(ctx, run, facts, def);
    const failed = actions.some((a) => !a.ok);
    await finish(ctx, run, {
      status: failed ? 'failed' : 'done',
      checks,
      actions,
      error: failed ? 'an action was refused' : null,
    });
  },
});

// Stale deals: open deals with no change and no timeline entry for the rule's days. A deal fires
// once per quiet episode (the key holds when it went quiet); any activity starts a new episode.
const STALE_BATCH = 500;

export async function scanStale(ctx: Ctx, now = new Date()): Promise<number> {
  let fired = 0;
  for (const rule of await activeRules(ctx, 'deal.stale')) {
    const t = rule.definition.trigger;
    if (t.kind !== 'deal.stale') continue;
    const before = new Date(now.getTime() - t.days * 86_400_000);
    const quiet = await pipeline.quietOpenDeals(ctx, {
      before,
      pipelineId: t.pipelineId,
      stageId: t.stageId,
      limit: STALE_BATCH,
    });
    const last = await activities.lastDealActivity(
      ctx,
      quiet.map((d) => d.id),
    );
    for (const d of quiet) {
      const activity = last.get(d.id);
      if (activity && activity >= before) continue;
      const since = activity && activity > d.quietSince ? activity : d.quietSince;
      await fire(ctx, rule, {
        key: `stale:${d.id}:${since.toISOString()}`,
        trigger: t.kind,
        dealId: d.id,
      });
      fired++;
    }
  }
  return fired;
}

export const staleScanWorkspace = defineJob({
  name: 'automation.stale-scan',
  payload: z.object({ slot: z.string() }),
  async run(ctx) {
    await scanStale(ctx);
  },
});

// Every few minutes (the worker's housekeeping tick): one scan per workspace that has stale rules,
// keyed by the slot so any number of workers enqueue it once.
export const staleScanAll = defineSystemJob({
  name: 'automation.stale-scan-all',
  payload: z.object({ slot: z.string() }),
  async run(tx, { slot }) {
    const rows = rowsOf<{ workspace_id: string }>(
      await tx.execute(
        sql`select distinct workspace_id from automation_rules where trigger_kind = 'deal.stale' and enabled and deleted_at is null`,
      ),
    );
    for (const w of rows)
      await enqueue(
        tx,
        staleScanWorkspace,
        { slot },
        { workspaceId: w.workspace_id, key: `${w.workspace_id}:${slot}` },
      );
  },
});
