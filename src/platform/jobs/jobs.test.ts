import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openTestDatabase } from '../../test/app.js';
import type { Database } from '../db/client.js';
import type { Db } from '../db/types.js';
import { rowsOf } from '../db/rls.js';
import { Registry } from 'prom-client';
import type { Tx } from '../db/types.js';
import {
  defineJob,
  defineSystemJob,
  enqueue,
  PermanentJobError,
  purgeFinishedJobs,
  startJobRunner,
} from './jobs.js';
import { installJobMetrics } from './metrics.js';
import { jobs } from './tables.js';

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});

const delivered: string[] = [];
const note = defineSystemJob({
  name: 'test.note',
  payload: z.object({ text: z.string() }),
  async run(_tx, p) {
    delivered.push(p.text);
  },
});
let flakyCalls = 0;
const flaky = defineSystemJob({
  name: 'test.flaky',
  payload: z.object({}),
  async run() {
    flakyCalls++;
    if (flakyCalls === 1) throw new Error('provider timed out');
  },
});
const broken = defineSystemJob({
  name: 'test.broken',
  payload: z.object({}),
  async run() {
    throw new PermanentJobError('recipient does not exist');
  },
});

const stateOf = async (name: string) =>
  (
    await database.db
      .select({ state: jobs.state, attempts: jobs.attempts, lastError: jobs.lastError })
      .from(jobs)
      .where(eq(jobs.name, name))
  )[0];

describe('durable jobs', () => {
  it('runs a job enqueued in a committed transaction exactly once', async () => {
    await database.db.transaction(async (tx) =>
      enqueue(tx, note, { text: 'committed' }, { key: 'k1' }),
    );
    const runner = startJobRunner(database.db, [note], { pollMs: 60_000 });
    await runner.drain();
    await runner.drain();
    await runner.stop();
    expect(delivered.filter((t) => t === 'committed')).toEqual(['committed']);
    expect((await stateOf('test.note'))?.state).toBe('completed');
  });

  it('drops the job with the transaction that rolled back', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await enqueue(tx, note, { text: 'rolled back' }, { key: 'k2' });
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const runner = startJobRunner(database.db, [note], { pollMs: 60_000 });
    await runner.drain();
    await runner.stop();
    expect(delivered).not.toContain('rolled back');
  });

  it('treats the same key as the same effect', async () => {
    await enqueue(database.db, note, { text: 'once' }, { key: 'same' });
    await enqueue(database.db, note, { text: 'once' }, { key: 'same' });
    const [row] = rowsOf<{ n: number }>(
      await database.db.execute(sql`select count(*)::int as n from jobs where key = 'same'`),
    );
    expect(row?.n).toBe(1);
  });

  it('retries a transient failure later and keeps the error', async () => {
    await enqueue(database.db, flaky, {}, { key: 'f1' });
    const runner = startJobRunner(database.db, [flaky], { pollMs: 60_000 });
    await runner.drain();
    expect(await stateOf('test.flaky')).toMatchObject({
      state: 'queued',
      attempts: 1,
      lastError: 'provider timed out',
    });
    await database.db
      .update(jobs)
      .set({ runAt: sql`now()` })
      .where(eq(jobs.name, 'test.flaky'));
    await runner.drain();
    await runner.stop();
    expect(await stateOf('test.flaky')).toMatchObject({ state: 'completed', attempts: 2 });
  });

  it('gives up at once on a permanent failure', async () => {
    await enqueue(database.db, broken, {}, { key: 'b1' });
    const runner = startJobRunner(database.db, [broken], { pollMs: 60_000 });
    await runner.drain();
    await runner.stop();
    expect(await stateOf('test.broken')).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it('reclaims a job whose worker died holding the lease', async () => {
    await enqueue(database.db, note, { text: 'orphaned' }, { key: 'o1' });
    await database.db
      .update(jobs)
      .set({ state: 'active', lockedUntil: sql`now() - interval '1 second'`, attempts: 1 })
      .where(eq(jobs.key, 'o1'));
    const runner = startJobRunner(database.db, [note], { pollMs: 60_000 });
    await runner.drain();
    await runner.stop();
    expect(delivered).toContain('orphaned');
  });

  // The database going away mid-job, injected: the runner's database fails every call while `down`
  // (as a real one does after 57P01 or while it refuses connections; restart.test.ts does it for
  // real, but cannot choose the moment). The job's outcome cannot be written then, so the claim is
  // handed back once the database answers, its attempt not counted, instead of waiting out its
  // 5-minute lease; the outage is logged once, and so is its end.
  it('hands back a job whose outcome could not be written because the database went away', async () => {
    let down = false;
    const gone = () =>
      Object.assign(new Error('terminating connection due to administrator command'), {
        code: '57P01',
      });
    const db = new Proxy(database.db, {
      get(target, prop, receiver) {
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (
          typeof v !== 'function' ||
          !['execute', 'update', 'transaction', 'select', 'insert'].includes(String(prop))
        )
          return v;
        return (...args: unknown[]) => {
          if (down) throw gone();
          return (v as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    }) as Db;
    let runs = 0;
    const interrupted = defineSystemJob({
      name: 'test.interrupted',
      payload: z.object({}),
      async run() {
        runs++;
        if (runs === 1) {
          down = true;
          throw gone();
        }
      },
    });
    const lines: string[] = [];
    await enqueue(database.db, interrupted, {}, { key: 'i1' });
    const runner = startJobRunner(db, [interrupted], { pollMs: 10, log: (msg) => lines.push(msg) });
    try {
      for (let i = 0; i < 500 && !lines.length; i++) await new Promise((r) => setTimeout(r, 10));
      expect(await stateOf('test.interrupted')).toMatchObject({ state: 'active', attempts: 1 });
      down = false;
      for (let i = 0; i < 500 && (await stateOf('test.interrupted'))?.state !== 'completed'; i++)
        await new Promise((r) => setTimeout(r, 10));
    } finally {
      down = false;
      await runner.stop();
    }
    expect(await stateOf('test.interrupted')).toMatchObject({ state: 'completed', attempts: 1 });
    expect(runs).toBe(2);
    expect(lines).toEqual([
      'jobs runner: the database is unavailable; retrying with back-off (logged once until it is back)',
      expect.stringMatching(
        /^jobs runner: the database is available again after \d+ failed attempts?$/,
      ),
    ]);
  });
});

describe('jobs: scope, parallelism, retention and metrics', () => {
  it('refuses a workspace job without a workspace and a system job with one, enqueuing nothing', async () => {
    const perWorkspace = defineJob({
      name: 'test.per-workspace',
      payload: z.object({}),
      async run() {},
    });
    await expect(
      enqueue(database.db, perWorkspace, {}, { workspaceId: null as unknown as string }),
    ).rejects.toThrow('workspace job');
    await expect(
      enqueue(
        database.db,
        note,
        { text: 'x' },
        {
          key: 'scoped',
          workspaceId: '00000000-0000-4000-8000-000000000001' as unknown as null,
        },
      ),
    ).rejects.toThrow('system job');
    const rows = await database.db
      .select({ id: jobs.id })
      .from(jobs)
      .where(sql`${jobs.name} = 'test.per-workspace' or ${jobs.key} = 'scoped'`);
    expect(rows).toEqual([]);
  });

  it('runs claimed jobs side by side, never more at once than its bound', async () => {
    let running = 0;
    let most = 0;
    const slow = defineSystemJob({
      name: 'test.slow',
      payload: z.object({ n: z.number() }),
      async run() {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 100));
        running--;
      },
    });
    for (let n = 0; n < 6; n++) await enqueue(database.db, slow, { n }, { key: `s${n}` });
    const runner = startJobRunner(database.db, [slow], { pollMs: 60_000, concurrency: 2 });
    await runner.drain();
    await runner.stop();
    // PGlite has one session, where transactions take turns: only PostgreSQL shows the overlap.
    expect(most).toBe(database.kind === 'pglite' ? 1 : 2);
    const states = await database.db
      .select({ state: jobs.state })
      .from(jobs)
      .where(eq(jobs.name, 'test.slow'));
    expect(states.map((s) => s.state)).toEqual(Array(6).fill('completed'));
  });

  it('forgets completed jobs after 7 days and failed ones after 30, keeping the younger', async () => {
    const aged = async (key: string, state: string, days: number) => {
      await enqueue(database.db, note, { text: key }, { key });
      await database.db.execute(
        sql`update jobs set state = ${state}, finished_at = now() - make_interval(days => ${days}) where name = 'test.note' and key = ${key}`,
      );
    };
    await aged('done-old', 'completed', 8);
    await aged('done-new', 'completed', 6);
    await aged('failed-old', 'failed', 31);
    await aged('failed-new', 'failed', 29);
    await database.db.transaction((tx) => purgeFinishedJobs.run(tx as Tx, {}));
    const left = rowsOf<{ key: string }>(
      await database.db.execute(
        sql`select key from jobs where key in ('done-old', 'done-new', 'failed-old', 'failed-new') order by key`,
      ),
    );
    expect(left.map((r) => r.key)).toEqual(['done-new', 'failed-new']);
  });

  it('reports the queue to the metrics scrape: jobs by state and how long the oldest due one waits', async () => {
    const registry = new Registry();
    installJobMetrics(registry, database.db);
    await enqueue(database.db, note, { text: 'waiting' }, { key: 'waiting' });
    await database.db.execute(
      sql`update jobs set run_at = now() - interval '90 seconds' where key = 'waiting'`,
    );
    const text = await registry.metrics();
    const value = (line: RegExp) => Number(line.exec(text)?.[1]);
    expect(value(/^voronka_jobs\{state="queued"\} (\d+)$/m)).toBeGreaterThanOrEqual(1);
    expect(value(/^voronka_jobs\{state="failed"\} (\d+)$/m)).toBeGreaterThanOrEqual(1);
    expect(value(/^voronka_jobs_oldest_due_age_seconds ([\d.]+)$/m)).toBeGreaterThanOrEqual(90);
  });
});
