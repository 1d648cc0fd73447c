import { afterEach, describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatLongDay,
  formatMoney,
  formatMoneyInput,
  formatPercent,
  formatShortDate,
  formatWhen,
} from './format';
import { setLanguage } from './i18n';
import { parseMoney } from './money';
import { formatCustomValue } from '../features/custom-fields/custom-value-format';

// Dates and money follow the UI language, whatever the browser's locale: no mm/dd/yyyy in Russian
// (nor in English: day before month), no Russian money format in English.
const sp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const at = new Date(2026, 11, 3, 14, 5); // 3 December 2026, 14:05 local

afterEach(async () => setLanguage('ru'));

describe('format', () => {
  it('writes dates the Russian way in Russian', async () => {
    await setLanguage('ru');
    expect(formatShortDate(at)).toBe('03.12.2026');
    expect(sp(formatDate(at))).toBe('3 дек. 2026 г.');
    expect(sp(formatDateTime(at))).toBe('3 дек. 2026 г., 14:05');
    expect(formatLongDay(at)).toBe('четверг, 3 декабря');
    expect(formatShortDate('2026-12-03')).toBe('03.12.2026');
  });

  it('writes dates day first with a 24-hour clock in English, never mm/dd/yyyy', async () => {
    await setLanguage('en');
    expect(formatShortDate(at)).toBe('03/12/2026');
    expect(sp(formatDate(at))).toBe('3 Dec 2026');
    expect(sp(formatDateTime(at))).toBe('3 Dec 2026, 14:05');
    expect(formatLongDay(at)).toBe('Thursday 3 December');
    expect(sp(formatWhen(at, new Date(2026, 11, 5)))).toBe('3 Dec, 14:05');
  });

  it('writes money in the UI language: "1 234,50 ₽" in Russian, "RUB 1,234.50" in English', async () => {
    await setLanguage('ru');
    expect(sp(formatMoney(123_450))).toBe('1 234,50 ₽');
    expect(sp(formatCustomValue({ type: 'money' }, 123_450, { yes: 'Да', no: 'Нет' }))).toBe(
      '1 234,50 ₽',
    );
    expect(formatMoneyInput(123_450)).toBe('1234,50');
    expect(sp(formatPercent(0.125))).toBe('12,5 %');
    await setLanguage('en');
    expect(sp(formatMoney(123_450))).toBe('RUB 1,234.50');
    expect(sp(formatMoney('18000000000000001'))).toBe('RUB 180,000,000,000,000.01');
    expect(sp(formatCustomValue({ type: 'money' }, 123_450, { yes: 'Yes', no: 'No' }))).toBe(
      'RUB 1,234.50',
    );
    expect(formatMoneyInput(123_450)).toBe('1234.50');
    expect(formatPercent(0.125)).toBe('12.5%');
  });

  it('reads typed amounts by the UI language: a comma groups thousands in English', async () => {
    await setLanguage('en');
    expect(parseMoney('1,234.50')).toBe(123_450);
    expect(parseMoney('1234.5')).toBe(123_450);
    await setLanguage('ru');
    expect(parseMoney('1 234,50')).toBe(123_450);
  });
});

// Every date and money on screen goes through lib/format.ts: no other file builds an Intl date or
// number format, or calls toLocale*String (which would follow the browser, not the UI language).
describe('one formatter', () => {
  const sources = import.meta.glob<string>(
    ['../**/*.ts', '../**/*.tsx', '!../**/*.test.ts', '!../**/*.test.tsx', '!./format.ts'],
    { eager: true, query: '?raw', import: 'default' },
  );
  it('is the only place that formats dates, numbers and money', () => {
    const offenders = Object.entries(sources)
      .filter(([, text]) =>
        /new Intl\.(DateTimeFormat|NumberFormat)\((?!'en', \{ timeZone)|\.toLocale(Date|Time)?String\(/.test(
          text,
        ),
      )
      .map(([file]) => file);
    expect(offenders).toEqual([]);
  });
});
