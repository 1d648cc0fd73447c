import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/app.js';
import type { Database } from './client.js';

// What distributing every tenant table by workspace_id (Citus' create_distributed_table) requires of
// the schema, checked on the migrated database (docs/scaling.md): each table with a workspace_id has
// it in its primary key and in every unique constraint or index, and each foreign key from a tenant
// table to another tenant table carries workspace_id onto workspace_id — so no row can reference
// another workspace's row, and every join stays on one shard.
let database: Database;
let drop: () => Promise<void>;
beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
});
afterAll(async () => {
  await database?.close();
  await drop?.();
});

// Entry points looked up by a secret or public key before the workspace is known (a cookie, an API
// token, an invitation link, a form's, a channel's or a calculator's public key, an intake address,
// a calendar feed, a rule's incoming webhook). Unique across the
// installation by nature; under Citus each becomes a row of a reference table (key → workspace_id)
// that routes the request to its shard — docs/scaling.md, "Entry points". Any other key without
// workspace_id fails this test.
const ENTRY_POINTS = [
  'api_tokens: api_tokens_token_hash_unique (token_hash)',
  'automation_rules: automation_rules_hook_key_uq (hook_key)',
  'calculators: calculators_public_key_uq (public_key)',
  'calendar_feeds: calendar_feeds_token_uq (token_hash)',
  'channels: channels_intake_address_uq (expression)',
  'channels: channels_public_key_uq (public_key)',
  'forms: forms_public_key_uq (public_key)',
  'invitations: invitations_token_hash_unique (token_hash)',
  'sessions: sessions_pkey (id)',
];

type Row = { table: string; name: string; columns: string[]; ref?: string; refColumns?: string[] };

async function rows<T>(q: ReturnType<typeof sql>): Promise<T[]> {
  const r = await database.db.execute(q);
  return (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];
}

describe('tenant tables can be distributed by workspace_id', () => {
  it('keys and references all carry workspace_id', async () => {
    const tenant = new Set(
      (
        await rows<{ table: string }>(sql`
          select c.relname as "table" from pg_attribute a join pg_class c on c.oid = a.attrelid
          join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attname = 'workspace_id'
            and not a.attisdropped`)
      ).map((r) => r.table),
    );
    expect(tenant.size).toBeGreaterThan(40);
    const keys = await rows<Row>(sql`
      select c.relname as "table", i.relname as name,
        array(select a.attname from unnest(x.indkey) k join pg_attribute a
              on a.attrelid = c.oid and a.attnum = k)::text[] as columns
      from pg_index x join pg_class c on c.oid = x.indrelid join pg_class i on i.oid = x.indexrelid
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and (x.indisunique or x.indisprimary)`);
    const fks = await rows<Row>(sql`
      select c.relname as "table", k.conname as name, r.relname as ref,
        array(select a.attname from unnest(k.conkey) u join pg_attribute a
              on a.attrelid = c.oid and a.attnum = u)::text[] as columns,
        array(select a.attname from unnest(k.confkey) u join pg_attribute a
              on a.attrelid = r.oid and a.attnum = u)::text[] as "refColumns"
      from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_class r on r.oid = k.confrelid
      join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and k.contype = 'f'`);
    const badKeys = keys
      .filter((k) => tenant.has(k.table) && !k.columns.includes('workspace_id'))
      .map((k) => `${k.table}: ${k.name} (${k.columns.join(', ') || 'expression'})`)
      .filter((k) => !ENTRY_POINTS.includes(k));
    const badRefs = fks
      .filter((f) => tenant.has(f.table) && tenant.has(f.ref!))
      .filter((f) => {
        const i = f.columns.indexOf('workspace_id');
        return i < 0 || f.refColumns![i] !== 'workspace_id';
      })
      .map((f) => `${f.table}.${f.name} → ${f.ref} (${f.columns.join(', ')})`);
    expect({ badKeys, badRefs }).toEqual({ badKeys: [], badRefs: [] });
  });
});
