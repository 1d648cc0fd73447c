import { describe, expect, it } from 'vitest';
import { parseMoney, splitName } from './lead-format';

describe('parseMoney', () => {
  it('reads roubles with a comma or a dot and spaces between thousands', () => {
    expect(parseMoney('1 234,50')).toBe(123450);
    expect(parseMoney('1234.5')).toBe(123450);
    expect(parseMoney('480000')).toBe(48000000);
  });
  it('refuses what is not an amount', () => {
    expect(parseMoney('')).toBeNull();
    expect(parseMoney('12,345')).toBeNull();
    expect(parseMoney('-5')).toBeNull();
    expect(parseMoney('пять')).toBeNull();
  });
});

describe('splitName', () => {
  it('takes the first word as the first name', () => {
    expect(splitName('Анна Смирнова')).toEqual({ firstName: 'Анна', lastName: 'Смирнова' });
    expect(splitName('Олег')).toEqual({ firstName: 'Олег', lastName: '' });
    expect(splitName(null)).toEqual({ firstName: '', lastName: '' });
  });
});
