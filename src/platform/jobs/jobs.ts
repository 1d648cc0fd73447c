import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Ctx } from '../context.js';
import { systemActor } from '../context.js';
import { isDatabaseUnavailable } from '../db/outage.js';
import { rowsOf } from '../db/rls.js';
import { inWorkspace } from '../db/tenancy.js';
import type { Db, Executor, Tx } from '../db/types.js';
import { newId } from '../ids.js';
import { startPollLoop, type PollLoop } from './poll-loop.js';
import { jobs } from './tables.js';

export type JobDefinition<P extends z.ZodType> = {
  name: string;
  payload: P;
  maxAttempts?: number;
  // Runs inside the job's workspace transaction. Must re-read state and be idempotent: a job is
  // delivered at least once (a crash after the effect but before completion repeats it).
  run(ctx: Ctx, payload: z.infer<P>): Promise<void>;
  // Instead of `run`, for a job whose effect is a call to another system (a provider's API): it gets
  // the database and opens its own short workspace transactions around the call, so no transaction
  // (and, on PGlite, the one connection every request shares) is held while the provider answers.
  // The job's lease (5 minutes) keeps a second worker from running it meanwhile.
  perform?(db: Db, workspaceId: string, payload: z.infer<P>, requestId: string): Promise<void>;
};

export class PermanentJobError extends Error {}

export const defineJob = <P extends z.ZodType>(def: JobDefinition<P>) => def;

type AnyJob = JobDefinition<z.ZodType>;

// Enqueue within the caller's transaction. The same (name, key) twice is one job.
export async function enqueue<P extends z.ZodType>(
  tx: Executor,
  job: JobDefinition<P>,
  payload: z.infer<P>,
  opts: { workspaceId: string | null; key?: string; runAt?: Date },
): Promise<void> {
  const parsed = job.payload.parse(payload);
  await tx
    .insert(jobs)
    .values({
      id: newId(),
      tenantId: opts.workspaceId,
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
  opts: { pollMs?: number; batch?: number; log?: (msg: string, err?: unknown) => void } = {},
): JobRunner {
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const lost: Claimed[] = [];
  const tick = async (): Promise<number> => {
    while (lost.length) {
      const job = lost[0]!;
      await db.execute(
        sql`update jobs set state = 'queued', attempts = attempts - 1, locked_until = null where id = ${job.id} and state = 'active' and attempts = ${job.attempts}`,
      );
      lost.shift();
    }
    const result = await db.execute(sql`
      update jobs set state = 'active', attempts = attempts + 1, locked_until = now() + interval '5 minutes'
      where id in (
        select id from jobs
        where (state = 'queued' and run_at <= now()) or (state = 'active' and locked_until < now())
        order by run_at limit ${opts.batch ?? 10} for update skip locked)
      returning id, tenant_id, name, payload, attempts, max_attempts`);
    const claimed = rowsOf<Claimed>(result);
    for (const [i, job] of claimed.entries()) {
      try {
        await runOne(db, byName, job, opts.log);
      } catch (err) {
        if (isDatabaseUnavailable(err)) lost.push(...claimed.slice(i));
        throw err;
      }
    }
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
    const run = (tx: Tx) =>
      def.run(
        {
          tx,
          workspaceId: job.tenant_id ?? '',
          actor: systemActor,
          ip: null,
          requestId: `job:${job.id}`,
        },
        payload,
      );
    if (def.perform && job.tenant_id)
      await def.perform(db, job.tenant_id, payload, `job:${job.id}`);
    else if (job.tenant_id) await inWorkspace(db, job.tenant_id, run);
    else await db.transaction(async (tx) => run(tx as Tx));
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
