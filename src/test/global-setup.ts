import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase, pgliteExtensions } from '../platform/db/client.js';
import { migrateDatabase } from '../platform/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb:
      { kind: 'pglite'; dumpFile: string } | { kind: 'postgres'; url: string; template: string };
  }
}

// Migrate once per run; every test file then starts from a copy: a PGlite data-dir dump
// (0.9 s to load against 3.6 s for initdb) or a PostgreSQL template database.
export default async function setup(project: TestProject) {
  const url = process.env.VORONKA_TEST_DATABASE_URL;
  if (url) {
    const template = `voronka_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${template}`);
    const database = await openDatabase({ databaseUrl: withDatabase(url, template), poolSize: 1 });
    await migrateDatabase(database);
    await database.close();
    project.provide('testDb', { kind: 'postgres', url, template });
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`);
      await admin.end();
    };
  }
  const lite = await PGlite.create({ extensions: pgliteExtensions });
  const database = await openDatabase({ pglite: lite });
  await migrateDatabase(database);
  const dump = await lite.dumpDataDir('none');
  await lite.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voronka-test-'));
  const dumpFile = path.join(dir, 'migrated.tar');
  fs.writeFileSync(dumpFile, Buffer.from(await dump.arrayBuffer()));
  project.provide('testDb', { kind: 'pglite', dumpFile });
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

export function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
