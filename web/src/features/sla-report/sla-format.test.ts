import { describe, expect, it } from 'vitest';
import { breachPercent, defaultPeriod, formatResponseTime } from './sla-format';

describe('SLA report formatting', () => {
  it('says response times with two units at most', () => {
    expect(formatResponseTime(45, 'ru')).toBe('45 с');
    expect(formatResponseTime(252, 'ru')).toBe('4 мин 12 с');
    expect(formatResponseTime(4800, 'ru')).toBe('1 ч 20 мин');
    expect(formatResponseTime(3600, 'en')).toBe('1 h');
    expect(formatResponseTime(2 * 86400 + 3 * 3600 + 59, 'en')).toBe('2 d 3 h');
    expect(formatResponseTime(0, 'ru')).toBe('0 с');
    expect(formatResponseTime(null, 'ru')).toBe('—');
  });

  it('shows the breach rate in per cent', () => {
    expect([
      breachPercent({ breachRate: 0.125 }),
      breachPercent({ breachRate: 0 }),
      breachPercent({ breachRate: 1 / 3 }),
    ]).toEqual([12.5, 0, 33.3]);
  });

  it('defaults to the last four weeks up to today', () => {
    expect(defaultPeriod(new Date(2026, 10, 27, 15, 0))).toEqual({
      from: '2026-10-31',
      to: '2026-11-27',
    });
  });
});
