import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './client.js';
import { ensureRowLevelSecurity } from './rls.js';

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

// Extensions first (drizzle-kit does not emit CREATE EXTENSION), then the committed migrations,
// then the row-level-security wall, which is derived from the schema and so always complete.
export async function migrateDatabase(database: Database): Promise<void> {
  await database.exec(
    'CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS btree_gist;',
  );
  const config = {
    migrationsFolder,
    migrationsSchema: 'public',
    migrationsTable: '__voronka_migrations',
  };
  if (database.kind === 'pglite') await migratePglite(database.db as never, config);
  else await migratePg(database.db as never, config);
  await ensureRowLevelSecurity(database);
}
