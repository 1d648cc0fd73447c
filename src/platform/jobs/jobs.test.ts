import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openTestDatabase } from '../../test/app.js';
import type { Database } from '../db/client.js';
import type { Db } from '../db/types.js';
import { rowsOf } from '../db/rls.js';
import { defineSystemJob, enqueue, PermanentJobError, startJobRunner } from './jobs.js';
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
