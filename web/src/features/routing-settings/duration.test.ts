import { beforeEach, describe, expect, it } from 'vitest';
import { i18n, setLanguage } from '../../lib/i18n';
import { entryFromSeconds, formatSeconds, secondsFromEntry } from './duration';

describe('SLA response time entry', () => {
  beforeEach(() => setLanguage('ru'));

  it('converts a number and a unit to seconds', () => {
    expect(secondsFromEntry(30, 'seconds')).toBe(30);
    expect(secondsFromEntry(5, 'minutes')).toBe(300);
    expect(secondsFromEntry(2, 'hours')).toBe(7200);
    expect(secondsFromEntry('1,5', 'hours')).toBe(5400);
  });

  it('refuses zero, negative and non-numbers', () => {
    expect(secondsFromEntry(0, 'minutes')).toBeNull();
    expect(secondsFromEntry(-1, 'hours')).toBeNull();
    expect(secondsFromEntry('', 'minutes')).toBeNull();
  });

  it('shows stored seconds in the largest unit that divides them', () => {
    expect(entryFromSeconds(3600)).toEqual({ value: 1, unit: 'hours' });
    expect(entryFromSeconds(5400)).toEqual({ value: 90, unit: 'minutes' });
    expect(entryFromSeconds(45)).toEqual({ value: 45, unit: 'seconds' });
  });

  it('reads durations humanly', async () => {
    expect(formatSeconds(300, i18n.t)).toBe('5 мин');
    expect(formatSeconds(3600, i18n.t)).toBe('1 ч');
    expect(formatSeconds(5400, i18n.t)).toBe('1 ч 30 мин');
    expect(formatSeconds(45, i18n.t)).toBe('45 с');
    await setLanguage('en');
    expect(formatSeconds(90_000, i18n.t)).toBe('1 d 1 h');
  });
});
