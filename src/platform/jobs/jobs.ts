import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inSystemWorkspace, type Ctx } from '../context.js';
import { isDatabaseUnavailable } from '../db/outage.js';
import { rowsOf } from '../db/rls.js';
import type { Db, Executor, Tx } from '../db/types.js';
import { newId } from '../ids.js';
import { startPollLoop, type PollLoop } from './poll-loop.js';
import { jobs } from './tables.js';

type JobBase<P extends z.ZodType> = { name: string; payload: P; maxAttempts?: number };

// A job of one workspace (enqueued with its id): it runs as the system inside that workspace.
export type WorkspaceJob<P extends z.ZodType> = JobBase<P> & {
  scope: 'workspace';
  // Runs inside the job's workspace transaction. Must re-read state and be idempotent: a job is
  // delivered at least once (a crash after the effect but before completion repeats it).
  run(ctx: Ctx, payload: z.infer<P>): Promise<void>;
  // Instead of `run`, for a job whose effect is a call to another system (a provider's API): it gets
  // the database and opens its own short workspace transactions around the call, so no transaction
  // (and, on PGlite, the one connection every request shares) is held while the provider answers.
  // The job's lease (5 minutes) keeps a second worker from running it meanwhile.
  perform?(db: Db, workspaceId: string, payload: z.infer<P>, requestId: string): Promise<void>;
};

// A job across workspaces (housekeeping, a nightly fan-out): a transaction on the privileged
// connection and no workspace at all.
export type SystemJob<P extends z.ZodType> = JobBase<P> & {
  scope: 'system';
  run(tx: Tx, payload: z.infer<P>): Promise<void>;
};

export type JobDefinition<P extends z.ZodType> = WorkspaceJob<P> | SystemJob<P>;

export class PermanentJobError extends Error {}

export const defineJob = <P extends z.ZodType>(
  def: Omit<WorkspaceJob<P>, 'scope'>,
): WorkspaceJob<P> => ({ ...def, scope: 'workspace' });

export const defineSystemJob = <P extends z.ZodType>(
  def: Omit<SystemJob<P>, 'scope'>,
): SystemJob<P> => ({ ...def, scope: 'system' });

type AnyJob = JobDefinition<z.ZodType>;

type EnqueueOpts = { key?: string; runAt?: Date };

// Enqueue within the caller's transaction. The same (name, key) twice is one job. A workspace job
// names its workspace; a system job has none.
export async function enqueue<P extends z.ZodType>(
  tx: Executor,
  job: WorkspaceJob<P>,
  payload: z.infer<P>,
  opts: EnqueueOpts & { workspaceId: string },
): Promise<void>;
export async function enqueue<P extends z.ZodType>(
  tx: Executor,
  job: SystemJob<P>,
  payload: z.infer<P>,
  opts?: EnqueueOpts & { workspaceId?: null },
): Promise<void>;
export async function enqueue<P extends z.ZodType>(
  tx: Executor,
  job: JobDefinition<P>,
  payload: z.infer<P>,
  opts: EnqueueOpts & { workspaceId?: string | null } = {},
): Promise<void> {
  const workspaceId = opts.workspaceId ?? null;
  if ((job.scope === 'workspace') !== (workspaceId !== null))
    throw new Error(`job ${job.name} is a ${job.scope} job: enqueued with the wrong workspace`);
  const parsed = job.payload.parse(payload);
  await tx
    .insert(jobs)
    .values({
      id: newId(),
      tenantId: workspaceId,
      name: job.name,
      key: opts.key ?? null,
      payload: parsed,
      runAt: opts.runAt ?? sql`now()`,
      maxAttempts: job.maxAttempts ?? 5,
    })
    .onConflictDoNothing();
}

type Claimed = {
  id: string;
  tenant_id: string | null;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
};

export type JobRunner = PollLoop;

// Claims due jobs with SKIP LOCKED and a lease taken on the database's clock, so any number of
// workers can run; an expired lease (a crashed worker) makes the job claimable again. Jobs claimed
// when the database went away (their outcome could not be written) are handed back as soon as it
// answers again, without counting the attempt, rather than waiting out their lease; the claim's
// attempt number fences the hand-back, so a job another worker has claimed since is left alone.
export function startJobRunner(
  db: Db,
  definitions: AnyJob[],
  opts: {
    pollMs?: number;
    batch?: number;
    // How many claimed jobs run at once (a provider's slow answer does not hold up the rest).
    concurrency?: number;
    log?: (msg: string, err?: unknown) => void;
  } = {},
): JobRunner {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  // Only jobs this runner has a handler for are claimed: a runner started with some of the jobs (a
  // worker of its own, a test) must leave the others queued for theirs, not fail them for good.
  const names = sql.join(
    [...byName.keys()].map((n) => sql`${n}`),
    sql`, `,
  );
  const lost: Claimed[] = [];
  const tick = async (): Promise<number> => {
    while (lost.length) {
      const job = lost[0]!;
      await db.execute(
        sql`update jobs set state = 'queued', attempts = attempts - 1, locked_until = null where id = ${job.id} and state = 'active' and attempts = ${job.attempts}`,
      );
      lost.shift();
    }
    if (!byName.size) return 0;
    const result = await db.execute(sql`
      update jobs set state = 'active', attempts = attempts + 1, locked_until = now() + interval '5 minutes'
      where id in (
        select id from jobs
        where name in (${names})
          and ((state = 'queued' and run_at <= now()) or (state = 'active' and locked_until < now()))
        order by run_at limit ${opts.batch ?? 10} for update skip locked)
      returning id, tenant_id, name, payload, attempts, max_attempts`);
    const claimed = rowsOf<Claimed>(result);
    await runBounded(claimed, opts.concurrency ?? 4, (job) => runOne(db, byName, job, opts.log), {
      // The database went away: what could not be recorded, and what never started, is handed back.
      onLost: (jobsLost, err) => {
        if (isDatabaseUnavailable(err)) lost.push(...jobsLost);
      },
    });
    return claimed.length;
  };
  return startPollLoop(tick, { name: 'jobs runner', pollMs: opts.pollMs ?? 1000, log: opts.log });
}

// A job that fails is rescheduled (or failed for good), then logged. When even that write fails
// because the database is away, the error goes up to the loop (which hands the job back later).
async function runOne(
  db: Db,
  byName: Map<string, AnyJob>,
  job: Claimed,
  log?: (msg: string, err?: unknown) => void,
) {
  const def = byName.get(job.name);
  try {
    if (!def) throw new PermanentJobError(`no handler for job ${job.name}`);
    const payload = def.payload.parse(job.payload);
    const requestId = `job:${job.id}`;
    if (def.scope === 'system') await db.transaction(async (tx) => def.run(tx as Tx, payload));
    else if (!job.tenant_id) throw new PermanentJobError(`job ${job.name} has no workspace`);
    else if (def.perform) await def.perform(db, job.tenant_id, payload, requestId);
    else await inSystemWorkspace(db, job.tenant_id, (ctx) => def.run(ctx, payload), { requestId });
    await db
      .update(jobs)
      .set({ state: 'completed', finishedAt: sql`now()`, lockedUntil: null })
      .where(eq(jobs.id, job.id));
  } catch (err) {
    const permanent = err instanceof PermanentJobError || job.attempts >= job.max_attempts;
    // Exponential back-off on the database clock: 2^attempts seconds.
    await db
      .update(jobs)
      .set({
        state: permanent ? 'failed' : 'queued',
        lastError: String((err as Error)?.message ?? err).slice(0, 2000),
        lockedUntil: null,
        runAt: sql`now() + make_interval(secs => power(2, ${job.attempts}))`,
        finishedAt: permanent ? sql`now()` : null,
      })
      .where(and(eq(jobs.id, job.id), eq(jobs.state, 'active')));
    log?.(`job ${job.name} ${job.id} failed (attempt ${job.attempts})`, err);
  }
}

// Runs `jobs` with at most `limit` at a time. A handler that throws (its outcome could not be
// written) stops new starts; once those running have ended, `onLost` gets the thrown-on job and the
// ones never started, and the first error is thrown.
async function runBounded<T>(
  items: T[],
  limit: number,
  handle: (item: T) => Promise<void>,
  opts: { onLost: (items: T[], err: unknown) => void },
): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const lost: T[] = [];
  const lane = async () => {
    while (next < items.length && !failures.length) {
      const item = items[next++]!;
      try {
        await handle(item);
      } catch (err) {
        failures.push(err);
        lost.push(item);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(limit, 1), items.length) }, lane));
  if (!failures.length) return;
  opts.onLost([...lost, ...items.slice(next)], failures[0]);
  throw failures[0];
}

// Housekeeping of the queue itself: completed jobs are kept 7 days, failed ones 30 (for the
// operator to read why), then deleted. A deleted job's key may be enqueued again.
export const purgeFinishedJobs = defineSystemJob({
  name: 'jobs.purge-finished',
  payload: z.object({}),
  async run(tx) {
    await tx.execute(sql`delete from jobs where
      (state = 'completed' and finished_at < now() - interval '7 days') or
      (state = 'failed' and finished_at < now() - interval '30 days')`);
  },
});
