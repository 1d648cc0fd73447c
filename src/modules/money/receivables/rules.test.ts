import { describe, expect, it } from 'vitest';
import { bucketOf, daysPastDue, paidOn, todayIn } from './rules.js';

describe('receivables rules', () => {
  it('counts days past due across a month end and a short February', () => {
    expect(daysPastDue('2026-11-30', '2026-12-30')).toBe(30);
    expect(daysPastDue('2026-11-30', '2026-12-31')).toBe(31);
    expect(daysPastDue('2027-01-31', '2027-03-02')).toBe(30);
    expect(daysPastDue('2026-12-31', '2026-12-01')).toBe(0);
    expect(daysPastDue(null, '2026-12-01')).toBe(0);
  });

  it('puts the bucket edges where the report names them', () => {
    expect([0, 1, 30, 31, 60, 61, 90, 91].map(bucketOf)).toEqual([
      'current',
      'd1_30',
      'd1_30',
      'd31_60',
      'd31_60',
      'd61_90',
      'd61_90',
      'd90_plus',
    ]);
  });

  it('takes today in the workspace’s time zone, not the server’s', () => {
    const lateEvening = new Date('2026-12-31T22:30:00Z');
    expect(todayIn('Europe/Moscow', lateEvening)).toBe('2027-01-01');
    expect(todayIn('America/New_York', lateEvening)).toBe('2026-12-31');
  });

  it('dates a paid invoice by the payment that completed it', () => {
    const parts = [
      { date: '2026-12-20', amountKopecks: 600 },
      { date: '2026-12-05', amountKopecks: 500 },
    ];
    expect(paidOn(1000, parts)).toBe('2026-12-20');
    expect(paidOn(2000, parts)).toBeNull();
  });
});
