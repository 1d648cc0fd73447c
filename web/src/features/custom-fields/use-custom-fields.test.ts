import { describe, expect, it } from 'vitest';
import { keyFromLabel } from './use-custom-fields';

describe('keyFromLabel', () => {
  it('transliterates a Russian label into a field key', () => {
    expect(keyFromLabel('Срок поставки')).toBe('srok_postavki');
    expect(keyFromLabel('Бюджет, ₽')).toBe('byudzhet');
  });
  it('starts with a letter', () => {
    expect(keyFromLabel('1С код')).toBe('s_kod');
    expect(keyFromLabel('123')).toBe('');
  });
});
