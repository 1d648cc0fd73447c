// The app built from src on a fresh database for an in-process benchmark: a new PGlite folder, or a
// new PostgreSQL database (`voronka_bench_<random>` made through BENCH_DATABASE_URL, the admin URL),
// dropped with the folder afterwards. Used by bench/import.ts and bench/documents-issue.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { openMigrated } from '../src/boot.js';
import { loadConfig } from '../src/platform/config.js';

export type BenchTarget = 'postgres' | 'pglite';
type App = Awaited<ReturnType<typeof buildApp>>;
type Database = Awaited<ReturnType<typeof openMigrated>>;

export const adminUrl =
  process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function withBenchApp<T>(
  target: BenchTarget,
  fn: (app: App, database: Database) => Promise<T>,
): Promise<T> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'voronka-bench-'));
  const dbName = `voronka_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  if (target === 'postgres') {
    await admin.connect();
    await admin.query(`create database ${dbName}`);
  }
  const url = new URL(adminUrl);
  url.pathname = `/${dbName}`;
  const config = loadConfig({
    VORONKA_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    VORONKA_RATE_LIMIT: '0',
    ...(target === 'postgres' ? { DATABASE_URL: url.toString() } : {}),
  });
  const database = await openMigrated(config);
  const app = await buildApp(config, database);
  try {
    return await fn(app, database);
  } finally {
    await app.close();
    await database.close();
    if (target === 'postgres') {
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
