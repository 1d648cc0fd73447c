import type {
  WinBackActionBody,
  WinBackActionResult,
  WinBackItem,
  WinBackQuery,
} from '@voronka/contract';
import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/rls.js';
import { DomainError } from '../../platform/errors.js';
import * as activities from '../activities/service.js';
import * as pipeline from '../pipeline/service.js';
import * as workspaces from '../workspaces/service.js';
import { num, numOrNull } from './scope.js';

// Clients to win back, among the companies the reader sees, none with an open deal (someone is on
// it already):
// - sleeping: their last won deal is longer ago than 1.5 × their usual interval (the median gap
//   between their won deals) or than `minDays`, whichever comes first; value at stake = their
//   median won deal;
// - lost: no won deal after their last lost deal (of the last year); value at stake = its amount.

const DAY = 24 * 3600 * 1000;

type Raw = {
  id: string;
  name: string;
  owner_id: string | null;
  last_won: string | Date | null;
  usual: unknown;
  median_amount: unknown;
  lost_id: string | null;
  lost_amount: unknown;
  lost_reason: string | null;
  lost_at: string | Date | null;
};

export async function winBackList(ctx: Ctx, q: WinBackQuery): Promise<{ items: WinBackItem[] }> {
  const ws = ctx.workspaceId;
  const seen = workspaces.visibleTo(ctx, 'companies', sql`c.owner_id`) ?? sql`true`;
  const rows = rowsOf<Raw>(
    await ctx.tx.execute(sql`
      with closed as (
        select d.company_id, d.id, d.amount, d.closed_at, d.lost_reason_id, st.kind,
          extract(epoch from d.closed_at - lag(d.closed_at) over (
            partition by d.company_id, st.kind order by d.closed_at)) / 86400 as gap
        from deals d join stages st on st.workspace_id = d.workspace_id and st.id = d.stage_id
        where d.workspace_id = ${ws} and d.company_id is not null and d.closed_at is not null
          and st.kind in ('won', 'lost')
      ),
      won as (
        select company_id, max(closed_at) as last_won,
          percentile_cont(0.5) within group (order by gap) as usual,
          percentile_cont(0.5) within group (order by amount) as median_amount
        from closed where kind = 'won' group by company_id
      ),
      lost as (
        select distinct on (company_id) company_id, id, amount, closed_at, lost_reason_id
        from closed where kind = 'lost' and closed_at > now() - interval '365 days'
        order by company_id, closed_at desc
      )
      select c.id, c.name, c.owner_id, w.last_won, w.usual, w.median_amount,
        l.id as lost_id, l.amount as lost_amount, l.closed_at as lost_at, lr.name as lost_reason
      from companies c
      left join won w on w.company_id = c.id
      left join lost l on l.company_id = c.id
      left join lost_reasons lr on lr.workspace_id = c.workspace_id and lr.id = l.lost_reason_id
      where c.workspace_id = ${ws} and ${seen}
        and (w.company_id is not null or l.company_id is not null)
        and not exists (select 1 from deals d join stages st on st.workspace_id = d.workspace_id
          and st.id = d.stage_id where d.workspace_id = ${ws} and d.company_id = c.id and st.kind = 'open')`),
  );
  const now = Date.now();
  const items: WinBackItem[] = [];
  for (const r of rows) {
    const last = r.last_won === null ? null : new Date(r.last_won);
    const since = last ? Math.floor((now - last.getTime()) / DAY) : null;
    const usual = numOrNull(r.usual);
    const limit = usual === null ? q.minDays : Math.min(usual * 1.5, q.minDays);
    const lostAfterWon = r.lost_id !== null && (!last || last < new Date(r.lost_at ?? 0));
    const base = {
      companyId: r.id,
      companyName: r.name,
      ownerId: r.owner_id,
      lastPurchaseAt: last?.toISOString() ?? null,
      usualIntervalDays: usual === null ? null : Math.round(usual * 10) / 10,
      daysSince: since,
    };
    if (since !== null && since > limit)
      items.push({
        ...base,
        reason: 'sleeping',
        valueAtStake: Math.round(num(r.median_amount)),
        lostDealId: r.lost_id,
        lostReason: r.lost_reason,
      });
    else if (lostAfterWon)
      items.push({
        ...base,
        reason: 'lost',
        valueAtStake: num(r.lost_amount),
        lostDealId: r.lost_id,
        lostReason: r.lost_reason,
      });
  }
  return { items: items.sort((a, b) => b.valueAtStake - a.valueAtStake) };
}

// One click: a call task for the company's owner (due tomorrow), or a deal for the median order.
export async function winBack(
  ctx: Ctx,
  companyId: string,
  body: WinBackActionBody,
): Promise<WinBackActionResult> {
  await workspaces.requireVisible(ctx, 'companies', companyId);
  const [c] = rowsOf<{ name: string; owner_id: string | null; median: unknown }>(
    await ctx.tx.execute(sql`select c.name, c.owner_id,
        (select percentile_cont(0.5) within group (order by d.amount) from deals d
          join stages st on st.workspace_id = d.workspace_id and st.id = d.stage_id
          where d.workspace_id = c.workspace_id and d.company_id = c.id and st.kind = 'won') as median
      from companies c where c.workspace_id = ${ctx.workspaceId} and c.id = ${companyId}`),
  );
  const ownerId = c!.owner_id ?? ctx.actor.memberId;
  if (body.action === 'task') {
    const task = await activities.createTask(ctx, {
      kind: 'call',
      title: `Вернуть клиента: ${c!.name}`.slice(0, 300),
      dueAt: new Date(Date.now() + DAY).toISOString(),
      ownerId,
      companyId,
    });
    return { kind: 'task', id: task.id };
  }
  if (ctx.actor.permissions && !ctx.actor.permissions.deals.create)
    throw new DomainError('auth.forbidden', 'creating deals is not allowed');
  const deal = await pipeline.createDeal(ctx, {
    title: `Возврат клиента: ${c!.name}`.slice(0, 300),
    amount: Math.round(num(c!.median)),
    companyId,
    ownerId,
  });
  return { kind: 'deal', id: deal.id };
}
