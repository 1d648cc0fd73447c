import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Db, DatabaseKind } from './types.js';
import { acquireDataDirLock } from './lock.js';

export type Database = {
  db: Db;
  kind: DatabaseKind;
  // Runs raw SQL (several statements allowed) outside Drizzle: migrations, maintenance.
  exec(sql: string): Promise<void>;
  ping(): Promise<void>;
  // LISTEN on a channel: the callback gets each NOTIFY payload once its transaction commits.
  // PGlite: the one embedded session; PostgreSQL: a dedicated connection, re-opened if it drops.
  // `onReconnect`: the connection was lost and is back — what was announced meanwhile is missed.
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onReconnect?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

export const pgliteExtensions = { pg_trgm, btree_gist };

export type OpenOptions = {
  databaseUrl?: string | undefined;
  dataDir?: string;
  pglite?: PGlite;
  poolSize?: number;
};

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, opts.poolSize ?? 10);
  if (opts.pglite) return wrapPglite(opts.pglite, () => undefined);
  if (!opts.dataDir) throw new Error('either databaseUrl or dataDir is required');
  const pgdata = path.join(opts.dataDir, 'pgdata');
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const release = acquireDataDirLock(opts.dataDir);
  try {
    const lite = await PGlite.create({ dataDir: pgdata, extensions: pgliteExtensions });
    return wrapPglite(lite, release);
  } catch (err) {
    release();
    throw err;
  }
}

function wrapPglite(lite: PGlite, release: () => void): Database {
  const db = drizzlePglite(lite) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    exec: async (sql) => {
      await lite.exec(sql);
    },
    ping: async () => {
      await lite.query('select 1');
    },
    listen: async (channel, onPayload) => {
      const unlisten = await lite.listen(channel, onPayload);
      return async () => {
        if (!lite.closed) await unlisten();
      };
    },
    close: async () => {
      try {
        if (!lite.closed) await lite.close();
      } finally {
        release();
      }
    },
  };
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5000 });
  // A connection the server ends (a restart: 57P01 admin shutdown; a crash; the network) emits
  // 'error'. Idle in the pool, the pool drops it and re-emits the error here. Checked out, the
  // pool listens no more: without a listener of its own the event would be unhandled and end the
  // process. Either way the error reaches the caller through its failing query (a request answers
  // 503, a worker loop backs off), the dead client is not returned to the pool (it is no longer
  // queryable), and the next checkout opens a new connection: nothing to do here but listen.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = drizzlePg(pool) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    exec: async (sql) => {
      await pool.query(sql);
    },
    ping: async () => {
      await pool.query('select 1');
    },
    listen: (channel, onPayload, onReconnect) =>
      listenPostgres(url, channel, onPayload, onReconnect),
    close: async () => {
      await pool.end();
    },
  };
}

// A LISTEN connection outside the pool (a pooled client would be returned and lose it). When the
// server drops it, it reconnects every second until stopped.
async function listenPostgres(
  url: string,
  channel: string,
  onPayload: (payload: string) => void,
  onReconnect: () => void = () => undefined,
): Promise<() => Promise<void>> {
  let stopped = false;
  let opened = false;
  let client: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (stopped) return;
    retry = setTimeout(() => void open().catch(schedule), 1000);
    retry.unref();
  };
  const drop = (c: pg.Client) => {
    if (client !== c) return;
    client = null;
    c.end().catch(() => undefined);
    schedule();
  };
  const open = async () => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    c.on('notification', (n) => {
      if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
    });
    c.on('error', () => drop(c));
    c.on('end', () => drop(c));
    await c.connect();
    await c.query(`LISTEN "${channel.replaceAll('"', '""')}"`);
    if (stopped) await c.end();
    else {
      client = c;
      if (opened) onReconnect();
      opened = true;
    }
  };
  await open();
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    const c = client;
    client = null;
    await c?.end().catch(() => undefined);
  };
}
