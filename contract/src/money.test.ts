import { describe, expect, it } from 'vitest';
import { documentMoney, lineMoney, quantityMilli } from './money.js';

describe('line money in kopecks', () => {
  it('adds VAT on top, rounding the line half away from zero', () => {
    // 3 × 333.33 ₽ = 999.99 ₽; 22 % of it is 219.9978 → 220.00 ₽.
    expect(lineMoney({ quantity: '3', priceKopecks: 33_333, vatRate: 22 }, 'on_top')).toEqual({
      grossKopecks: 99_999,
      discountKopecks: 0,
      netKopecks: 99_999,
      vatKopecks: 22_000,
      totalKopecks: 121_999,
    });
  });

  it('takes VAT out of a price that includes it (rate / (100 + rate))', () => {
    // 1 220.00 ₽ with VAT 22 % inside: VAT 220.00, net 1 000.00.
    const line = lineMoney({ quantity: '1', priceKopecks: 122_000, vatRate: 22 }, 'included');
    expect(line).toMatchObject({ netKopecks: 100_000, vatKopecks: 22_000, totalKopecks: 122_000 });
    // 100.00 ₽ with 20 % inside: 16.666… → 16.67, net 83.33.
    const odd = lineMoney({ quantity: '1', priceKopecks: 10_000, vatRate: 20 }, 'included');
    expect(odd).toMatchObject({ netKopecks: 8_333, vatKopecks: 1_667, totalKopecks: 10_000 });
  });

  it('rounds a fractional quantity and a percent discount per line', () => {
    // 2.5 kg × 99.99 ₽ = 249.975 → 249.98; 12.5 % off = 31.2475 → 31.25; 218.73 left.
    const line = lineMoney(
      {
        quantity: '2.5',
        priceKopecks: 9_999,
        discount: { kind: 'percent', value: '12.5' },
        vatRate: null,
      },
      'on_top',
    );
    expect(line).toEqual({
      grossKopecks: 24_998,
      discountKopecks: 3_125,
      netKopecks: 21_873,
      vatKopecks: 0,
      totalKopecks: 21_873,
    });
  });

  it('sums rounded lines, so the printed column adds up to the printed total', () => {
    const lines = [
      { quantity: '1', priceKopecks: 3_333, vatRate: 22 },
      { quantity: '1', priceKopecks: 3_333, vatRate: 22 },
      { quantity: '1', priceKopecks: 3_333, vatRate: 22 },
      { quantity: '1', priceKopecks: 10_000, vatRate: 10 },
    ];
    const doc = documentMoney(lines, 'on_top');
    // 33.33 × 22 % = 7.3326 → 7.33 per line, three times = 21.99 (not 22.00 from 99.99 × 22 %).
    expect(doc.vatKopecks).toBe(3 * 733 + 1_000);
    expect(doc.totalKopecks).toBe(doc.lines.reduce((s, l) => s + l.totalKopecks, 0));
    expect(doc.vatByRate).toEqual([
      { rate: 22, netKopecks: 9_999, vatKopecks: 2_199 },
      { rate: 10, netKopecks: 10_000, vatKopecks: 1_000 },
    ]);
  });

  it('keeps every kopeck past 2^53 on the way and refuses a total that does not fit', () => {
    // 1 000 000 × 9 007 199 254 740.991 ₽ would be a float's guess; it is refused instead.
    expect(() =>
      lineMoney(
        { quantity: '1000000', priceKopecks: Number.MAX_SAFE_INTEGER, vatRate: 0 },
        'on_top',
      ),
    ).toThrow(RangeError);
    const big = lineMoney(
      { quantity: '0.001', priceKopecks: 9_007_199_254_740_991, vatRate: 0 },
      'on_top',
    );
    expect(big.totalKopecks).toBe(9_007_199_254_741);
  });

  it('refuses a negative or malformed quantity, a discount above the line, a fractional price', () => {
    expect(() => quantityMilli('-1')).toThrow(RangeError);
    expect(() => quantityMilli('1.2345')).toThrow(RangeError);
    expect(() => quantityMilli('1e3')).toThrow(RangeError);
    expect(() =>
      lineMoney(
        {
          quantity: '1',
          priceKopecks: 100,
          discount: { kind: 'amount', kopecks: 101 },
          vatRate: 0,
        },
        'on_top',
      ),
    ).toThrow(/discount/);
    expect(() =>
      lineMoney(
        {
          quantity: '1',
          priceKopecks: 100,
          discount: { kind: 'percent', value: '100.5' },
          vatRate: 0,
        },
        'on_top',
      ),
    ).toThrow(/percent/);
    expect(() => lineMoney({ quantity: '1', priceKopecks: 10.5, vatRate: 0 }, 'on_top')).toThrow(
      /kopecks/,
    );
  });
});
