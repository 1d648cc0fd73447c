import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../platform/db/rls.js';
import { migrationsFolder } from '../../platform/db/migrate.js';
import { createTestApp, type TestEnv } from '../../test/app.js';

// routing/triggers.sql is the one source of routing's triggers: the newest migration named
// *_routing_triggers must be a copy of it (so the two cannot drift), and the migrated database must
// hold exactly the triggers it names — none hidden elsewhere.

const source = readFileSync(new URL('./triggers.sql', import.meta.url), 'utf8');
const journal = JSON.parse(
  readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8'),
) as { entries: { idx: number; tag: string }[] };
const named = (re: RegExp) => [...source.matchAll(re)].map((m) => m[1]!).sort();

describe('routing/triggers.sql', () => {
  it('is what the newest routing_triggers migration applies, byte for byte', () => {
    const newest = journal.entries
      .filter((e) => e.tag.endsWith('_routing_triggers'))
      .sort((a, b) => b.idx - a.idx)[0];
    expect(newest, 'a migration named *_routing_triggers').toBeDefined();
    const migration = readFileSync(path.join(migrationsFolder, `${newest!.tag}.sql`), 'utf8');
    expect(migration).toBe(source);
  });

  describe('in the migrated database', () => {
    let env: TestEnv;
    beforeAll(async () => {
      env = await createTestApp();
    }, 180_000);
    afterAll(async () => {
      await env?.close();
    });

    it('are all the triggers on the tables routing keeps in step, with their functions', async () => {
      const triggers = rowsOf<{ name: string }>(
        await env.database.db.execute(
          sql`select tgname as name from pg_trigger where not tgisinternal
              and tgrelid::regclass::text in ('leads', 'conversations', 'messages', 'activities',
                'lead_routing', 'lead_timers', 'lead_assignments', 'member_loads')
              order by tgname`,
        ),
      ).map((r) => r.name);
      expect(triggers).toEqual(named(/CREATE TRIGGER (\w+)/g));
      const functions = rowsOf<{ name: string }>(
        await env.database.db.execute(
          sql`select p.proname as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
              where n.nspname = 'public' and p.prorettype = 'trigger'::regtype
                and p.proname in ${sql.raw(
                  `(${named(/CREATE OR REPLACE FUNCTION (\w+)\(/g)
                    .map((f) => `'${f}'`)
                    .join(', ')})`,
                )}
              order by p.proname`,
        ),
      ).map((r) => r.name);
      expect(functions).toEqual(named(/CREATE OR REPLACE FUNCTION (\w+)\(/g));
    });
  });
});
