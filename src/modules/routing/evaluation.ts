// The priority evaluation: eval/priority/requests.jsonl (hand-labelled requests, concrete = 1,
// vague = 0) scored with the default weights, and again with weights re-fitted by fitWeights in a
// 5-fold cross-validation (each request scored by weights fitted without it).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fitWeights } from './fit-weights.js';
import {
  DEFAULT_WEIGHTS,
  extractFeatures,
  featureCodes,
  scoreFeatures,
  type ChannelKind,
  type PriorityWeights,
} from './priority.js';
import { precisionAtTop, rocAuc, type Scored } from './ranking-metrics.js';
import { prepareCatalog } from './words.js';

export type EvalRequest = {
  id: string;
  lang: 'ru' | 'en';
  label: 0 | 1;
  channel?: ChannelKind;
  subject?: string;
  text: string;
  attachments?: { name: string; type: string }[];
  calculatorResult?: boolean;
  hard?: string;
};
export type RankingFigures = { auc: number; precisionAt20: number; n: number };
export type EvalReport = {
  defaults: RankingFigures & { ru: RankingFigures; en: RankingFigures };
  crossValidated: RankingFigures & { folds: number };
  flatPriorCrossValidated: RankingFigures & { folds: number };
  mistakes: { id: string; label: 0 | 1; score: number; features: string[]; text: string }[];
};

// The floor the default weights must keep on this set (the test and `npm run eval:priority` check it).
export const AUC_FLOOR = 0.95;

export const evalDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../eval/priority',
);

export function loadEvalSet(dir = evalDir): { requests: EvalRequest[]; catalog: string[] } {
  const requests = fs
    .readFileSync(path.join(dir, 'requests.jsonl'), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((line) => JSON.parse(line) as EvalRequest);
  const catalog = (
    JSON.parse(fs.readFileSync(path.join(dir, 'catalog.json'), 'utf8')) as { products: string[] }
  ).products;
  return { requests, catalog };
}

const figures = (items: Scored[]): RankingFigures => ({
  auc: rocAuc(items),
  precisionAt20: precisionAtTop(items, 0.2),
  n: items.length,
});

// A fixed shuffle (a small LCG), so the folds and the figures are the same on every run.
function foldOf(n: number, folds: number, seed = 20_260_101): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let state = seed;
  for (let i = n - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const fold = new Array<number>(n);
  order.forEach((item, position) => (fold[item] = position % folds));
  return fold;
}

function crossValidate(
  features: string[][],
  labels: (0 | 1)[],
  prior: PriorityWeights,
  folds: number,
): RankingFigures & { folds: number } {
  const fold = foldOf(labels.length, folds);
  const scored: Scored[] = [];
  for (let f = 0; f < folds; f++) {
    const train = labels
      .map((label, i) => ({ features: features[i]!, won: label === 1 }))
      .filter((_, i) => fold[i] !== f);
    const fit = fitWeights(train, prior);
    if (!fit.fitted) throw new Error(`fold ${f}: ${fit.reason}`);
    labels.forEach((label, i) => {
      if (fold[i] === f)
        scored.push({ score: scoreFeatures(features[i]!, fit.weights).probability, label });
    });
  }
  return { ...figures(scored), folds };
}

export function evaluatePriority(
  weights: PriorityWeights = DEFAULT_WEIGHTS,
  dir = evalDir,
): EvalReport {
  const { requests, catalog } = loadEvalSet(dir);
  const prepared = prepareCatalog(catalog);
  const features = requests.map((r) =>
    extractFeatures({
      subject: r.subject,
      text: r.text,
      channel: r.channel,
      attachments: r.attachments,
      catalog: prepared,
      hasCalculatorResult: r.calculatorResult,
    }),
  );
  const labels = requests.map((r) => r.label);
  const scored = requests.map((r, i) => ({
    score: scoreFeatures(features[i]!, weights).probability,
    label: r.label,
  }));
  const byLang = (lang: 'ru' | 'en') =>
    figures(scored.filter((_, i) => requests[i]!.lang === lang));
  const flatPrior: PriorityWeights = {
    version: 0,
    bias: 0,
    features: Object.fromEntries(featureCodes.map((c) => [c, 0])),
  };
  const mistakes = requests
    .map((r, i) => ({
      id: r.id,
      label: r.label,
      score: Math.round(100 * scored[i]!.score),
      features: features[i]!,
      text: r.text,
    }))
    .filter((m) => (m.label === 1 ? m.score < 50 : m.score >= 50))
    .sort((a, b) => Math.abs(b.score - 50) - Math.abs(a.score - 50));
  return {
    defaults: { ...figures(scored), ru: byLang('ru'), en: byLang('en') },
    crossValidated: crossValidate(features, labels, weights, 5),
    flatPriorCrossValidated: crossValidate(features, labels, flatPrior, 5),
    mistakes,
  };
}
