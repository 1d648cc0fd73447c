import type { ActivityQuery, ActivityReport, ActivityRow } from '@voronka/contract';
import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/rls.js';
import { inDays, memberNames, num, periodOf, seenOwner } from './scope.js';

// Each manager's week (Monday, the workspace's zone): calls and meetings they logged on the timeline,
// messages they sent (inbox replies and logged e-mails), tasks done and tasks that went overdue
// (due in the week and not done by then), set beside their won deals and revenue. First-response
// times are the SLA report's (GET /reports/sla), not repeated here.

type Metric = keyof Omit<ActivityRow, 'memberId' | 'name' | 'week'>;

export async function activityReport(ctx: Ctx, q: ActivityQuery): Promise<ActivityReport> {
  const p = await periodOf(ctx, q, 28);
  const week = (col: SQL) =>
    sql`to_char(date_trunc('week', ${col} at time zone ${p.tz}), 'YYYY-MM-DD')`;
  const who = (col: SQL) =>
    sql`${col} is not null and ${seenOwner(ctx, col)} ${q.ownerId ? sql`and ${col} = ${q.ownerId}` : sql``}`;
  const ws = ctx.workspaceId;
  const rows = rowsOf<{
    member: string;
    week: string;
    metric: Metric;
    n: unknown;
    amount: unknown;
  }>(
    await ctx.tx.execute(sql`
      select a.actor_id::text as member, ${week(sql`a.at`)} as week,
        case a.kind when 'call' then 'calls' when 'meeting' then 'meetings' else 'messages' end as metric,
        count(*) as n, null::numeric as amount
      from activities a
      where a.workspace_id = ${ws} and a.kind in ('call', 'meeting', 'email')
        and ${inDays(sql`a.at`, p)} and ${who(sql`a.actor_id`)}
      group by 1, 2, 3
      union all
      select m.author_id::text, ${week(sql`m.created_at`)}, 'messages', count(*), null
      from messages m
      where m.workspace_id = ${ws} and m.direction = 'out'
        and ${inDays(sql`m.created_at`, p)} and ${who(sql`m.author_id`)}
      group by 1, 2
      union all
      select t.owner_id::text, ${week(sql`t.done_at`)}, 'tasksDone', count(*), null
      from tasks t
      where t.workspace_id = ${ws} and ${inDays(sql`t.done_at`, p)} and ${who(sql`t.owner_id`)}
      group by 1, 2
      union all
      select t.owner_id::text, ${week(sql`t.due_at`)}, 'tasksOverdue', count(*), null
      from tasks t
      where t.workspace_id = ${ws} and ${inDays(sql`t.due_at`, p)} and t.due_at < now()
        and (t.done_at is null or t.done_at > t.due_at) and ${who(sql`t.owner_id`)}
      group by 1, 2
      union all
      select d.owner_id::text, ${week(sql`d.closed_at`)}, 'wonDeals', count(*), sum(d.amount)
      from deals d join stages st on st.workspace_id = d.workspace_id and st.id = d.stage_id
      where d.workspace_id = ${ws} and st.kind = 'won' and ${inDays(sql`d.closed_at`, p)}
        and ${who(sql`d.owner_id`)}
      group by 1, 2`),
  );
  const names = await memberNames(ctx);
  const byKey = new Map<string, ActivityRow>();
  for (const r of rows) {
    const key = `${r.member}|${r.week}`;
    const row = byKey.get(key) ?? {
      memberId: r.member,
      name: names.get(r.member) ?? '',
      week: r.week,
      calls: 0,
      meetings: 0,
      messages: 0,
      tasksDone: 0,
      tasksOverdue: 0,
      wonDeals: 0,
      wonAmount: 0,
    };
    row[r.metric] += num(r.n);
    if (r.metric === 'wonDeals') row.wonAmount += num(r.amount);
    byKey.set(key, row);
  }
  return {
    from: p.from,
    to: p.to,
    rows: [...byKey.values()].sort(
      (a, b) => a.week.localeCompare(b.week) || a.name.localeCompare(b.name),
    ),
  };
}
