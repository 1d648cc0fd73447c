import { describe, expect, it } from 'vitest';
import {
  AUC_FLOOR,
  AUTHORED_AUC_FLOOR,
  bootstrapInterval,
  evaluatePriority,
  evaluateSet,
  loadEvalSet,
} from './evaluation.js';
import { precisionAtTop, rocAuc } from './ranking-metrics.js';

describe('the priority evaluation set', () => {
  it('holds at least 300 labelled requests, about 60 % Russian, with hard cases and no duplicates', () => {
    const { requests, catalog } = loadEvalSet();
    expect(requests.length).toBeGreaterThanOrEqual(300);
    const russian = requests.filter((r) => r.lang === 'ru').length / requests.length;
    expect(russian).toBeGreaterThan(0.55);
    expect(russian).toBeLessThan(0.65);
    expect(new Set(requests.map((r) => r.text.toLowerCase())).size).toBe(requests.length);
    expect(new Set(requests.map((r) => r.id)).size).toBe(requests.length);
    expect(requests.filter((r) => r.hard).length).toBeGreaterThanOrEqual(20);
    expect(requests.every((r) => r.label === 0 || r.label === 1)).toBe(true);
    expect(catalog.length).toBeGreaterThan(50);
  });

  it('keeps the ranking above the floor with the default weights and after a cross-validated refit', () => {
    const report = evaluatePriority();
    expect(report.defaults.auc).toBeGreaterThanOrEqual(AUC_FLOOR);
    expect(report.defaults.ru.auc).toBeGreaterThanOrEqual(AUC_FLOOR);
    expect(report.defaults.en.auc).toBeGreaterThanOrEqual(AUC_FLOOR);
    expect(report.defaults.precisionAt20).toBeGreaterThanOrEqual(0.9);
    expect(report.crossValidated.auc).toBeGreaterThanOrEqual(AUC_FLOOR);
  });
});

describe('the held-out and dev sets (issue 22)', () => {
  const load = (name: 'requests' | 'dev' | 'heldout') => loadEvalSet(undefined, name).requests;

  it('holds at least 120 held-out requests in both languages and both labels, none shared with the other sets', () => {
    const heldout = load('heldout');
    expect(heldout.length).toBeGreaterThanOrEqual(120);
    for (const lang of ['ru', 'en'] as const)
      for (const label of [0, 1] as const)
        expect(
          heldout.filter((r) => r.lang === lang && r.label === label).length,
        ).toBeGreaterThanOrEqual(20);
    const others = new Set([...load('requests'), ...load('dev')].map((r) => r.text.toLowerCase()));
    expect(heldout.filter((r) => others.has(r.text.toLowerCase()))).toEqual([]);
    expect(new Set(heldout.map((r) => r.id)).size).toBe(heldout.length);
    const dev = load('dev');
    expect(dev.length).toBeGreaterThanOrEqual(40);
    expect(dev.filter((r) => load('requests').some((o) => o.text === r.text))).toEqual([]);
  });

  it('ranks the held-out set above its floor, and the authored set keeps its own', () => {
    const heldout = evaluateSet('heldout');
    expect(heldout.auc).toBeGreaterThanOrEqual(AUC_FLOOR);
    expect(heldout.ru.auc).toBeGreaterThanOrEqual(AUC_FLOOR);
    expect(heldout.en.auc).toBeGreaterThanOrEqual(AUC_FLOOR);
    expect(heldout.aucCi![0]).toBeLessThanOrEqual(heldout.auc);
    expect(heldout.aucCi![1]).toBeGreaterThanOrEqual(heldout.auc);
    expect(evaluateSet('requests').auc).toBeGreaterThanOrEqual(AUTHORED_AUC_FLOOR);
  });

  it('lists the worst misrankings with their features, worst first', () => {
    const { worst } = evaluateSet('requests', {
      version: 0,
      bias: 0,
      features: { price_only: 1 }, // a deliberately bad scorer: bare price questions on top
    });
    expect(worst.length).toBeGreaterThan(0);
    expect(worst[0]!.features).toContain('price_only');
    for (let i = 1; i < worst.length; i++)
      expect(worst[i - 1]!.against).toBeGreaterThanOrEqual(worst[i]!.against);
  });
});

describe('ranking metrics', () => {
  it('gives a bootstrap interval that holds the figure, the same on every run', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({
      score: i + (i % 3 === 0 ? 15 : 0),
      label: (i >= 20 ? 1 : 0) as 0 | 1,
    }));
    const a = bootstrapInterval(items, rocAuc, 500);
    expect(a[0]).toBeLessThanOrEqual(rocAuc(items));
    expect(a[1]).toBeGreaterThanOrEqual(rocAuc(items));
    expect(a[1]).toBeLessThanOrEqual(1);
    expect(bootstrapInterval(items, rocAuc, 500)).toEqual(a);
  });

  it('computes ROC AUC with ties counted half', () => {
    expect(
      rocAuc([
        { score: 0.9, label: 1 },
        { score: 0.1, label: 0 },
      ]),
    ).toBe(1);
    expect(
      rocAuc([
        { score: 0.1, label: 1 },
        { score: 0.9, label: 0 },
      ]),
    ).toBe(0);
    expect(
      rocAuc([
        { score: 0.5, label: 1 },
        { score: 0.5, label: 0 },
      ]),
    ).toBe(0.5);
    expect(
      rocAuc([
        { score: 3, label: 1 },
        { score: 2, label: 0 },
        { score: 1, label: 1 },
        { score: 0, label: 0 },
      ]),
    ).toBe(0.75);
  });

  it('computes precision at the top fraction, sharing ties at the cut', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({
      score: 10 - i,
      label: (i < 1 ? 1 : 0) as 0 | 1,
    }));
    expect(precisionAtTop(items, 0.2)).toBe(0.5);
    expect(
      precisionAtTop(
        [
          { score: 1, label: 1 },
          { score: 1, label: 0 },
        ],
        0.5,
      ),
    ).toBe(0.5);
  });
});
