import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/app.js';
import { freePort } from '../../test/ports.js';
import { openDatabase, type Database } from './client.js';
import { backoffMs, isDatabaseUnavailable, loggableError, outageReporter } from './outage.js';

// Which errors mean "the database is away", told apart from errors of the query itself, on real
// errors: a PostgreSQL URL nobody listens on, and the test database refusing a query.

let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (err: unknown) => err,
  );

describe('the database being away', () => {
  it("is recognised through Drizzle's wrapper: a refused connection, a closed database", async () => {
    const nowhere = await openDatabase({
      databaseUrl: `postgres://postgres:s3cret@127.0.0.1:${await freePort()}/voronka`,
      poolSize: 1,
    });
    const refused = await failure(nowhere.db.execute(sql`select ${'личные данные'}::text`));
    await nowhere.close();
    expect(isDatabaseUnavailable(refused)).toBe(true);
    // Logged with the driver's code and words: no query parameters, no password.
    const logged = JSON.stringify(loggableError(refused));
    expect(logged).toContain('ECONNREFUSED');
    expect(logged).not.toContain('личные данные');
    expect(logged).not.toContain('s3cret');

    const closed = await openTestDatabase();
    await closed.database.close();
    expect(isDatabaseUnavailable(await failure(closed.database.db.execute(sql`select 1`)))).toBe(
      true,
    );
    await closed.drop();
  });

  it('is not a query the database refused, which is logged without its parameters', async () => {
    const bad = await failure(database.db.execute(sql`select ${'личные данные'}::int`));
    expect(bad).toBeTruthy();
    expect(isDatabaseUnavailable(bad)).toBe(false);
    const logged = loggableError(bad);
    expect(logged.code).toBe('22P02');
    expect(logged.message).toContain('Failed query');
    expect(JSON.stringify(logged)).not.toContain('личные данные');
    expect(logged.stack).toBeTruthy();
    expect(isDatabaseUnavailable(new Error('provider timed out'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
  });

  it('is logged once per outage, and its end once', () => {
    const lines: string[] = [];
    const r = outageReporter('jobs runner', (msg) => lines.push(msg));
    const gone = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
      code: 'ECONNREFUSED',
    });
    r.failed(gone);
    r.failed(refused);
    r.failed(refused);
    expect(r.failures).toBe(3);
    r.failed(new Error('a bug'));
    r.succeeded();
    r.succeeded();
    expect(lines).toEqual([
      'jobs runner: the database is unavailable; retrying with back-off (logged once until it is back)',
      'jobs runner failed',
      'jobs runner: the database is available again after 4 failed attempts',
    ]);
    expect(r.failures).toBe(0);
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, 200, 5000))).toEqual([
      200, 400, 800, 1600, 5000,
    ]);
  });
});
