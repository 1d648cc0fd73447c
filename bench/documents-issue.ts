// Documents issued per second under 20 concurrent users over HTTP (issue 13), on PGlite and/or
// PostgreSQL. Each user, in a loop: POST /documents (an invoice from a deal with 10 line items) then
// POST /documents/{id}/status {issued} (the next gapless number, requisites frozen).
//   tsx bench/documents-issue.ts [--users 20] [--per-user 10] [--lines 10] [--targets pglite,postgres]
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (admin URL; a fresh database is made and dropped)
// The app listens on a free port in this process (like bench/import.ts it is built from src), the
// users are fetch loops in the same process; RSS is this process (server + load generator) sampled
// every 50 ms. At the end the issued numbers are checked: 1…N, none twice.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { openMigrated } from '../src/boot.js';
import { loadConfig } from '../src/platform/config.js';
import { freePort } from '../src/test/ports.js';
import { ourEntity } from '../src/modules/documents/test-helpers.js';

const { values: opt } = parseArgs({
  options: {
    users: { type: 'string', default: '20' },
    'per-user': { type: 'string', default: '10' },
    lines: { type: 'string', default: '10' },
    targets: { type: 'string', default: 'pglite,postgres' },
  },
});
const USERS = Number(opt.users);
const PER_USER = Number(opt['per-user']);
const LINES = Number(opt.lines);
const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const mb = (b: number) => Math.round(b / 1024 / 1024);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function run(target: 'postgres' | 'pglite') {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'voronka-bench-docs-'));
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
    ...(target === 'postgres' ? { DATABASE_URL: url.toString() } : {}),
  });
  const database = await openMigrated(config);
  const app = await buildApp(config, database);
  const port = await freePort();
  await app.listen({ port, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}/api/v1`;
  try {
    const signUp = await fetch(`${base}/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Бенч',
        email: `bench${Date.now()}@example.ru`,
        password: 'correct-horse-battery',
        companyName: 'ООО «Бенч»',
      }),
    });
    const cookie = String(signUp.headers.get('set-cookie')).split(';')[0]!;
    const csrf = ((await signUp.json()) as { csrfToken: string }).csrfToken;
    const call = async (method: string, p: string, body?: unknown) => {
      const res = await fetch(`${base}${p}`, {
        method,
        headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as Record<string, unknown> & { id: string };
      if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    // Set-up (not timed): our legal entity, a client and one deal with LINES lines per user.
    const entity = await call('POST', '/legal-entities', ourEntity);
    const company = await call('POST', '/companies', { name: 'Лютик', inn: '7736207543' });
    const deals: string[] = [];
    for (let u = 0; u < USERS; u++) {
      const deal = await call('POST', '/deals', { title: `Поставка ${u}`, companyId: company.id });
      await call('PUT', `/deals/${deal.id}/lines`, {
        vatMode: 'included',
        lines: Array.from({ length: LINES }, (_, i) => ({
          name: `Позиция ${i + 1}`,
          quantity: String(1 + (i % 4) * 0.5),
          okei: '796',
          priceKopecks: 123_456 + i * 1_001,
          discount: i % 3 ? null : { kind: 'percent', value: '5' },
          vatRate: 22,
        })),
      });
      deals.push(deal.id);
    }
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 50);
    const rssBefore = process.memoryUsage().rss;
    const latencies: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      deals.map(async (dealId) => {
        for (let k = 0; k < PER_USER; k++) {
          const s = performance.now();
          const draft = await call('POST', '/documents', {
            dealId,
            type: 'invoice',
            legalEntityId: entity.id,
          });
          await call('POST', `/documents/${draft.id}/status`, { status: 'issued' });
          latencies.push(performance.now() - s);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const numbers: number[] = [];
    let cursor: string | null = null;
    do {
      const page = (await call(
        'GET',
        `/documents?type=invoice&status=issued&limit=200${cursor ? `&cursor=${cursor}` : ''}`,
      )) as unknown as { items: { number: string }[]; nextCursor: string | null };
      numbers.push(...page.items.map((d) => Number(d.number)));
      cursor = page.nextCursor;
    } while (cursor);
    const n = USERS * PER_USER;
    const gapless =
      numbers.length === n && [...numbers].sort((a, b) => a - b).every((x, i) => x === i + 1);
    console.log(
      `| ${target} | ${USERS} × ${PER_USER} (${LINES} lines) | ${seconds.toFixed(1)} s | ${(n / seconds).toFixed(1)} | ${pct(latencies, 50).toFixed(0)} / ${pct(latencies, 99).toFixed(0)} ms | ${gapless ? `1…${n}, gapless` : 'NOT gapless'} | ${mb(rssBefore)} → ${mb(peak)} MiB |`,
    );
    if (!gapless) process.exitCode = 1;
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

console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, ${os.cpus().length} cores, Node ${process.version}`,
);
console.log(
  '| database | users × invoices each | all issued in | documents/s | create + issue p50 / p99 | numbers | process RSS before → peak |',
);
console.log('|---|---|---|---|---|---|---|');
for (const t of opt.targets!.split(',')) await run(t as 'postgres' | 'pglite');
