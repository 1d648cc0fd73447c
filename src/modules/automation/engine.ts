import type { AutomationActionResult, AutomationTrigger } from '@voronka/contract';
import { AutomationDefinition } from '@voronka/contract';
import { and, count, eq, gte, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/rls.js';
import { DomainError } from '../../platform/errors.js';
import { onDomainEvent, type DomainEvent } from '../../platform/events/events.js';
import { newId } from '../../platform/ids.js';
import { defineJob, defineSystemJob, enqueue } from '../../platform/jobs/jobs.js';
import * as activities from '../activities/service.js';
import * as money from '../money/service.js';
import * as pipeline from '../pipeline/service.js';
import { performAction } from './actions.js';
import { activeRules, type ActiveRule } from './automations.js';
import { evaluate, type EventFacts, type Facts } from './conditions.js';
import { loadFacts } from './facts.js';
import { automationRuleVersions, automationRules, automationRuns } from './tables.js';

// The engine (DESIGN.md): an event finds the enabled rules of its kind, each match becomes a run
// (unique per rule and event, so a repeated event is nothing) and a durable job due after the
// rule's delay; the job checks the conditions against the record as it is then and acts.

// Loop protection: actions run with the depth of the run that took them; an event they cause
// starts runs one deeper. Deeper than MAX_DEPTH, or one rule on one record more than MAX_PER_HOUR
// times in an hour, and the run is stopped as `looped` (logged, nothing done).
const MAX_DEPTH = 5;
const MAX_PER_HOUR = 10;
const depthOf = new WeakMap<Ctx, number>();

// The workspace's throttle: at most this many runs fall due in any one minute; the rest are
// delayed to the next minutes with room (never dropped). The job queue claims by due time, so a
// flood in one workspace waits its turn while other workspaces' runs go first.
let perMinute = 300;
export function useAutomationThrottle(n: number): void {
  perMinute = n;
}

export type FiringEvent = {
  key: string;
  trigger: string;
  entity: string;
  // Null for an incoming webhook that names no deal (no record to limit loops on).
  recordId: string | null;
  dealId: string | null;
  event?: EventFacts;
};

const MINUTE = 60_000;

async function throttled(ctx: Ctx, wanted: Date): Promise<Date> {
  let start = Math.floor(wanted.getTime() / MINUTE) * MINUTE;
  for (let i = 0; i < 24 * 60; i++, start += MINUTE) {
    const [row] = await ctx.tx
      .select({ n: count() })
      .from(automationRuns)
      .where(
        and(
          eq(automationRuns.workspaceId, ctx.workspaceId),
          gte(automationRuns.dueAt, new Date(start)),
          lt(automationRuns.dueAt, new Date(start + MINUTE)),
        ),
      );
    if ((row?.n ?? 0) < perMinute) return i === 0 ? wanted : new Date(start);
  }
  return new Date(start);
}

// A firing of a rule for one record. The record is locked for the rule (a transaction-scoped
// advisory lock) while its recent runs are counted and the run inserted, so two events on one
// record at once are counted one after the other; a once-only rule's key is the record itself,
// so the unique key lets only one of them in.
export async function fire(
  ctx: Ctx,
  rule: ActiveRule,
  event: FiringEvent,
): Promise<{ id: string; status: string } | null> {
  const depth = depthOf.get(ctx) ?? 0;
  const key =
    rule.definition.once && event.recordId ? `once:${event.entity}:${event.recordId}` : event.key;
  await ctx.tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`${ctx.workspaceId}:${rule.id}:${event.recordId ?? key}`}, 0))`,
  );
  const [recent] = event.recordId
    ? await ctx.tx
        .select({ n: count() })
        .from(automationRuns)
        .where(
          and(
            eq(automationRuns.workspaceId, ctx.workspaceId),
            eq(automationRuns.ruleId, rule.id),
            eq(automationRuns.recordId, event.recordId),
            gte(automationRuns.createdAt, new Date(Date.now() - 3600_000)),
          ),
        )
    : [];
  const looped =
    depth >= MAX_DEPTH
      ? `stopped: ${depth} rules in a row led here`
      : (recent?.n ?? 0) >= MAX_PER_HOUR
        ? `stopped: more than ${MAX_PER_HOUR} runs on this record within an hour`
        : null;
  const dueAt = looped
    ? new Date()
    : await throttled(ctx, new Date(Date.now() + rule.definition.delayMinutes * MINUTE));
  const id = newId();
  const inserted = await ctx.tx
    .insert(automationRuns)
    .values({
      workspaceId: ctx.workspaceId,
      id,
      ruleId: rule.id,
      version: rule.version,
      eventKey: key,
      trigger: event.trigger,
      entity: event.entity,
      recordId: event.recordId,
      dealId: event.dealId,
      event: event.event ?? {},
      depth,
      status: looped ? 'looped' : 'scheduled',
      error: looped,
      dueAt,
      finishedAt: looped ? new Date() : null,
    })
    .onConflictDoNothing()
    .returning({ id: automationRuns.id, status: automationRuns.status });
  // Due now: on the database's clock (the queue's), not this process's, which may run ahead.
  const now = dueAt.getTime() <= Date.now();
  if (inserted.length && !looped)
    await enqueue(
      ctx.tx,
      automationAct,
      { runId: id },
      { workspaceId: ctx.workspaceId, key: id, ...(now ? {} : { runAt: dueAt }) },
    );
  return inserted[0] ?? null;
}

// Whether an event is one the trigger waits for (its kind matched already).
function matches(t: AutomationTrigger, e: DomainEvent): boolean {
  if (t.kind === 'deal.stage_entered') return e.data?.toStageId === t.stageId;
  if (t.kind === 'deal.created') return !t.pipelineId || e.data?.pipelineId === t.pipelineId;
  return true;
}

// Every module's events reach the engine through the platform's seam (platform/events): pipeline's
// deals, routing's requests (received and answered from its triggers, breaches from its timers),
// documents' invoices, booking's meetings. Automation comes last in the module order.
onDomainEvent(async (ctx, e) => {
  const stageId =
    e.type === 'deal.stage_entered' && typeof e.data?.toStageId === 'string'
      ? e.data.toStageId
      : undefined;
  for (const rule of await activeRules(ctx, e.type, stageId)) {
    if (!matches(rule.definition.trigger, e)) continue;
    await fire(ctx, rule, {
      key: e.key,
      trigger: e.type,
      entity: e.entity,
      recordId: e.id,
      dealId: e.dealId ?? (e.entity === 'deal' ? e.id : null),
    });
  }
});

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
      .where(and(eq(automationRuns.workspaceId, ctx.workspaceId), eq(automationRuns.id, runId)))
      .for('update');
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
    // Runs on one record act one at a time (two rules tagging one deal at once would otherwise
    // each write the tags they read, and one would be lost): the record's lock, then its facts.
    const record = run.dealId ?? run.recordId;
    if (record)
      await ctx.tx.execute(
        sql`select pg_advisory_xact_lock(hashtextextended(${`${ctx.workspaceId}:record:${record}`}, 0))`,
      );
    const facts = await loadFacts(ctx, run, rule.name);
    if (!facts) return finish(ctx, run, { status: 'skipped', error: 'the record was deleted' });
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

// The rule's runs already made for these records (a scan skips them without trying again).
async function firedFor(ctx: Ctx, ruleId: string, recordIds: string[]): Promise<Set<string>> {
  if (!recordIds.length) return new Set();
  const rows = rowsOf<{ record_id: string }>(
    await ctx.tx.execute(
      sql`select distinct record_id from automation_runs where workspace_id = ${ctx.workspaceId}
        and rule_id = ${ruleId} and record_id = any(${`{${recordIds.join(',')}}`}::uuid[])`,
    ),
  );
  return new Set(rows.map((r) => r.record_id));
}

// Time-based triggers are scans (every 10 minutes): stale deals, overdue tasks, overdue invoices.
const BATCH = 500;

// Stale deals: open deals with no change and no timeline entry for the rule's days. A deal fires
// once per quiet episode (the key holds when it went quiet); any activity starts a new episode.
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
      limit: BATCH,
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
        entity: 'deal',
        recordId: d.id,
        dealId: d.id,
      });
      fired++;
    }
  }
  return fired;
}

// Overdue tasks (due within the last week and still open) and invoices (owed `days` after their due
// date): each fires once per task, once per invoice.
export async function scanOverdue(ctx: Ctx, now = new Date()): Promise<number> {
  let fired = 0;
  for (const rule of await activeRules(ctx, 'task.overdue')) {
    const due = await activities.overdueTasks(ctx, {
      since: new Date(now.getTime() - 7 * 86_400_000),
      before: now,
      limit: BATCH,
    });
    const done = await firedFor(
      ctx,
      rule.id,
      due.map((t) => t.id),
    );
    for (const t of due.filter((x) => !done.has(x.id))) {
      const run = await fire(ctx, rule, {
        key: `task:${t.id}`,
        trigger: 'task.overdue',
        entity: 'task',
        recordId: t.id,
        dealId: t.dealId,
      });
      if (run) fired++;
    }
  }
  const invoiceRules = await activeRules(ctx, 'invoice.overdue');
  const on = now.toISOString().slice(0, 10);
  for (const rule of invoiceRules) {
    const t = rule.definition.trigger;
    const owed = (
      await money.overdueInvoices(ctx, on, t.kind === 'invoice.overdue' ? t.days : 0)
    ).slice(0, BATCH);
    const done = await firedFor(
      ctx,
      rule.id,
      owed.map((i) => i.id),
    );
    for (const inv of owed.filter((x) => !done.has(x.id))) {
      const run = await fire(ctx, rule, {
        key: `invoice:${inv.id}:${inv.due}`,
        trigger: 'invoice.overdue',
        entity: 'invoice',
        recordId: inv.id,
        dealId: inv.dealId,
      });
      if (run) fired++;
    }
  }
  return fired;
}

export const staleScanWorkspace = defineJob({
  name: 'automation.stale-scan',
  payload: z.object({ slot: z.string() }),
  async run(ctx) {
    await scanStale(ctx);
    await scanOverdue(ctx);
  },
});

// Every few minutes (the worker's housekeeping tick): one scan per workspace that has time-based
// rules, keyed by the slot so any number of workers enqueue it once.
export const staleScanAll = defineSystemJob({
  name: 'automation.stale-scan-all',
  payload: z.object({ slot: z.string() }),
  async run(tx, { slot }) {
    const rows = rowsOf<{ workspace_id: string }>(
      await tx.execute(
        sql`select distinct workspace_id from automation_rules where trigger_kind in ('deal.stale', 'task.overdue', 'invoice.overdue') and enabled and deleted_at is null`,
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
