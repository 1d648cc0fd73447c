import type { ReportFilter } from '@voronka/contract';
import { sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/rls.js';
import * as pipeline from '../pipeline/service.js';
import * as routing from '../routing/service.js';
import * as workspaces from '../workspaces/service.js';

// What every report shares: the workspace's day and zone, the period's bounds, and the one
// visibility rule (a head their team's, a manager their own) as a condition on an owner column.

const DAY = 24 * 3600 * 1000;

export type Period = { from: string; to: string; tz: string; today: string };

// The period in the workspace's days: by default the last 30 days up to today (the workspace's today).
export async function periodOf(
  ctx: Ctx,
  q: { from?: string | undefined; to?: string | undefined },
  days = 30,
): Promise<Period> {
  const tz = (await workspaces.getWorkspace(ctx)).timezone;
  const today = routing.isoDate(routing.localDateOf(Date.now(), tz));
  const to = q.to ?? today;
  const from = q.from ?? new Date(Date.parse(to) - (days - 1) * DAY).toISOString().slice(0, 10);
  return { from, to, tz, today };
}

// [from 00:00, to + 1 day 00:00) in the zone, as a condition on a timestamp column.
export const inDays = (col: SQL, p: { from: string; to: string; tz: string }) =>
  sql`${col} >= (${p.from}::date)::timestamp at time zone ${p.tz} and ${col} < (${p.to}::date + 1)::timestamp at time zone ${p.tz}`;

// The visibility rule over deals' owners as a condition on any owner column (true when all are seen).
export const seenOwner = (ctx: Ctx, col: SQL): SQL =>
  workspaces.visibleTo(ctx, 'deals', col) ?? sql`true`;

// A manager who sees only their own records is held to them whatever the filter asks.
export const ownOnly = (ctx: Ctx) => ctx.actor.permissions?.deals.visibility === 'own';

// The deals' filter: pipeline, manager, source (the channel of the request converted into the deal).
export function dealFilter(ctx: Ctx, q: ReportFilter, pipelineId: string | null): SQL {
  return sql`d.workspace_id = ${ctx.workspaceId}
    ${pipelineId ? sql`and d.pipeline_id = ${pipelineId}` : sql``}
    ${q.ownerId ? sql`and d.owner_id = ${q.ownerId}` : sql``}
    ${q.source ? sql`and exists (select 1 from leads l where l.workspace_id = d.workspace_id and l.deal_id = d.id and l.channel = ${q.source})` : sql``}
    and ${seenOwner(ctx, sql`d.owner_id`)}`;
}

export async function pipelineOf(ctx: Ctx, id: string | undefined): Promise<string> {
  if (id) return (await pipeline.getPipeline(ctx, id)).id;
  return (await pipeline.defaultPipeline(ctx)).id;
}

export type StageRow = {
  id: string;
  name: string;
  kind: 'open' | 'won' | 'lost';
  probability: number;
  position: number;
};
export async function stagesOf(ctx: Ctx, pipelineId: string): Promise<StageRow[]> {
  return rowsOf<StageRow>(
    await ctx.tx.execute(sql`select id, name, kind, probability, position from stages
      where workspace_id = ${ctx.workspaceId} and pipeline_id = ${pipelineId} order by position`),
  );
}

// Members' names (active and not), for labels.
export async function memberNames(ctx: Ctx): Promise<Map<string, string>> {
  const rows = rowsOf<{ id: string; name: string }>(
    await ctx.tx.execute(sql`select m.id, u.name from members m join users u on u.id = m.user_id
      where m.workspace_id = ${ctx.workspaceId}`),
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const numOrNull = (v: unknown): number | null =>
  v === null || v === undefined ? null : Number(v);
