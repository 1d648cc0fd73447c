import { sql } from 'drizzle-orm';
import type { Database } from './client.js';

export const APP_ROLE = 'voronka_app';

// Tables that carry workspace_id but are read before a workspace is known (by the privileged
// connection only) or across workspaces by the worker. They still get the policy; the tenant
// role simply never touches them outside its workspace.
const tenantSetting = `nullif(current_setting('app.workspace_id', true), '')::uuid`;

// Second wall behind the service layer's workspace filter: every table with a workspace_id column
// gets RLS and one policy, found from the catalog so a new table cannot be forgotten. Requests run
// as the non-owner role APP_ROLE (SET LOCAL ROLE inside each transaction), so the policy binds them.
export async function ensureRowLevelSecurity(database: Database): Promise<void> {
  // Tenant tables still missing RLS, the policy, or the app role's grants. On an up-to-date
  // database this is one catalog query and nothing else, which keeps later starts fast.
  const rows = await database.db.execute(sql`
    select c.relname as table_name, a.attname as column_name,
      c.relrowsecurity as has_rls,
      exists (select 1 from pg_policy p where p.polrelid = c.oid and p.polname = 'workspace_isolation') as has_policy
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
    join pg_attribute a on a.attrelid = c.oid and not a.attisdropped
      and (a.attname = 'workspace_id' or (c.relname = 'workspaces' and a.attname = 'id'))
    where c.relkind in ('r', 'p')`);
  const tables = rowsOf<{
    table_name: string;
    column_name: string;
    has_rls: boolean;
    has_policy: boolean;
  }>(rows);
  const missing = tables.filter((t) => !t.has_rls || !t.has_policy);
  // Every table (tenant or not: users, jobs…) must be usable by the app role inside a transaction.
  const [grants] = rowsOf<{ ok: boolean }>(
    await database.db.execute(sql`
      select case when not exists (select 1 from pg_roles where rolname = ${APP_ROLE}) then false
        else not exists (select 1 from pg_class c join pg_namespace n on n.oid = c.relnamespace and n.nspname = 'public'
          where c.relkind in ('r', 'p') and not has_table_privilege(${APP_ROLE}, c.oid, 'SELECT, INSERT, UPDATE, DELETE')) end as ok`),
  );
  if (!missing.length && grants?.ok) return;
  await database.exec(`
    DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN CREATE ROLE ${APP_ROLE} NOLOGIN; END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
    DO $$ BEGIN
      EXECUTE format('GRANT ${APP_ROLE} TO %I', current_user);
    EXCEPTION WHEN others THEN NULL; END $$;
    GRANT USAGE ON SCHEMA public TO ${APP_ROLE};
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${APP_ROLE};
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${APP_ROLE};
  `);
  const statements = missing.flatMap(({ table_name: table, column_name: column }) => [
    `ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY;`,
    `DROP POLICY IF EXISTS workspace_isolation ON "${table}";`,
    `CREATE POLICY workspace_isolation ON "${table}" TO ${APP_ROLE} USING ("${column}" = ${tenantSetting}) WITH CHECK ("${column}" = ${tenantSetting});`,
  ]);
  await database.exec(statements.join('\n'));
}

// node-postgres returns { rows }, PGlite's drizzle driver returns { rows } too; keep one accessor.
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}
