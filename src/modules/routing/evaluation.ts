// The priority evaluation on three hand-labelled sets (concrete = 1, vague = 0) in eval/priority:
// - requests.jsonl: written together with the rules (the "authored" set); also re-fitted by
//   fitWeights in a 5-fold cross-validation (each request scored by weights fitted without it);
// - dev.jsonl: written apart from the rules and used while tuning them;
// - heldout.jsonl: written before the rules were changed and never used to tune them — the figure
//   that says how the score ranks requests other people write.
// Each set's ROC AUC and precision at the top 20 % come with a bootstrap 95 % interval.
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
export type Interval = [number, number];
export type RankingFigures = {
  auc: number;
  precisionAt20: number;
  n: number;
  aucCi?: Interval;
  precisionAt20Ci?: Interval;
};
export type Misranking = {
  id: string;
  label: 0 | 1;
  score: number;
  features: string[];
  text: string;
  // How many requests of the other label this one is misordered against (the AUC's loss).
  against: number;
};
export type SetReport = RankingFigures & {
  name: EvalSetName;
  ru: RankingFigures;
  en: RankingFigures;
  worst: Misranking[];
};
export const evalSetNames = ['requests', 'dev', 'heldout'] as const;
export type EvalSetName = (typeof evalSetNames)[number];
export type EvalReport = {
  defaults: RankingFigures & { ru: RankingFigures; en: RankingFigures };
  crossValidated: RankingFigures & { folds: number };
  flatPriorCrossValidated: RankingFigures & { folds: number };
  mistakes: { id: string; label: 0 | 1; score: number; features: string[]; text: string }[];
};

// The floors the default weights must keep (the tests and `npm run eval:priority` check them): the
// held-out set, which the rules were not written from, and the authored set, which must not regress.
export const AUC_FLOOR = 0.95;
export const AUTHORED_AUC_FLOOR = 0.99;

export const evalDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../eval/priority',
);

export function loadEvalSet(
  dir = evalDir,
  name: EvalSetName = 'requests',
): { requests: EvalRequest[]; catalog: string[] } {
  const requests = fs
    .readFileSync(path.join(dir, `${name}.jsonl`), 'utf8')
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

// A fixed pseudo-random sequence (a small LCG), so folds and intervals are the same on every run.
function lcg(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

// Percentile bootstrap: resample the requests with replacement (within each label, so every
// resample has both), recompute the figure, and take the 2.5th and 97.5th percentiles.
export function bootstrapInterval(
  items: readonly Scored[],
  statistic: (sample: Scored[]) => number,
  resamples = 2000,
  seed = 20_261_204,
): Interval {
  const random = lcg(seed);
  const positives = items.filter((i) => i.label === 1);
  const negatives = items.filter((i) => i.label === 0);
  const draw = (from: readonly Scored[]) =>
    Array.from({ length: from.length }, () => from[Math.floor(random() * from.length)]!);
  const values: number[] = [];
  for (let r = 0; r < resamples; r++)
    values.push(statistic([...draw(positives), ...draw(negatives)]));
  values.sort((a, b) => a - b);
  const at = (q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))]!;
  return [at(0.025), at(0.975)];
}

const figuresWithCi = (items: Scored[]): RankingFigures => ({
  ...figures(items),
  aucCi: bootstrapInterval(items, rocAuc),
  precisionAt20Ci: bootstrapInterval(items, (s) => precisionAtTop(s, 0.2)),
});

function featuresOfSet(requests: readonly EvalRequest[], catalog: readonly string[]): string[][] {
  const prepared = prepareCatalog(catalog);
  return requests.map((r) =>
    extractFeatures({
      subject: r.subject,
      text: r.text,
      channel: r.channel,
      attachments: r.attachments,
      catalog: prepared,
      hasCalculatorResult: r.calculatorResult,
    }),
  );
}

// One set scored with the given weights: figures with intervals, by language, and the requests that
// cost the ranking most (each counted against the requests of the other label it is misordered with).
export function evaluateSet(
  name: EvalSetName,
  weights: PriorityWeights = DEFAULT_WEIGHTS,
  dir = evalDir,
  worstCount = 10,
): SetReport {
  const { requests, catalog } = loadEvalSet(dir, name);
  const features = featuresOfSet(requests, catalog);
  const scored = requests.map((r, i) => ({
    score: scoreFeatures(features[i]!, weights).probability,
    label: r.label,
  }));
  const byLang = (lang: 'ru' | 'en') =>
    figuresWithCi(scored.filter((_, i) => requests[i]!.lang === lang));
  const worst = requests
    .map((r, i) => ({
      id: r.id,
      label: r.label,
      score: Math.round(100 * scored[i]!.score),
      features: features[i]!,
      text: r.text,
      against: scored.filter((o) =>
        o.label === r.label
          ? false
          : r.label === 1
            ? o.score >= scored[i]!.score
            : o.score <= scored[i]!.score,
      ).length,
    }))
    .filter((m) => m.against > 0)
    .sort((a, b) => b.against - a.against || a.id.localeCompare(b.id))
    .slice(0, worstCount);
  return { name, ...figuresWithCi(scored), ru: byLang('ru'), en: byLang('en'), worst };
}

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
  const features = featuresOfSet(requests, catalog);
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
