import { describe, expect, it } from 'vitest';
import { formatPhone } from './contact-format';

describe('formatPhone', () => {
  it('groups Russian numbers the way people write them', () =>
    expect(formatPhone('+79123456789')).toBe('+7 912 345-67-89'));
  it('leaves foreign numbers in E.164', () =>
    expect(formatPhone('+442079460958')).toBe('+442079460958'));
});
