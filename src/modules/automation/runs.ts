import {
  AutomationDefinition,
  type Activity,
  type AutomationDryRun,
  type AutomationRun,
  type AutomationRunStatus,
  type Page,
} from '@voronka/contract';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { TimelineSubject } from '../activities/service.js';
import type { Ctx } from '../../platform/context.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import * as pipeline from '../pipeline/service.js';
import { describeAction } from './actions.js';
import { getAutomation } from './automations.js';
import { evaluate } from './conditions.js';
import { dealFacts } from './facts.js';
import { automationRules, automationRuns } from './tables.js';

type Row = typeof automationRuns.$inferSelect & { name: string };

const toRun = (r: Row): AutomationRun => ({
  id: r.id,
  automationId: r.ruleId,
  automationName: r.name,
  version: r.version,
  trigger: r.trigger,
  entity: r.entity,
  recordId: r.recordId,
  dealId: r.dealId,
  status: r.status,
  dueAt: r.dueAt.toISOString(),
  checks: r.checks,
  actions: r.actions,
  error: r.error,
  createdAt: r.createdAt.toISOString(),
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

// The run log, newest first: of one rule, or (no rule) of one deal across rules. A deal's log is
// shown only to those who may see the deal.
export async function listRuns(
  ctx: Ctx,
  q: {
    automationId?: string;
    dealId?: string | undefined;
    status?: AutomationRunStatus | undefined;
    limit: number;
    cursor?: string | undefined;
  },
): Promise<Page<AutomationRun>> {
  if (q.automationId) await getAutomation(ctx, q.automationId);
  if (q.dealId) await pipeline.getDeal(ctx, q.dealId);
  const after = decodeCursor(q.cursor, ['uuid']);
  const rows = await ctx.tx
    .select({ run: automationRuns, name: automationRules.name })
    .from(automationRuns)
    .innerJoin(
      automationRules,
      and(
        eq(automationRules.workspaceId, automationRuns.workspaceId),
        eq(automationRules.id, automationRuns.ruleId),
      ),
    )
    .where(
      and(
        eq(automationRuns.workspaceId, ctx.workspaceId),
        q.automationId ? eq(automationRuns.ruleId, q.automationId) : undefined,
        q.dealId ? eq(automationRuns.dealId, q.dealId) : undefined,
        q.status ? eq(automationRuns.status, q.status) : undefined,
        after ? lt(automationRuns.id, String(after[0])) : undefined,
      ),
    )
    .orderBy(desc(automationRuns.id))
    .limit(q.limit + 1);
  return toPage(
    rows.map((r) => ({ ...r.run, name: r.name })),
    q.limit,
    toRun,
    (r) => [r.id],
  );
}

// The rule against a real deal as it is now: which conditions hold, what each action would do.
// Nothing is written.
export async function dryRun(ctx: Ctx, id: string, dealId: string): Promise<AutomationDryRun> {
  const rule = await getAutomation(ctx, id);
  const deal = await pipeline.getDeal(ctx, dealId);
  const def = AutomationDefinition.parse(rule.definition);
  const facts = await dealFacts(ctx, deal, rule.name);
  const { held, checks } = evaluate(facts, def.conditions);
  return {
    held,
    checks,
    actions: def.actions.map((a) => ({ kind: a.kind, ok: held, detail: describeAction(a, facts) })),
  };
}

// The runs on a deal's or a request's timeline (activities' timeline sources, src/runtime.ts): each
// run as an entry of kind `automation` — the rule, what it did or why not. The timeline checked
// that the reader sees the record; a contact's or company's timeline shows none.
export async function runEntries(
  ctx: Ctx,
  subject: TimelineSubject,
  beforeId: string | null,
  limit: number,
): Promise<Activity[]> {
  const on = subject.dealId
    ? eq(automationRuns.dealId, subject.dealId)
    : subject.leadId
      ? and(eq(automationRuns.entity, 'lead'), eq(automationRuns.recordId, subject.leadId))
      : null;
  if (!on) return [];
  const rows = await ctx.tx
    .select({ run: automationRuns, name: automationRules.name })
    .from(automationRuns)
    .innerJoin(
      automationRules,
      and(
        eq(automationRules.workspaceId, automationRuns.workspaceId),
        eq(automationRules.id, automationRuns.ruleId),
      ),
    )
    .where(
      and(
        eq(automationRuns.workspaceId, ctx.workspaceId),
        on,
        beforeId ? lt(automationRuns.id, beforeId) : undefined,
      ),
    )
    .orderBy(desc(automationRuns.id))
    .limit(limit);
  return rows.map(({ run, name }) => ({
    id: run.id,
    kind: 'automation',
    at: run.createdAt.toISOString(),
    actorId: null,
    contactId: null,
    companyId: null,
    dealId: run.dealId,
    leadId: run.entity === 'lead' ? run.recordId : null,
    body: name,
    data: {
      automationId: run.ruleId,
      trigger: run.trigger,
      status: run.status,
      dueAt: run.dueAt.toISOString(),
      actions: run.actions,
      error: run.error,
    },
  }));
}
