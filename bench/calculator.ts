// A 50-input service cost calculator evaluated server-side (issue 20: ≤ 5 ms).
//   tsx bench/calculator.ts [--rounds 2000] [--http 300] [--targets pglite]
// 1. In process: the definition's compile (zod + every formula parsed and checked — what each
//    evaluation paid before the per-version cache) and `evaluate` on the cached compiled version
//    with varying values (30 catalog products bound to inputs and options, 12 formula lines,
//    visibility rules, the minimum order, rounding). Median / p99 / max over the rounds.
// 2. Over HTTP: the app built from src on a fresh database (bench/bench-app.ts), the calculator
//    created and published through the API, then POST /calculators/{id}/evaluate one at a time
//    (the published version's compiled form cached; the catalog read from the database each time):
//    p50 / p99 of the round trip on loopback.
import { parseArgs } from 'node:util';
import { CalculatorDefinition, type CalcValues } from '@voronka/contract';
import { checkDefinition } from '../src/modules/calculator/calculators.js';
import { evaluate, type CatalogItem } from '../src/modules/calculator/evaluate.js';
import { freePort } from '../src/test/ports.js';
import { withBenchApp, type BenchTarget } from './bench-app.js';

const { values: opt } = parseArgs({
  options: {
    rounds: { type: 'string', default: '2000' },
    http: { type: 'string', default: '300' },
    targets: { type: 'string', default: 'pglite' },
  },
});
const ROUNDS = Number(opt.rounds);
const HTTP = Number(opt.http);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const ms = (x: number) => `${x.toFixed(3)} ms`;

// 50 inputs: 30 numbers (20 bound to products), 6 selects and 4 multi-selects with priced options,
// 5 checkboxes, 3 ranges, 2 dates; a third of them shown only on a condition; 12 formula lines.
function definition(products: string[]) {
  const inputs: Record<string, unknown>[] = [];
  for (let i = 0; i < 30; i++)
    inputs.push({
      key: `n${i}`,
      type: 'number',
      label: { ru: `Количество ${i}`, en: `Quantity ${i}` },
      unit: 'шт',
      min: 0,
      max: 1000,
      section: `s${i % 5}`,
      ...(i < 20 ? { productId: products[i]! } : {}),
      ...(i % 3 === 2 ? { visibleIf: `n${i - 1} > 2 || c${i % 5}` } : {}),
      ...(i % 4 === 1 && i < 20 ? { quantity: `ceil(n${i} * 1.15) + if(c${i % 5}, 1, 0)` } : {}),
    });
  for (let i = 0; i < 6; i++)
    inputs.push({
      key: `sel${i}`,
      type: 'select',
      label: { ru: `Вариант ${i}` },
      options: ['a', 'b', 'c'].map((v, k) => ({
        value: v,
        label: { ru: v },
        productId: products[20 + ((i + k) % 10)]!,
        ...(k === 2 ? { quantity: `max(1, n${i} / 10)` } : {}),
      })),
    });
  for (let i = 0; i < 4; i++)
    inputs.push({
      key: `ms${i}`,
      type: 'multiselect',
      label: { ru: `Опции ${i}` },
      options: ['x', 'y', 'z', 'w'].map((v, k) => ({
        value: v,
        label: { ru: v },
        productId: products[(i * 4 + k) % 30]!,
      })),
    });
  for (let i = 0; i < 5; i++)
    inputs.push({ key: `c${i}`, type: 'checkbox', label: { ru: `Флаг ${i}` } });
  for (let i = 0; i < 3; i++)
    inputs.push({
      key: `r${i}`,
      type: 'range',
      label: { ru: `Шкала ${i}` },
      min: 0,
      max: 100,
      step: 5,
    });
  for (let i = 0; i < 2; i++)
    inputs.push({ key: `d${i}`, type: 'date', label: { ru: `Дата ${i}` } });
  const lines = Array.from({ length: 12 }, (_, i) => ({
    productId: products[(i * 7) % 30]!,
    quantity: `round((n${i} + n${i + 10}) * (1 + r${i % 3} / 100) + if(sel${i % 6}_b, 2, 0), 1)`,
    when: `n${i} > 0 && (c${i % 5} || ms${i % 4}_y || d${i % 2} > 3)`,
  }));
  return CalculatorDefinition.parse({
    title: { ru: 'Бенч: 50 полей' },
    sections: Array.from({ length: 5 }, (_, i) => ({ key: `s${i}`, title: { ru: `Раздел ${i}` } })),
    inputs,
    lines,
    minimumOrderKopecks: 500_000,
    rounding: 'up',
  });
}

function valuesFor(r: number): CalcValues {
  const v: CalcValues = {};
  for (let i = 0; i < 30; i++) v[`n${i}`] = (r * 7 + i * 13) % 50;
  for (let i = 0; i < 6; i++) v[`sel${i}`] = ['a', 'b', 'c'][(r + i) % 3]!;
  for (let i = 0; i < 4; i++)
    v[`ms${i}`] = ['x', 'y', 'z', 'w'].filter((_, k) => (r + i + k) % 2 === 0);
  for (let i = 0; i < 5; i++) v[`c${i}`] = (r + i) % 2 === 0;
  for (let i = 0; i < 3; i++) v[`r${i}`] = ((r + i) * 5) % 100;
  const day = (k: number) => new Date(Date.now() + k * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < 2; i++) v[`d${i}`] = day((r + i) % 20);
  return v;
}

function inProcess() {
  const products = Array.from(
    { length: 30 },
    (_, i) => `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`,
  );
  const catalog = new Map<string, CatalogItem>(
    products.map((id, i) => [
      id,
      {
        name: `Услуга ${i}`,
        okei: '796',
        vatRate: 22,
        priceKopecks: 10_000 + i * 1_337,
        costKopecks: 5_000 + i * 500,
      },
    ]),
  );
  const def = definition(products);
  const compileTimes: number[] = [];
  for (let r = 0; r < 200; r++) {
    const s = performance.now();
    checkDefinition(CalculatorDefinition.parse(def));
    compileTimes.push(performance.now() - s);
  }
  const compiled = checkDefinition(def);
  for (let r = 0; r < 200; r++) evaluate(compiled, valuesFor(r), catalog, { withCost: true });
  const times: number[] = [];
  let lines = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const values = valuesFor(r);
    const s = performance.now();
    const e = evaluate(compiled, values, catalog, { withCost: true });
    times.push(performance.now() - s);
    lines += e.lines.length;
  }
  console.log(
    `| in process: compile (zod + formulas), once per published version | ${ms(pct(compileTimes, 50))} | ${ms(pct(compileTimes, 99))} | ${ms(Math.max(...compileTimes))} |`,
  );
  console.log(
    `| in process: evaluate, cached compiled (${(lines / ROUNDS).toFixed(1)} lines avg) | ${ms(pct(times, 50))} | ${ms(pct(times, 99))} | ${ms(Math.max(...times))} |`,
  );
  return def;
}

async function overHttp(target: BenchTarget) {
  await withBenchApp(target, async (app) => {
    const port = await freePort();
    await app.listen({ port, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${port}/api/v1`;
    const signUp = await fetch(`${base}/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Бенч',
        email: `calc${Date.now()}@example.ru`,
        password: 'correct-horse-battery',
        companyName: 'ООО «Бенч»',
      }),
    });
    const cookie = String(signUp.headers.get('set-cookie')).split(';')[0]!;
    const csrf = ((await signUp.json()) as { csrfToken: string }).csrfToken;
    const call = async (method: string, p: string, body?: unknown) => {
      const res = await fetch(`${base}${p}`, {
        method,
        headers: {
          cookie,
          'x-csrf-token': csrf,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as Record<string, unknown> & { id: string };
      if (!res.ok) throw new Error(`${method} ${p}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    };
    const products: string[] = [];
    for (let i = 0; i < 30; i++)
      products.push(
        (
          await call('POST', '/products', {
            name: `Услуга ${i}`,
            okei: '796',
            vatRate: 22,
            priceKopecks: 10_000 + i * 1_337,
            costKopecks: 5_000,
          })
        ).id,
      );
    const calc = await call('POST', '/calculators', {
      name: 'Бенч',
      definition: definition(products),
    });
    await call('POST', `/calculators/${calc.id}/publish`);
    for (let r = 0; r < 20; r++)
      await call('POST', `/calculators/${calc.id}/evaluate`, { values: valuesFor(r) });
    const times: number[] = [];
    for (let r = 0; r < HTTP; r++) {
      const s = performance.now();
      await call('POST', `/calculators/${calc.id}/evaluate`, { values: valuesFor(r) });
      times.push(performance.now() - s);
    }
    console.log(
      `| HTTP on ${target}: POST /calculators/{id}/evaluate, round trip | ${ms(pct(times, 50))} | ${ms(pct(times, 99))} | ${ms(Math.max(...times))} |`,
    );
  });
}

console.log('| 50-input calculator | p50 | p99 | max |');
console.log('| --- | --- | --- | --- |');
inProcess();
for (const t of opt.targets!.split(',').filter(Boolean)) await overHttp(t as BenchTarget);
