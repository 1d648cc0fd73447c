// List and search latency on a large client base, through the API and in-process (the service call
// alone: database time plus mapping), so the API's own overhead is visible.
//   tsx bench/crm.ts --database-url postgres://…/voronka_bench_1m --seeded /tmp/seed-1m.json [--n 200]
//   tsx bench/crm.ts --data-dir /tmp/voronka-bench-100k --seeded /tmp/seed-100k.json
//   --only <regex> runs the cases whose name matches (e.g. --only search)
// The database comes from bench/crm-seed.ts; its JSON output names the workspace and owner.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../src/platform/db/client.js';
import { rowsOf } from '../src/platform/db/rls.js';
import { inWorkspace } from '../src/platform/db/tenancy.js';
import type { Ctx } from '../src/platform/context.js';
import * as workspaces from '../src/modules/workspaces/service.js';
import * as clients from '../src/modules/clients/service.js';
import * as pipeline from '../src/modules/pipeline/service.js';
import * as leads from '../src/modules/leads/service.js';
import { search } from '../src/modules/search/service.js';
import {
  CompanyListQuery,
  ContactListQuery,
  DealListQuery,
  LeadListQuery,
  SearchQuery,
} from '@voronka/contract';
import { freePort } from '../src/test/ports.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: opt } = parseArgs({
  options: {
    'database-url': { type: 'string' },
    'data-dir': { type: 'string' },
    seeded: { type: 'string' },
    n: { type: 'string', default: '200' },
    only: { type: 'string' },
  },
});
const N = Number(opt.n);
const seeded = JSON.parse(fs.readFileSync(opt.seeded!, 'utf8').trim().split('\n').pop()!) as {
  workspaceId: string;
  slug: string;
  email: string;
  password: string;
};

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const fmt = (xs: number[]) =>
  `${pct(xs, 50).toFixed(1)} | ${pct(xs, 95).toFixed(1)} | ${pct(xs, 99).toFixed(1)}`;

type Case = {
  name: string;
  aim: string;
  url: (i: number) => string;
  direct: (ctx: Ctx, query: never) => Promise<unknown>;
  schema: { parse(v: unknown): unknown };
};
// The in-process call gets exactly what the route would: the URL's query parsed by the contract schema.
const queryOf = (c: Case, i: number) =>
  c.schema.parse(Object.fromEntries(new URL(c.url(i), 'http://bench').searchParams)) as never;

async function samples(db: Database) {
  const ws = seeded.workspaceId;
  const one = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await db.db.execute(q));
  const owners = (
    await one<{ id: string }>(
      sql`select id from members where workspace_id = ${ws} and role = 'manager' order by id limit 10`,
    )
  ).map((r) => r.id);
  const phones = (
    await one<{ value: string }>(
      sql`select value from contact_points where workspace_id = ${ws} and kind = 'phone' order by id limit 50`,
    )
  ).map((r) => r.value);
  const emails = (
    await one<{ value: string }>(
      sql`select value from contact_points where workspace_id = ${ws} and kind = 'email' order by id limit 50`,
    )
  ).map((r) => r.value);
  const inns = (
    await one<{ inn: string }>(
      sql`select inn from companies where workspace_id = ${ws} order by id limit 50`,
    )
  ).map((r) => r.inn);
  return { owners, phones, emails, inns };
}

// "+79123456789" written as a person would type it: "8 912 345-67-89".
const typed = (e164: string) =>
  `8 ${e164.slice(2, 5)} ${e164.slice(5, 8)}-${e164.slice(8, 10)}-${e164.slice(10, 12)}`;
const words = [
  'Иванову',
  'Кузнецовой',
  'поставка кирпича',
  'Смирнов Сергей',
  'Ромашка',
  'монтаж',
  'Волковым',
  'бетона',
];
const typos = ['Ромашко', 'Кузнецоф', 'Меридан', 'Ивонов', 'Технаком', 'Смирнв'];

type Samples = Awaited<ReturnType<typeof samples>>;
const cases = (s: Samples): Case[] => [...listCases(s), ...searchCases(s)];

function listCases(s: Samples): Case[] {
  const owner = (i: number) => s.owners[i % s.owners.length]!;
  return [
    {
      name: 'contacts: page of 50, owner filter, newest first',
      aim: '≤ 30',
      url: (i) => `/api/v1/contacts?limit=50&ownerId=${owner(i)}&sort=updatedAt&order=desc`,
      schema: ContactListQuery,
      direct: clients.listContacts,
    },
    {
      name: 'companies: page of 50, industry filter, by name',
      aim: '≤ 30',
      url: () => `/api/v1/companies?limit=50&industry=IT&sort=name&order=asc`,
      schema: CompanyListQuery,
      direct: clients.listCompanies,
    },
    {
      name: 'contacts: page of 50, q= a rare word (no match)',
      aim: '≤ 30',
      url: () => `/api/v1/contacts?limit=50&q=${encodeURIComponent('Зюзин')}`,
      schema: ContactListQuery,
      direct: clients.listContacts,
    },
    {
      name: 'contacts: page of 50, q= a common surname',
      aim: '≤ 30',
      url: () => `/api/v1/contacts?limit=50&q=${encodeURIComponent('Иванов')}`,
      schema: ContactListQuery,
      direct: clients.listContacts,
    },
    {
      name: 'leads: page of 50, status filter',
      aim: '≤ 30',
      url: () => `/api/v1/leads?limit=50&status=new`,
      schema: LeadListQuery,
      direct: leads.listLeads,
    },
    {
      name: 'deals: page of 50, owner filter',
      aim: '≤ 30',
      url: (i) => `/api/v1/deals?limit=50&ownerId=${owner(i)}`,
      schema: DealListQuery,
      direct: pipeline.listDeals,
    },
  ];
}

function searchCases(s: Samples): Case[] {
  return [
    {
      name: 'search: full text (Russian morphology)',
      aim: '≤ 50',
      url: (i) => `/api/v1/search?q=${encodeURIComponent(words[i % words.length]!)}`,
      schema: SearchQuery,
      direct: search,
    },
    {
      name: 'search: exact phone, typed "8 9xx xxx-xx-xx"',
      aim: '≤ 10',
      url: (i) => `/api/v1/search?q=${encodeURIComponent(typed(s.phones[i % s.phones.length]!))}`,
      schema: SearchQuery,
      direct: search,
    },
    {
      name: 'search: exact e-mail',
      aim: '≤ 10',
      url: (i) => `/api/v1/search?q=${encodeURIComponent(s.emails[i % s.emails.length]!)}`,
      schema: SearchQuery,
      direct: search,
    },
    {
      name: 'search: part of a phone, typed "8 9xx xxx"',
      aim: '≤ 50',
      url: (i) =>
        `/api/v1/search?q=${encodeURIComponent(typed(s.phones[i % s.phones.length]!).slice(0, 9))}`,
      schema: SearchQuery,
      direct: search,
    },
    {
      name: 'search: the last 4 digits of a phone',
      aim: '≤ 50',
      url: (i) => `/api/v1/search?q=${s.phones[i % s.phones.length]!.slice(-4)}`,
      schema: SearchQuery,
      direct: search,
    },
    {
      name: 'search: an e-mail domain shared by every contact',
      aim: '≤ 50',
      url: () => `/api/v1/search?q=${encodeURIComponent('@example.ru')}`,
      schema: SearchQuery,
      direct: search,
    },
    {
      name: 'search: exact INN',
      aim: '≤ 10',
      url: (i) => `/api/v1/search?q=${s.inns[i % s.inns.length]}`,
      schema: SearchQuery,
      direct: search,
    },
    {
      name: 'search: with a typo (trigram)',
      aim: '≤ 150',
      url: (i) => `/api/v1/search?q=${encodeURIComponent(typos[i % typos.length]!)}`,
      schema: SearchQuery,
      direct: search,
    },
  ];
}

function voronka(args: string[], env: NodeJS.ProcessEnv) {
  return spawn(process.execPath, [path.join(root, 'bin/voronka.js'), ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

// Each case through its service function inside a workspace transaction, as the owner.
async function timeDirect(database: Database, list: Case[]) {
  const principal = await inWorkspace(database.db, seeded.workspaceId, async (tx) => {
    const [m] = rowsOf<{ id: string }>(
      await tx.execute(
        sql`select id from members where workspace_id = ${seeded.workspaceId} and role = 'owner' limit 1`,
      ),
    );
    return m!.id;
  });
  const perms = workspaces.defaultPermissions('owner');
  const direct: Record<string, number[]> = {};
  for (const c of list) {
    direct[c.name] = [];
    for (let i = 0; i < N; i++) {
      const t0 = performance.now();
      await inWorkspace(database.db, seeded.workspaceId, (tx) =>
        c.direct(
          {
            tx,
            workspaceId: seeded.workspaceId,
            actor: {
              kind: 'user',
              memberId: principal,
              userId: null,
              role: 'owner',
              teamId: null,
              permissions: perms,
            },
            ip: null,
            requestId: 'bench',
          },
          queryOf(c, i),
        ),
      );
      direct[c.name]!.push(performance.now() - t0);
    }
  }
  return direct;
}

// Each case through HTTP with a Bearer token, against a server started on the same database.
async function timeApi(dbEnv: NodeJS.ProcessEnv, token: string, list: Case[]) {
  const port = await freePort();
  const server = voronka(['start'], {
    ...dbEnv,
    PORT: String(port),
    HOST: '127.0.0.1',
    VORONKA_WORKER: 'off',
  });
  for (let i = 0; i < 600; i++) {
    if (
      await fetch(`http://127.0.0.1:${port}/readyz`)
        .then((r) => r.ok)
        .catch(() => false)
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const api: Record<string, number[]> = {};
  for (const c of list) {
    api[c.name] = [];
    for (let i = 0; i < N; i++) {
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}${c.url(i)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      await res.arrayBuffer();
      api[c.name]!.push(performance.now() - t0);
      if (!res.ok) throw new Error(`${c.url(i)} → ${res.status}`);
    }
  }
  server.kill('SIGTERM');
  await new Promise((r) => server.on('exit', r));
  return api;
}

async function main() {
  const dbEnv = opt['database-url']
    ? { DATABASE_URL: opt['database-url'] }
    : { VORONKA_DATA_DIR: opt['data-dir']! };
  const database = await openDatabase({
    databaseUrl: opt['database-url'],
    dataDir: opt['data-dir'],
  });
  const s = await samples(database);
  const list = cases(s).filter((c) => !opt.only || new RegExp(opt.only, 'i').test(c.name));

  // In-process first (PGlite is one process: the server may only open the folder afterwards).
  const direct = await timeDirect(database, list);
  let token = '';
  if (opt['data-dir']) await database.close();
  {
    const p = voronka(
      ['token', 'create', '--email', seeded.email, '--workspace', seeded.slug, '--json'],
      dbEnv,
    );
    let out = '';
    p.stdout!.on('data', (d) => (out += d));
    await new Promise((r) => p.on('exit', r));
    token = JSON.parse(out).token;
  }
  const api = await timeApi(dbEnv, token, list);
  if (!opt['data-dir']) await database.close();

  console.log(
    `| query (${N} requests each, sequential) | API p50 | API p95 | API p99 | service p50 | service p95 | service p99 | aim p95 (ms) |`,
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const c of list)
    console.log(`| ${c.name} | ${fmt(api[c.name]!)} | ${fmt(direct[c.name]!)} | ${c.aim} |`);
}

await main();
