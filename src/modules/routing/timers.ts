import { sql } from 'drizzle-orm';
import { inSystemWorkspace, type Ctx } from '../../platform/context.js';
import { isDatabaseUnavailable } from '../../platform/db/outage.js';
import { rowsOf } from '../../platform/db/rls.js';
import { startPollLoop, type PollLoop } from '../../platform/jobs/poll-loop.js';
import type { Db } from '../../platform/db/types.js';
import { Counter } from 'prom-client';
import { handleTimer, tellStuck, type WorldCache } from './engine.js';
import type { TimerKind } from './tables.js';

// The SLA clock. lead_timers holds at most one row per open, unanswered request: when its next
// thing is due (route it, warn its assignee, act on its breach). The loop probes the due-time index
// every `pollMs` (one index lookup when nothing is due), claims what has fallen due with SKIP LOCKED
// and a lease on the database's clock — so any number of workers share the work, a crashed one's
// claims come back after the lease, and a restart finds every pending deadline where it was left —
// and handles each in its workspace's transaction. Work is proportional to the timers falling due,
// never to the open requests. Timers claimed when the database went away are handed back as soon
// as it answers again (not after their lease), fenced by the claim's attempt number. A timer whose
// handler fails `maxAttempts` times running (a bug, data it cannot read) is dead: kept with its last
// error, no longer claimed, logged at error, counted (voronka_routing_timers_dead_total), and the
// request's heads are told (routing.stuck, as breaches are) so a person routes it by hand.

export type TimerLoop = PollLoop;
type Claimed = {
  workspace_id: string;
  lead_id: string;
  kind: TimerKind;
  due_at: string | Date;
  attempts: number;
};
type Log = (msg: string, err?: unknown) => void;

const LEASE = '30 seconds';
// A failed handler's timer is tried again after this (not at once: the failure may be lasting).
const RETRY_MS = 5000;
// Claims without success before a timer is dead: with RETRY_MS, about a minute of failures.
export const MAX_TIMER_ATTEMPTS = 10;

// In prom-client's default registry, which /metrics serves with the process's own.
export const deadTimers = new Counter({
  name: 'voronka_routing_timers_dead_total',
  help: 'SLA timers stopped after failing too many times in a row',
  labelNames: ['kind'] as const,
});

type Options = {
  pollMs?: number;
  batch?: number;
  log?: Log;
  onHandled?: (t: { kind: TimerKind; dueAt: Date; at: Date }) => void;
  maxAttempts?: number;
  retryMs?: number;
};

const inTimerWorkspace = <T>(db: Db, t: Claimed, what: string, fn: (ctx: Ctx) => Promise<T>) =>
  inSystemWorkspace(db, t.workspace_id, fn, { requestId: `timer:${what}:${t.lead_id}` });

export function startLeadTimers(db: Db, opts: Options = {}): TimerLoop {
  const pollMs = opts.pollMs ?? 200;
  const batch = opts.batch ?? 50;
  const lost: Claimed[] = [];
  const tick = async (): Promise<number> => {
    while (lost.length) {
      const t = lost[0]!;
      await db.execute(
        sql`update lead_timers set locked_until = null where workspace_id = ${t.workspace_id} and lead_id = ${t.lead_id} and attempts = ${t.attempts} and locked_until is not null`,
      );
      lost.shift();
    }
    const claimed = rowsOf<Claimed>(
      await db.execute(sql`
        update lead_timers t set locked_until = now() + ${LEASE}::interval, attempts = t.attempts + 1
        from (
          select workspace_id, lead_id from lead_timers
          where due_at <= now() and dead_at is null and (locked_until is null or locked_until < now())
          order by due_at limit ${batch} for update skip locked
        ) due
        where t.workspace_id = due.workspace_id and t.lead_id = due.lead_id
        returning t.workspace_id, t.lead_id, t.kind, t.due_at, t.attempts`),
    );
    // One batch reads each workspace's rules and people once (engine.ts, WorldCache).
    const cache: WorldCache = new Map();
    for (const [i, t] of claimed.entries()) {
      try {
        await inTimerWorkspace(db, t, t.kind, (ctx) =>
          handleTimer(ctx, t.lead_id, t.kind, new Date(), cache),
        );
        opts.onHandled?.({ kind: t.kind, dueAt: new Date(t.due_at), at: new Date() });
      } catch (err) {
        // The database is away: the loop logs that once and backs off; these claims are handed back.
        if (!(await failed(db, t, err, opts))) {
          lost.push(...claimed.slice(i));
          throw err;
        }
      }
    }
    return claimed.length;
  };

  return startPollLoop(tick, { name: 'SLA clock', pollMs, busy: (n) => n >= batch, log: opts.log });
}

// A handler failed: the timer is tried again after a while, or, past its attempts, stopped and
// reported. False when the database is away (nothing could be written).
async function failed(db: Db, t: Claimed, err: unknown, opts: Options): Promise<boolean> {
  const dead = t.attempts >= (opts.maxAttempts ?? MAX_TIMER_ATTEMPTS);
  const message = err instanceof Error ? err.message : String(err);
  const retry = `${opts.retryMs ?? RETRY_MS} milliseconds`;
  const writeErr = await db
    .execute(
      dead
        ? sql`update lead_timers set dead_at = now(), locked_until = null, last_error = ${message.slice(0, 2000)} where workspace_id = ${t.workspace_id} and lead_id = ${t.lead_id} and attempts = ${t.attempts}`
        : sql`update lead_timers set locked_until = now() + ${retry}::interval where workspace_id = ${t.workspace_id} and lead_id = ${t.lead_id}`,
    )
    .then(
      () => null,
      (e: unknown) => e,
    );
  if (writeErr && isDatabaseUnavailable(writeErr)) return false;
  if (!dead) {
    opts.log?.(`lead timer ${t.kind} ${t.lead_id} failed`, err);
    return true;
  }
  opts.log?.(
    `lead timer ${t.kind} ${t.lead_id} failed ${t.attempts} times: stopped, the heads are told`,
    err,
  );
  deadTimers.inc({ kind: t.kind });
  await inTimerWorkspace(db, t, 'dead', (ctx) => tellStuck(ctx, t.lead_id, t.kind)).catch(
    (tellErr: unknown) =>
      opts.log?.(`telling the heads of stopped timer ${t.lead_id} failed`, tellErr),
  );
  return true;
}
