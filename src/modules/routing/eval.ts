// npm run eval:priority [-- --verbose]: ranking quality of the priority score on eval/priority.
// Exits 1 when the ROC AUC with the default weights falls below the floor.
import { AUC_FLOOR, evaluatePriority } from './evaluation.js';

const report = evaluatePriority();
const pct = (x: number): string => (100 * x).toFixed(1) + ' %';
const line = (name: string, f: { auc: number; precisionAt20: number; n: number }) =>
  console.log(
    `${name.padEnd(44)} ROC AUC ${f.auc.toFixed(3)}   precision@20% ${pct(f.precisionAt20)}   (n=${f.n})`,
  );

line('default weights, all requests', report.defaults);
line('default weights, Russian', report.defaults.ru);
line('default weights, English', report.defaults.en);
line('5-fold refit (fitWeights, prior = defaults)', report.crossValidated);
line('5-fold refit (fitWeights, flat prior)', report.flatPriorCrossValidated);
console.log(`misranked at the 50 cut: ${report.mistakes.length}`);
if (process.argv.includes('--verbose')) {
  for (const m of report.mistakes)
    console.log(`  ${m.id} label ${m.label} score ${m.score} [${m.features.join(', ')}] ${m.text}`);
}
if (!(report.defaults.auc >= AUC_FLOOR)) {
  console.error(`ROC AUC ${report.defaults.auc.toFixed(3)} is below the floor ${AUC_FLOOR}`);
  process.exit(1);
}
