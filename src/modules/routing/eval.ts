// npm run eval:priority [-- --verbose]: ranking quality of the priority score on eval/priority.
// Prints each set's ROC AUC and precision at the top 20 % with bootstrap 95 % intervals and its
// worst misrankings; exits 1 when the held-out set falls below AUC_FLOOR or the authored set below
// AUTHORED_AUC_FLOOR.
import {
  AUC_FLOOR,
  AUTHORED_AUC_FLOOR,
  evaluatePriority,
  evaluateSet,
  type RankingFigures,
  type SetReport,
} from './evaluation.js';

const verbose = process.argv.includes('--verbose');
const pct = (x: number): string => (100 * x).toFixed(1) + ' %';
const ci = (interval: [number, number] | undefined, format: (x: number) => string) =>
  interval ? ` [${format(interval[0])}–${format(interval[1])}]` : '';
const line = (name: string, f: RankingFigures) =>
  console.log(
    `${name.padEnd(46)} ROC AUC ${f.auc.toFixed(3)}${ci(f.aucCi, (x) => x.toFixed(3))}   ` +
      `precision@20% ${pct(f.precisionAt20)}${ci(f.precisionAt20Ci, pct)}   (n=${f.n})`,
  );

const titles = {
  requests: 'authored set (written with the rules)',
  dev: 'dev set (used while tuning)',
  heldout: 'held-out set (never tuned on)',
} as const;

function printSet(report: SetReport): void {
  line(titles[report.name], report);
  line('  Russian', report.ru);
  line('  English', report.en);
  const worst = verbose ? report.worst : report.worst.slice(0, 5);
  if (worst.length === 0) return;
  console.log('  worst misrankings (misordered against n requests of the other label):');
  for (const m of worst)
    console.log(
      `    ${m.id} label ${m.label} score ${m.score} vs ${m.against} [${m.features.join(', ')}] ${m.text.slice(0, 140)}`,
    );
}

const sets = {
  requests: evaluateSet('requests'),
  dev: evaluateSet('dev'),
  heldout: evaluateSet('heldout'),
};
console.log('95 % intervals: percentile bootstrap, 2000 resamples within each label\n');
for (const report of Object.values(sets)) {
  printSet(report);
  console.log('');
}
const authored = evaluatePriority();
line('authored set, 5-fold refit (prior = defaults)', authored.crossValidated);
line('authored set, 5-fold refit (flat prior)', authored.flatPriorCrossValidated);

let failed = false;
if (!(sets.heldout.auc >= AUC_FLOOR)) {
  console.error(`held-out ROC AUC ${sets.heldout.auc.toFixed(3)} is below the floor ${AUC_FLOOR}`);
  failed = true;
}
if (!(sets.requests.auc >= AUTHORED_AUC_FLOOR)) {
  console.error(
    `authored-set ROC AUC ${sets.requests.auc.toFixed(3)} is below the floor ${AUTHORED_AUC_FLOOR}`,
  );
  failed = true;
}
if (failed) process.exit(1);
