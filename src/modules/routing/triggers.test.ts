import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../platform/db/rls.js';
import { migrationsFolder } from '../../platform/db/migrate.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, signUp } from '../../test/client.js';

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
          // Analytics marks changed days on leads with triggers of its own (analytics/DESIGN.md,
          // functions voronka_analytics_*): not routing's bookkeeping.
          sql`select t.tgname as name from pg_trigger t join pg_proc p on p.oid = t.tgfoid
              where not t.tgisinternal
              and t.tgrelid::regclass::text in ('leads', 'conversations', 'messages', 'activities',
                'lead_routing', 'lead_timers', 'lead_assignments', 'member_loads')
              and p.proname not like 'voronka_analytics_%'
              order by t.tgname`,
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

    it('keep each member’s open load equal to their open requests through bulk inserts, moves, closes and a bulk delete', async () => {
      const owner = await signUp(env.app);
      const ws = owner.info.me!.workspace.id;
      const [m1, m2] = [
        await addMember(env.app, owner, 'manager'),
        await addMember(env.app, owner, 'manager'),
      ];
      const db = env.database.db;
      // One statement each: 300 for m1, 200 for m2 (50 of them already closed), 100 unassigned.
      const insert = (n: number, assignee: string | null, status = 'new') =>
        db.execute(sql`insert into leads (workspace_id, id, channel, title, status, assignee_id)
          select ${ws}, gen_random_uuid(), 'import', 'Заявка ' || g, ${status}, ${assignee}
          from generate_series(1, ${n}) g`);
      await insert(300, m1.memberId);
      await insert(150, m2.memberId);
      await insert(50, m2.memberId, 'won');
      await insert(100, null);
      const loads = async () => {
        const counted = rowsOf<{ member: string; open: number }>(
          await db.execute(sql`select member_id as member, open from member_loads
            where workspace_id = ${ws} order by member_id`),
        );
        const truth = rowsOf<{ member: string; open: number }>(
          await db.execute(sql`select assignee_id as member, count(*)::int as open from leads
            where workspace_id = ${ws} and assignee_id is not null
              and status in ('new', 'in_work', 'qualified')
            group by assignee_id order by assignee_id`),
        );
        return { counted: counted.filter((r) => r.open !== 0), truth };
      };
      let now = await loads();
      expect(now.counted).toEqual(now.truth);
      expect(now.truth.map((r) => r.open).sort()).toEqual([150, 300]);
      // Moves, closes and reopenings, row by row and in bulk.
      await db.execute(sql`update leads set assignee_id = ${m2.memberId}
        where id in (select id from leads where workspace_id = ${ws} and assignee_id = ${m1.memberId} limit 40)`);
      await db.execute(sql`update leads set status = 'lost'
        where id in (select id from leads where workspace_id = ${ws} and assignee_id = ${m2.memberId} and status = 'new' limit 30)`);
      await db.execute(sql`update leads set status = 'in_work', assignee_id = ${m1.memberId}
        where workspace_id = ${ws} and assignee_id is null`);
      now = await loads();
      expect(now.counted).toEqual(now.truth);
      // A bulk delete of open and closed requests of both.
      await db.execute(sql`delete from leads where id in (
        select id from leads where workspace_id = ${ws} order by id limit 250)`);
      now = await loads();
      expect(now.counted).toEqual(now.truth);
    });
  });
});
