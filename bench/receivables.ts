// The receivables aging report (issue 15) over 100,000 issued invoices, half of them partly or
// fully paid, on PGlite and/or PostgreSQL, through the HTTP API in process (app.inject).
//   tsx bench/receivables.ts [--invoices 100000] [--companies 300] [--runs 3] [--targets pglite,postgres]
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (admin URL; a fresh database is made and dropped)
// Set-up (not timed): an owner, our legal entity and the clients over HTTP; the invoices, payments
// and allocations by three INSERT … SELECT generate_series statements. Timed: GET /receivables by
// client and by manager, the 90+ drill-down (first 200 of its invoices) and the XLSX export of
// every open invoice; the median of the runs is printed.
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { inWorkspace } from '../src/platform/db/tenancy.js';
import { ourEntity } from '../src/modules/documents/test-helpers.js';
import { signUp } from '../src/test/client.js';
import { withBenchApp, type BenchTarget } from './bench-app.js';

const { values: opt } = parseArgs({
  options: {
    invoices: { type: 'string', default: '100000' },
    companies: { type: 'string', default: '300' },
    runs: { type: 'string', default: '3' },
    targets: { type: 'string', default: 'pglite,postgres' },
  },
});
const INVOICES = Number(opt.invoices);
const COMPANIES = Number(opt.companies);
const RUNS = Number(opt.runs);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function bench(target: BenchTarget) {
  return withBenchApp(target, async (app, database) => {
    const owner = await signUp(app as never);
    const me = (await owner.call('GET', '/api/v1/auth/session')).body.me;
    const ws: string = me.workspace.id;
    const memberId: string = me.member.id;
    const entity = (await owner.call('POST', '/api/v1/legal-entities', ourEntity)).body;
    const companies: string[] = [];
    for (let i = 0; i < COMPANIES; i++)
      companies.push(
        (await owner.call('POST', '/api/v1/companies', { name: `Клиент ${i}` })).body.id,
      );
    const ids = sql.raw(`array[${companies.map((c) => `'${c}'`).join(',')}]::uuid[]`);
    const t0 = performance.now();
    await inWorkspace(database.db, ws, async (tx) => {
      // Invoices over 2026: due 30 days after their date; amounts 100–10,100 ₽.
      await tx.execute(sql`insert into documents (workspace_id, id, type, status, legal_entity_id,
          company_id, buyer_name, year, number, date, due_date, vat_mode, total_kopecks, owner_id, issued_at)
        select ${ws}, gen_random_uuid(), 'invoice', case when i % 4 = 0 then 'paid' else 'issued' end,
          ${entity.id}, (${ids})[1 + i % ${COMPANIES}], 'Клиент', 2026, i,
          date '2026-01-01' + (i % 345), date '2026-01-31' + (i % 345), 'included',
          10000 + (i * 7919) % 1000000, ${memberId}, now()
        from generate_series(1, ${INVOICES}) i`);
      // Every second invoice has a payment 20 days after its date: in full (the paid quarter) or half.
      await tx.execute(sql`insert into payments (workspace_id, id, date, amount_kopecks, payer_name,
          purpose, company_id, owner_id, source)
        select workspace_id, gen_random_uuid(), date + 20,
          case when status = 'paid' then total_kopecks else total_kopecks / 2 end, 'Плательщик',
          id::text, company_id, owner_id, 'manual'
        from documents where workspace_id = ${ws} and type = 'invoice' and number % 2 = 0`);
      await tx.execute(sql`insert into payment_allocations (workspace_id, payment_id, invoice_id, amount_kopecks)
        select workspace_id, id, purpose::uuid, amount_kopecks from payments where workspace_id = ${ws}`);
    });
    const seeded = Math.round(performance.now() - t0);
    const time = async (url: string) => {
      const times: number[] = [];
      let bytes = 0;
      for (let r = 0; r < RUNS; r++) {
        const t = performance.now();
        const res = await app.inject({ method: 'GET', url, headers: { cookie: owner.cookie } });
        times.push(performance.now() - t);
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
        bytes = res.rawPayload.length;
      }
      return { ms: Math.round(median(times)), bytes };
    };
    const byClient = await time('/api/v1/receivables?asOf=2026-12-31');
    const aging = (await owner.call('GET', '/api/v1/receivables?asOf=2026-12-31&groupBy=manager'))
      .body;
    const byManager = await time('/api/v1/receivables?asOf=2026-12-31&groupBy=manager');
    const drill = await time('/api/v1/receivables/invoices?asOf=2026-12-31&bucket=d90_plus');
    const xlsx = await time('/api/v1/receivables/export?asOf=2026-12-31&format=xlsx');
    return { target, seeded, open: aging.totals.invoices, byClient, byManager, drill, xlsx };
  });
}

console.log(
  `| database | invoices | open at 31.12 | seed | aging by client | by manager | 90+ drill-down | XLSX of all open |`,
);
console.log(`|---|---|---|---|---|---|---|---|`);
for (const target of opt.targets.split(',') as BenchTarget[]) {
  const r = await bench(target);
  console.log(
    `| ${r.target} | ${INVOICES} | ${r.open} | ${r.seeded} ms | ${r.byClient.ms} ms | ${r.byManager.ms} ms | ${r.drill.ms} ms | ${r.xlsx.ms} ms (${(r.xlsx.bytes / 1048576).toFixed(1)} MiB) |`,
  );
}
