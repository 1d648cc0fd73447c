// Documents issued per second under 20 concurrent users over HTTP (issue 13), on PGlite and/or
// PostgreSQL. Each user, in a loop: POST /documents (an invoice from a deal with 10 line items) then
// POST /documents/{id}/status {issued} (the next gapless number, requisites frozen).
//   tsx bench/documents-issue.ts [--users 20] [--per-user 10] [--lines 10] [--targets pglite,postgres]
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (admin URL; a fresh database is made and dropped)
// The app listens on a free port in this process (like bench/import.ts it is built from src), the
// users are fetch loops in the same process; RSS is this process (server + load generator) sampled
// every 50 ms. At the end the issued numbers are checked: 1…N, none twice.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { freePort } from '../src/test/ports.js';
import { ourEntity } from '../src/modules/documents/test-helpers.js';
import { withBenchApp, type BenchTarget } from './bench-app.js';

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
const mb = (b: number) => Math.round(b / 1024 / 1024);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

type Call = (
  method: string,
  p: string,
  body?: unknown,
) => Promise<Record<string, unknown> & { id: string }>;

// A signed-up owner's session over HTTP: every call sends its cookie and CSRF token.
async function session(base: string): Promise<Call> {
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
  return async (method, p, body) => {
    const res = await fetch(`${base}${p}`, {
      method,
      headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown> & { id: string };
    if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
}

// Set-up (not timed): our legal entity, a client and one deal with LINES lines per user.
async function setUp(call: Call) {
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
  return { entityId: entity.id, deals };
}

// The issued invoices' numbers: 1…n, none twice?
async function gaplessUpTo(call: Call, n: number): Promise<boolean> {
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
  return numbers.length === n && [...numbers].sort((a, b) => a - b).every((x, i) => x === i + 1);
}

async function run(target: BenchTarget) {
  await withBenchApp(target, async (app) => {
    const port = await freePort();
    await app.listen({ port, host: '127.0.0.1' });
    const call = await session(`http://127.0.0.1:${port}/api/v1`);
    const { entityId, deals } = await setUp(call);
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
            legalEntityId: entityId,
          });
          await call('POST', `/documents/${draft.id}/status`, { status: 'issued' });
          latencies.push(performance.now() - s);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const n = USERS * PER_USER;
    const gapless = await gaplessUpTo(call, n);
    console.log(
      `| ${target} | ${USERS} × ${PER_USER} (${LINES} lines) | ${seconds.toFixed(1)} s | ${(n / seconds).toFixed(1)} | ${pct(latencies, 50).toFixed(0)} / ${pct(latencies, 99).toFixed(0)} ms | ${gapless ? `1…${n}, gapless` : 'NOT gapless'} | ${mb(rssBefore)} → ${mb(peak)} MiB |`,
    );
    if (!gapless) process.exitCode = 1;
  });
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
for (const t of opt.targets!.split(',')) await run(t as BenchTarget);
