import type { Dashboard } from '@voronka/contract';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/rls.js';
import * as money from '../money/service.js';
import * as workspaces from '../workspaces/service.js';
import { planFact, scopeOf } from './plan-fact.js';
import { inDays, num, periodOf, seenOwner } from './scope.js';

// The home page's figures, each within the reader's rights and visibility (a head: the team's;
// a manager: their own): new requests today and in the last 7 days, overdue tasks, SLA breaches of
// the last 7 days, won this month, this month's plan (won basis, else paid) and receivables.

const DAY = 24 * 3600 * 1000;

export async function dashboard(ctx: Ctx): Promise<Dashboard> {
  const p = await periodOf(ctx, {});
  const perms = ctx.actor.permissions;
  const can = (e: 'leads' | 'tasks' | 'routing' | 'finance' | 'plans') => !perms || perms[e].read;
  const weekFrom = new Date(Date.parse(p.today) - 6 * DAY).toISOString().slice(0, 10);
  const monthFrom = `${p.today.slice(0, 7)}-01`;
  const leadsSeen = workspaces.visibleIdsSql(ctx, 'leads');
  const ws = ctx.workspaceId;
  const [row] = rowsOf<Record<string, unknown>>(
    await ctx.tx.execute(sql`select
      (select count(*) from leads l where l.workspace_id = ${ws}
        and ${inDays(sql`l.created_at`, { ...p, from: p.today })}
        ${leadsSeen ? sql`and l.id in (${leadsSeen})` : sql``}) as today,
      (select count(*) from leads l where l.workspace_id = ${ws}
        and ${inDays(sql`l.created_at`, { ...p, from: weekFrom })}
        ${leadsSeen ? sql`and l.id in (${leadsSeen})` : sql``}) as week,
      (select count(*) from tasks t where t.workspace_id = ${ws} and t.done_at is null
        and t.due_at < now() and ${workspaces.visibleTo(ctx, 'tasks', sql`t.owner_id`) ?? sql`true`}) as overdue,
      (select count(*) from lead_assignments a where a.workspace_id = ${ws}
        and ${inDays(sql`a.breached_at`, { ...p, from: weekFrom })}
        ${leadsSeen ? sql`and a.lead_id in (${leadsSeen})` : sql``}) as breaches,
      (select count(*) from deals d join stages st on st.workspace_id = d.workspace_id and st.id = d.stage_id
        where d.workspace_id = ${ws} and st.kind = 'won' and ${inDays(sql`d.closed_at`, { ...p, from: monthFrom })}
        and ${seenOwner(ctx, sql`d.owner_id`)}) as won,
      (select coalesce(sum(d.amount), 0) from deals d join stages st on st.workspace_id = d.workspace_id and st.id = d.stage_id
        where d.workspace_id = ${ws} and st.kind = 'won' and ${inDays(sql`d.closed_at`, { ...p, from: monthFrom })}
        and ${seenOwner(ctx, sql`d.owner_id`)}) as won_amount`),
  );
  let plan: Dashboard['plan'] = null;
  if (can('plans')) {
    const s = scopeOf(ctx, { scope: 'department' });
    const month = (
      await planFact(ctx, {
        year: Number(p.today.slice(0, 4)),
        period: 'month',
        ...s,
        scopeId: s.scopeId ?? undefined,
      })
    ).rows.find((r) => r.start === monthFrom);
    if (month?.planWon !== null && month?.planWon !== undefined)
      plan = { basis: 'won', amount: month.planWon, fact: month.factWon };
    else if (month?.planPaid !== null && month?.planPaid !== undefined)
      plan = { basis: 'paid', amount: month.planPaid, fact: month.factPaid };
  }
  const receivables = can('finance')
    ? (await money.agingReport(ctx, { groupBy: 'manager' })).totals.total
    : null;
  return {
    today: p.today,
    newRequestsToday: can('leads') ? num(row!.today) : null,
    newRequestsWeek: can('leads') ? num(row!.week) : null,
    overdueTasks: can('tasks') ? num(row!.overdue) : null,
    slaBreachesWeek: can('routing') && can('leads') ? num(row!.breaches) : null,
    wonThisMonth: { deals: num(row!.won), amount: num(row!.won_amount) },
    plan,
    receivables,
  };
}
