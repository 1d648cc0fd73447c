import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf } from '../../platform/db/rls.js';
import { inWorkspace } from '../../platform/db/tenancy.js';
import type { Db, Tx } from '../../platform/db/types.js';
import { defineJob, defineSystemJob, enqueue } from '../../platform/jobs/jobs.js';
import { createdOn, partsSql, runsOf } from './funnel-parts.js';

// The funnel's daily aggregate (DESIGN.md "Daily aggregates"). A past day is stored once computed
// (analytics_funnel_daily + a row in analytics_fresh_days naming the zone) and recomputed when a
// trigger marks it dirty (migration analytics_daily: a deal, its history or its requests changed).
// Each batch of days is one transaction: its dirty marks are taken first (a writer still in flight
// on a marked day holds the mark's row, so the delete waits for it and the next statement sees its
// write), then the days' rows are replaced and the days marked fresh. A crash leaves the days as
// they were (dirty or not fresh: read live); a rerun computes the same rows.

const BATCH = 31;
// A day is rolled up an hour after it ends (a transaction begun before midnight that writes "today"
// is not marked by the triggers; it has committed by then).
const GRACE = '1 hour';

type Days = { tz: string; cut: string; days: string[] };

async function daysToRoll(tx: Tx, ws: string, limit: number): Promise<Days> {
  const [w] = rowsOf<{ tz: string; cut: string; first: string | null }>(
    await tx.execute(sql`select w.timezone as tz,
        to_char(((now() - ${GRACE}::interval) at time zone w.timezone)::date, 'YYYY-MM-DD') as cut,
        to_char((select min(created_at) from deals where workspace_id = w.id) at time zone w.timezone,
          'YYYY-MM-DD') as first
      from workspaces w where w.id = ${ws}`),
  );
  if (!w) return { tz: 'UTC', cut: '', days: [] };
  const days = rowsOf<{ day: string }>(
    await tx.execute(sql`select to_char(day, 'YYYY-MM-DD') as day from (
        select day from analytics_dirty_days where workspace_id = ${ws} and day < ${w.cut}::date
        union
        select g::date from generate_series(${w.first ?? w.cut}::date, ${w.cut}::date - 1,
          interval '1 day') g
        where not exists (select 1 from analytics_fresh_days f
          where f.workspace_id = ${ws} and f.day = g::date and f.tz = ${w.tz})
      ) x order by day limit ${limit}`),
  ).map((r) => r.day);
  return { tz: w.tz, cut: w.cut, days };
}

// Recomputes the given past days of one workspace (in its transaction).
export async function rollupDays(tx: Tx, ws: string, tz: string, days: string[]): Promise<void> {
  if (!days.length) return;
  // One rollup of a workspace at a time (two would both delete, then both insert).
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtext('analytics.rollup'), hashtext(${ws}))`,
  );
  const list = sql.join(
    days.map((d) => sql`${d}::date`),
    sql`, `,
  );
  await tx.execute(
    sql`delete from analytics_dirty_days where workspace_id = ${ws} and day in (${list})`,
  );
  await tx.execute(
    sql`delete from analytics_funnel_daily where workspace_id = ${ws} and day in (${list})`,
  );
  await tx.execute(sql`insert into analytics_funnel_daily (workspace_id, day, pipeline_id, owner_id,
      sources, part, key, minutes, n, a, b, c)
    select ${ws}, day, pipeline_id, owner_id, sources, part, key, minutes, n, a, b, c
    from (${partsSql(ws, tz, sql`d.workspace_id = ${ws} and ${createdOn(runsOf(days), tz)}`)}) p`);
  await tx.execute(sql`insert into analytics_fresh_days (workspace_id, day, tz)
    select ${ws}, d, ${tz} from unnest(array[${list}]) d
    on conflict (workspace_id, day) do update set tz = excluded.tz, computed_at = now()`);
}

// Brings a workspace's aggregate up to date, a batch of days per transaction; returns the days done.
export async function rollup(db: Db, ws: string, maxDays = 5000): Promise<number> {
  let done = 0;
  while (done < maxDays) {
    const n = await inWorkspace(db, ws, async (tx) => {
      const { tz, days } = await daysToRoll(tx, ws, Math.min(BATCH, maxDays - done));
      await rollupDays(tx, ws, tz, days);
      return days.length;
    });
    done += n;
    if (n < BATCH) break;
  }
  return done;
}

export const rollupWorkspace = defineJob({
  name: 'analytics.rollup',
  payload: z.object({ slot: z.string() }),
  maxAttempts: 3,
  async run() {
    // Done by perform: a transaction per batch of days, not one for the whole backlog.
  },
  async perform(db, workspaceId) {
    await rollup(db, workspaceId);
  },
});

// Every housekeeping tick (10 minutes): a rollup per workspace with deals, keyed by the slot.
export const rollupAll = defineSystemJob({
  name: 'analytics.rollup-all',
  payload: z.object({ slot: z.string() }),
  async run(tx, { slot }) {
    const rows = rowsOf<{ id: string }>(
      await tx.execute(sql`select w.id from workspaces w
        where exists (select 1 from deals d where d.workspace_id = w.id)`),
    );
    for (const w of rows)
      await enqueue(tx, rollupWorkspace, { slot }, { workspaceId: w.id, key: `${w.id}:${slot}` });
  },
});
