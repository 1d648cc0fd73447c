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
  const rows = await database.db.execute(sql`
    select c.table_name, c.column_name from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
      and (c.column_name = 'workspace_id' or (c.table_name = 'workspaces' and c.column_name = 'id'))`);
  const statements: string[] = [];
  for (const { table_name: table, column_name: column } of rowsOf<{ table_name: string; column_name: string }>(rows)) {
    statements.push(`ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY;`);
    statements.push(`DROP POLICY IF EXISTS workspace_isolation ON "${table}";`);
    statements.push(
      `CREATE POLICY workspace_isolation ON "${table}" TO ${APP_ROLE} USING ("${column}" = ${tenantSetting}) WITH CHECK ("${column}" = ${tenantSetting});`,
    );
  }
  if (statements.length) await database.exec(statements.join('\n'));
}

// node-postgres returns { rows }, PGlite's drizzle driver returns { rows } too; keep one accessor.
export function rowsOf<T>(result: unknown): T[] {
  return ((result as { rows?: T[] }).rows ?? (result as T[])) as T[];
}
