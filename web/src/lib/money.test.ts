import { describe, expect, it } from 'vitest';
import { addMinor, formatMoney, parseMoney } from './money';

describe('money', () => {
  it('shows kopecks as roubles the Russian way', () => {
    expect(formatMoney(123_456_700).replace(/[\u00a0\u202f]/g, ' ')).toBe('1 234 567,00 ₽');
  });

  it('shows a stage total past 2^53 kopecks to the kopeck', () => {
    // Two deals of 9 000 000 000 000 000 kopecks and one of 1: as a float this total ends in …,00.
    const total = addMinor(addMinor('9000000000000000', 9_000_000_000_000_000), 1);
    expect(total).toBe('18000000000000001');
    expect(formatMoney(total).replace(/[\u00a0\u202f]/g, ' ')).toBe('180 000 000 000 000,01 ₽');
    expect(formatMoney('-5')).toMatch(/^-0,05/);
  });

  it('reads the amounts people type, refusing what is not money', () => {
    expect(parseMoney('1 234 567,89')).toBe(123_456_789);
    expect(parseMoney('1500.5')).toBe(150_050);
    expect(parseMoney('')).toBe(0);
    expect(parseMoney('12,345')).toBeNull();
    expect(parseMoney('abc')).toBeNull();
  });
});
