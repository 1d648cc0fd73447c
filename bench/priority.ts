// Warm-first scoring time per request: every request of the three evaluation sets (eval/priority:
// authored, dev, held-out) scored one at a time with the default weights and the evaluation's
// catalog given as names (as the worker gives it: prepared once, then cached).
// `npx tsx bench/priority.ts [--rounds 30] [--warmup 3]`
// Prints the mean and the p50/p99/max of single-request times, the first-ever call (cold stems),
// each request's median over the rounds (p50/p99 over requests) and the process CPU per scoring.
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { evalSetNames, loadEvalSet } from '../src/modules/routing/evaluation.js';
import { scoreRequest, type PriorityInput } from '../src/modules/routing/priority.js';

const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '30' }, warmup: { type: 'string', default: '3' } },
});
const ROUNDS = Number(values.rounds);
const WARMUP = Number(values.warmup);

const inputs: PriorityInput[] = [];
let catalog: string[] = [];
for (const name of evalSetNames) {
  const set = loadEvalSet(undefined, name);
  catalog = set.catalog;
  for (const r of set.requests)
    inputs.push({
      subject: r.subject,
      text: r.text,
      channel: r.channel,
      attachments: r.attachments,
      hasCalculatorResult: r.calculatorResult,
    });
}
for (const input of inputs) input.catalog = catalog; // one array: prepared once, as in the worker

const first = performance.now();
scoreRequest(inputs[0]!);
const firstMs = performance.now() - first;

for (let w = 0; w < WARMUP; w++) for (const input of inputs) scoreRequest(input);
const times: number[] = [];
const perRequest: number[][] = inputs.map(() => []);
const cpuBefore = process.cpuUsage();
for (let r = 0; r < ROUNDS; r++)
  inputs.forEach((input, i) => {
    const start = performance.now();
    scoreRequest(input);
    const took = performance.now() - start;
    times.push(took);
    perRequest[i]!.push(took);
  });
const cpu = process.cpuUsage(cpuBefore);
times.sort((a, b) => a - b);
// Each request's own cost: the median of its rounds (a loaded machine's pauses fall out), then the
// p99 over requests — what the longest requests cost.
const medians = perRequest
  .map((t) => t.sort((a, b) => a - b)[Math.floor(t.length / 2)]!)
  .sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
const mean = times.reduce((s, t) => s + t, 0) / times.length;
const ms = (x: number) => x.toFixed(3) + ' ms';
console.log(
  `${inputs.length} requests × ${ROUNDS} rounds (${times.length} scorings, after ${WARMUP} warm-up rounds)`,
);
console.log(
  `mean ${ms(mean)}   p50 ${ms(at(0.5))}   p99 ${ms(at(0.99))}   max ${ms(times.at(-1)!)}   ` +
    `first call ${ms(firstMs)}   ${Math.round(1000 / mean)} requests/s on one core`,
);
console.log(
  `per request (median of its rounds): p50 ${ms(medians[Math.floor(medians.length / 2)]!)}   ` +
    `p99 ${ms(medians[Math.min(medians.length - 1, Math.floor(0.99 * medians.length))]!)}   ` +
    `max ${ms(medians.at(-1)!)}   process CPU ${ms((cpu.user + cpu.system) / 1000 / times.length)} per scoring`,
);
