import { describe, expect, it } from 'vitest';
import { fitWeights, type Outcome } from './fit-weights.js';
import { DEFAULT_WEIGHTS, scoreFeatures, type PriorityWeights } from './priority.js';

// A small deterministic generator, so every run sees the same synthetic history.
function random(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

// Outcomes where `planted` raises the chance of a won deal strongly and `noise` does nothing.
function history(n: number, planted: string, effect: number, seed = 7): Outcome[] {
  const next = random(seed);
  return Array.from({ length: n }, () => {
    const features = ['quantity', 'noise', planted].filter(() => next() < 0.5);
    const z =
      -1 + (features.includes(planted) ? effect : 0) + (features.includes('quantity') ? 0.5 : 0);
    return { features, won: next() < 1 / (1 + Math.exp(-z)) };
  });
}

const prior = (features: Record<string, number>): PriorityWeights => ({
  version: 3,
  bias: 0,
  features,
});

describe('fitWeights', () => {
  it('recovers the sign of a planted feature the prior knew nothing about', () => {
    const fit = fitWeights(
      history(600, 'calculator', 2.5),
      prior({ calculator: 0, quantity: 0, noise: 0 }),
    );
    if (!fit.fitted) throw new Error(fit.reason);
    expect(fit.weights.features.calculator).toBeGreaterThan(1.5);
    expect(Math.abs(fit.weights.features.noise!)).toBeLessThan(0.5);
    expect(fit.weights.version).toBe(4);
  });

  it('lets plentiful data overturn a wrong prior', () => {
    const fit = fitWeights(
      history(600, 'calculator', -2),
      prior({ calculator: 1.2, quantity: 0.5, noise: 0 }),
    );
    if (!fit.fitted) throw new Error(fit.reason);
    expect(fit.weights.features.calculator).toBeLessThan(-1);
  });

  it('keeps the prior sign of a feature seen in too few outcomes', () => {
    // `budget` appears in 8 outcomes, all lost: thin evidence may shrink it, never flip it.
    const outcomes = history(300, 'quantity', 0.5).map((o, i) =>
      i < 8 ? { features: [...o.features, 'budget'], won: false } : o,
    );
    const fit = fitWeights(outcomes, prior({ budget: 0.7, quantity: 0.5, noise: 0 }), {
      minSupport: 20,
    });
    if (!fit.fitted) throw new Error(fit.reason);
    expect(fit.support.budget).toBe(8);
    expect(fit.weights.features.budget).toBeGreaterThanOrEqual(0);
  });

  it('refuses to fit with fewer outcomes than the minimum, or with one class only', () => {
    expect(fitWeights(history(49, 'quantity', 1), DEFAULT_WEIGHTS)).toEqual({
      fitted: false,
      reason: 'too_few_examples',
      examples: 49,
      needed: 50,
    });
    const allWon = history(80, 'quantity', 1).map((o) => ({ ...o, won: true }));
    expect(fitWeights(allWon, DEFAULT_WEIGHTS)).toMatchObject({
      fitted: false,
      reason: 'one_class',
    });
  });

  it('returns JSON-able weights that score like any other', () => {
    const fit = fitWeights(history(200, 'product', 1.5), DEFAULT_WEIGHTS);
    if (!fit.fitted) throw new Error(fit.reason);
    expect(JSON.parse(JSON.stringify(fit.weights))).toEqual(fit.weights);
    const withProduct = scoreFeatures(['product'], fit.weights).probability;
    expect(withProduct).toBeGreaterThan(scoreFeatures([], fit.weights).probability);
  });

  it('improves the fit to the history it was given', () => {
    const outcomes = history(500, 'calculator', 2.5);
    const start = prior({ calculator: 0, quantity: 0, noise: 0 });
    const fit = fitWeights(outcomes, start);
    if (!fit.fitted) throw new Error(fit.reason);
    const logLoss = (w: PriorityWeights) =>
      outcomes.reduce((sum, o) => {
        const p = scoreFeatures(o.features, w).probability;
        return sum - Math.log(o.won ? p : 1 - p);
      }, 0) / outcomes.length;
    expect(logLoss(fit.weights)).toBeLessThan(logLoss(start) - 0.05);
  });
});
