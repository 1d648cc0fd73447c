import { describe, expect, it } from 'vitest';
import { formatMoney, parseMoney } from './money';

describe('money', () => {
  it('shows kopecks as roubles the Russian way', () => {
    expect(formatMoney(123_456_700).replace(/[\u00a0\u202f]/g, ' ')).toBe('1 234 567,00 ₽');
  });

  it('reads the amounts people type, refusing what is not money', () => {
    expect(parseMoney('1 234 567,89')).toBe(123_456_789);
    expect(parseMoney('1500.5')).toBe(150_050);
    expect(parseMoney('')).toBe(0);
    expect(parseMoney('12,345')).toBeNull();
    expect(parseMoney('abc')).toBeNull();
  });
});
