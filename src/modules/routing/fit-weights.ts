// Re-fitting the priority weights from a workspace's outcomes (which requests became won deals):
// L2-regularised logistic regression on the binary features, by full-batch gradient descent.
// The penalty pulls each weight towards the prior (the weights in force), not towards zero, so a
// feature the data says little about keeps its prior meaning; and a feature seen in too few
// requests may not flip the prior's sign — its reason ("+ names a product") stays readable.
import type { PriorityWeights } from './priority.js';

export type Outcome = { features: readonly string[]; won: boolean };
export type FitOptions = {
  minExamples?: number; // refuse below this many outcomes
  minSupport?: number; // a feature active in fewer outcomes keeps the prior's sign (or 0)
  l2?: number; // strength of the pull towards the prior, in outcomes' worth
  maxIterations?: number;
};
export type FitResult =
  | { fitted: true; weights: PriorityWeights; support: Record<string, number>; iterations: number }
  | { fitted: false; reason: 'too_few_examples' | 'one_class'; examples: number; needed: number };

type Pattern = { active: number[]; n: number; won: number };

// Identical feature sets are one row with counts: binary features repeat a lot, so the cost is
// proportional to the distinct patterns, not to the outcomes.
function groupPatterns(examples: readonly Outcome[], index: Map<string, number>): Pattern[] {
  const byKey = new Map<string, Pattern>();
  for (const { features, won } of examples) {
    const active = [
      ...new Set(features.map((f) => index.get(f)).filter((i): i is number => i !== undefined)),
    ].sort((a, b) => a - b);
    const key = active.join(',');
    const pattern = byKey.get(key) ?? { active, n: 0, won: 0 };
    pattern.n += 1;
    pattern.won += won ? 1 : 0;
    byKey.set(key, pattern);
  }
  return [...byKey.values()];
}

const round = (x: number): number => Math.round(x * 1000) / 1000;

export function fitWeights(
  examples: readonly Outcome[],
  prior: PriorityWeights,
  options: FitOptions = {},
): FitResult {
  const { minExamples = 50, minSupport = 20, l2 = 2, maxIterations = 5000 } = options;
  const wins = examples.filter((e) => e.won).length;
  if (examples.length < minExamples)
    return {
      fitted: false,
      reason: 'too_few_examples',
      examples: examples.length,
      needed: minExamples,
    };
  if (wins === 0 || wins === examples.length)
    return { fitted: false, reason: 'one_class', examples: examples.length, needed: minExamples };

  const codes = [
    ...new Set([...Object.keys(prior.features), ...examples.flatMap((e) => e.features)]),
  ];
  const index = new Map(codes.map((code, i) => [code, i]));
  const patterns = groupPatterns(examples, index);
  const support = codes.map((code) => examples.filter((e) => e.features.includes(code)).length);
  const priorW = codes.map((code) => prior.features[code] ?? 0);
  const w = [...priorW];
  let b = prior.bias;
  const N = examples.length;
  // Step 1/L, with L bounding the curvature of the mean log-loss: ¼·max‖x‖² (bias included) + penalty.
  const maxActive = Math.max(...patterns.map((p) => p.active.length)) + 1;
  const step = 1 / (0.25 * maxActive + l2 / N);

  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const grad = new Array<number>(codes.length).fill(0);
    let gradB = 0;
    for (const p of patterns) {
      const z = p.active.reduce((sum, i) => sum + w[i]!, b);
      const g = (p.n / (1 + Math.exp(-z)) - p.won) / N;
      gradB += g;
      for (const i of p.active) grad[i]! += g;
    }
    let largest = Math.abs(gradB);
    for (let i = 0; i < codes.length; i++) {
      grad[i]! += (l2 / N) * (w[i]! - priorW[i]!);
      w[i]! -= step * grad[i]!;
      if (support[i]! < minSupport) w[i] = keepSign(w[i]!, priorW[i]!);
      largest = Math.max(largest, Math.abs(grad[i]!));
    }
    b -= step * gradB;
    if (largest < 1e-7) break;
  }
  const features = Object.fromEntries(codes.map((code, i) => [code, round(w[i]!)]));
  return {
    fitted: true,
    weights: { version: prior.version + 1, bias: round(b), features },
    support: Object.fromEntries(codes.map((code, i) => [code, support[i]!])),
    iterations,
  };
}

// Projection onto the prior's half-line; a feature without a prior sign stays at 0 until it has support.
function keepSign(value: number, prior: number): number {
  if (prior > 0) return Math.max(0, value);
  if (prior < 0) return Math.min(0, value);
  return 0;
}
