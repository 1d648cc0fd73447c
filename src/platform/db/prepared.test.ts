import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/app.js';
import type { Database } from './client.js';
import { executePrepared } from './prepared.js';
import { APP_ROLE, rowsOf } from './rls.js';
import { inWorkspace } from './tenancy.js';

// The intake's hot statements run as named prepared statements (on PostgreSQL; PGlite ignores the
// name): each distinct text is its own statement, values are parameters, results as execute's.
let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(async () => {
  await database.close();
  await drop();
});

describe('executePrepared', () => {
  it('gives execute\'s rows for new values each time, on every pooled connection', async () => {
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => executePrepared(database.db, sql`select ${i}::int * 2 as doubled, ${`v${i}`}::text as label`)));
    expect(results.map((r) => rowsOf<{ doubled: number; label: string }>(r)[0])).toEqual(Array.from({ length: 30 }, (_, i) => ({ doubled: i * 2, label: `v${i}` })));
  });

  it('keeps statements of different text apart (a variant with more parts is another statement)', async () => {
    const one = (n: number) => sql`select ${sql.join(Array.from({ length: n }, (_, i) => sql`${i}::int`), sql` + `)} as total`;
    for (const n of [1, 2, 3, 2, 1, 3]) expect(rowsOf<{ total: number }>(await executePrepared(database.db, one(n)))[0]!.total).toBe((n * (n - 1)) / 2);
  });

  it('runs inside a workspace transaction, under its role and workspace', async () => {
    const [row] = await inWorkspace(database.db, '00000000-0000-0000-0000-000000000001', async (tx) =>
      rowsOf<{ role: string; ws: string }>(await executePrepared(tx, sql`select current_user as role, current_setting('app.workspace_id') as ws`)),
    );
    expect(row).toEqual({ role: APP_ROLE, ws: '00000000-0000-0000-0000-000000000001' });
  });
});
