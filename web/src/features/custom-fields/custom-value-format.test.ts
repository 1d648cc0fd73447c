import { describe, expect, it } from 'vitest';
import { formatCustomValue } from './custom-value-format';

const words = { yes: 'Да', no: 'Нет' };

describe('formatCustomValue', () => {
  it('shows kopecks as roubles', () => {
    expect(formatCustomValue({ type: 'money' }, 15000050, words).replace(/\s/g, ' ')).toBe(
      '150 000,50 ₽',
    );
  });
  it('joins a multiselect and says yes or no for a boolean', () => {
    expect(formatCustomValue({ type: 'multiselect' }, ['доставка', 'монтаж'], words)).toBe(
      'доставка, монтаж',
    );
    expect(formatCustomValue({ type: 'boolean' }, false, words)).toBe('Нет');
  });
  it('is empty for a missing value', () => {
    expect(formatCustomValue({ type: 'text' }, undefined, words)).toBe('');
  });
});
