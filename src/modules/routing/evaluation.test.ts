import { describe, expect, it } from 'vitest';
import { AUC_FLOOR, evaluatePriority, loadEvalSet } from './evaluation.js';
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

describe('ranking metrics', () => {
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
