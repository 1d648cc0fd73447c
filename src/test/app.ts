import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../app.js';
import { createRuntime, type Runtime } from '../runtime.js';
import { loadConfig, type Config } from '../platform/config.js';
import { openDatabase, pgliteExtensions, type Database } from '../platform/db/client.js';
import { withDatabase } from './global-setup.js';

export type TestApp = Awaited<ReturnType<typeof buildApp>>;
export type TestEnv = {
  app: TestApp;
  database: Database;
  config: Config;
  // The process's runtime the app was built on (a test's worker runs on it too).
  runtime: Runtime;
  close(): Promise<void>;
};

// A fresh, migrated database for one test file: PGlite by default, PostgreSQL when
// VORONKA_TEST_DATABASE_URL is set (CI runs the suite both ways).
export async function openTestDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  const testDb = inject('testDb');
  if (testDb.kind === 'pglite') {
    const lite = await PGlite.create({
      loadDataDir: new Blob([fs.readFileSync(testDb.dumpFile)]),
      extensions: pgliteExtensions,
    });
    return { database: await openDatabase({ pglite: lite }), drop: async () => undefined };
  }
  const name = `voronka_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testDb.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${testDb.template}`);
  await admin.end();
  return {
    database: await openDatabase({ databaseUrl: withDatabase(testDb.url, name), poolSize: 4 }),
    drop: async () => {
      const a = new pg.Client({ connectionString: testDb.url });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export async function createTestApp(env: Record<string, string> = {}): Promise<TestEnv> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'voronka-app-'));
  const config = loadConfig({
    VORONKA_DATA_DIR: dataDir,
    VORONKA_SECRET: randomBytes(32).toString('hex'),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PUBLIC_URL: 'http://voronka.test',
    // Tests change who someone is behind the API's back (trial ends, roles in SQL): read it every
    // time; principal-cache.test.ts turns the cache on and tests it across two apps.
    VORONKA_PRINCIPAL_CACHE_MS: '0',
    // The suite's walks send hundreds of requests a second per workspace; workspace-limit.test.ts
    // sets a small limit and tests it.
    VORONKA_RATE_LIMIT: '0',
    ...env,
  });
  const { database, drop } = await openTestDatabase();
  const runtime = createRuntime(config, database);
  const app = await buildApp(config, database, runtime);
  await app.ready();
  return {
    app,
    database,
    config,
    runtime,
    async close() {
      await app.close();
      await database.close();
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
