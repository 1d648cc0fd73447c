// Import throughput: a generated 100,000-row contact CSV through the real API (upload → start) and
// the real job (chunks of 1,000 with duplicate checks), on PostgreSQL and/or PGlite.
//   tsx bench/import.ts [--rows 100000] [--targets postgres,pglite]
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres (admin URL; a fresh database is made and dropped)
import os from 'node:os';
import { parseArgs } from 'node:util';
import { startJobRunner } from '../src/platform/jobs/jobs.js';
import { jobDefinitions } from '../src/worker.js';
import { withBenchApp, type BenchTarget } from './bench-app.js';

const { values: opt } = parseArgs({
  options: {
    rows: { type: 'string', default: '100000' },
    targets: { type: 'string', default: 'postgres,pglite' },
  },
});
const ROWS = Number(opt.rows);

// Every tenth row repeats an earlier phone, so the duplicate check finds (and skips) 10 %.
function generateCsv(rows: number): Buffer {
  const first = ['Анна', 'Пётр', 'Ольга', 'Сергей', 'Мария', 'Иван'];
  const last = ['Иванова', 'Петров', 'Сидорова', 'Кузнецов', 'Смирнова', 'Попов'];
  const lines = ['ФИО;Телефон;E-mail;Должность;Компания;Теги'];
  for (let i = 0; i < rows; i++) {
    const n = i % 10 === 9 ? i - 5 : i;
    const d = String(n).padStart(7, '0');
    lines.push(
      `${last[i % 6]} ${first[(i >> 3) % 6]};8 (912) ${d.slice(0, 3)}-${d.slice(3, 5)}-${d.slice(5)};user${n}@example.ru;Менеджер;ООО «Компания ${i % 500}»;импорт`,
    );
  }
  return Buffer.from(lines.join('\r\n'));
}

async function run(target: BenchTarget, csv: Buffer) {
  await withBenchApp(target, async (app, database) => {
    const signUp = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-up',
      payload: {
        name: 'Бенч',
        email: `bench${Date.now()}@example.ru`,
        password: 'correct-horse-battery',
        companyName: 'ООО «Бенч»',
      },
    });
    const cookie = String(signUp.headers['set-cookie']).split(';')[0]!;
    const headers = { cookie, 'x-csrf-token': JSON.parse(signUp.body).csrfToken as string };
    let peak = process.memoryUsage().rss;
    let peakHeap = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peak = Math.max(peak, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed + m.external);
    }, 50);
    const rssBefore = process.memoryUsage().rss;
    const t0 = performance.now();
    const up = await app.inject({
      method: 'POST',
      url: '/api/v1/imports?entity=contacts&fileName=bench.csv',
      headers: { ...headers, 'content-type': 'text/csv' },
      payload: csv,
    });
    const { import: imp, suggestedMapping } = JSON.parse(up.body);
    await app.inject({
      method: 'POST',
      url: `/api/v1/imports/${imp.id}/start`,
      headers,
      payload: { mapping: suggestedMapping, duplicatePolicy: 'skip' },
    });
    const runner = startJobRunner(database.db, jobDefinitions, { pollMs: 60_000 });
    await runner.stop();
    await runner.drain();
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);
    const done = JSON.parse(
      (await app.inject({ method: 'GET', url: `/api/v1/imports/${imp.id}`, headers })).body,
    );
    const mb = (b: number) => Math.round(b / 1024 / 1024);
    console.log(
      `| ${target} | ${ROWS.toLocaleString('en')} | ${(csv.length / 1024 / 1024).toFixed(1)} MiB | ${seconds.toFixed(1)} s | ${Math.round(ROWS / seconds).toLocaleString('en')} | ${done.createdRows}/${done.skippedRows}/${done.errorCount} | ${mb(rssBefore)} → ${mb(peak)} MiB | ${mb(peakHeap)} MiB |`,
    );
  });
}

const csv = generateCsv(ROWS);
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, ${os.cpus().length} cores`,
);
console.log(
  '| database | rows | file | upload → done | rows/s | created/skipped/errors | process RSS before → peak | peak JS heap + external |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const t of opt.targets!.split(',')) await run(t as 'postgres' | 'pglite', csv);
