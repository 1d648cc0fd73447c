import { describe, expect, it } from 'vitest';
import { defaultPhoneRegion, normalizePhone, toE164 } from './phones.js';

describe('phone normalisation', () => {
  it.each([
    ['8 (912) 345-67-89', '+79123456789'],
    ['+7 912 345 67 89', '+79123456789'],
    ['89123456789', '+79123456789'],
    ['7-912-345-67-89', '+79123456789'],
    ['+7(912)3456789', '+79123456789'],
    ['8-912-345-67-89', '+79123456789'],
    ['9123456789', '+79123456789'],
    ['  +7 (912) 345-67-89  ', '+79123456789'],
    ['(495) 123-45-67', '+74951234567'],
    ['8 495 123 45 67', '+74951234567'],
    ['+7 (812) 312-34-56', '+78123123456'],
    ['8 800 555-35-35', '+78005553535'],
    ['+7 912 345-67-89 доб. 12', '+79123456789'],
  ])('reads the Russian number %j as %s', (input, e164) => expect(toE164(input, 'RU')).toBe(e164));

  it.each([
    ['+44 20 7946 0958', '+442079460958'],
    ['+1 (212) 555-0123', '+12125550123'],
    ['+375 29 123-45-67', '+375291234567'],
    ['+49 30 901820', '+4930901820'],
  ])('reads the foreign number %j whatever the default region', (input, e164) => {
    expect(toE164(input, 'RU')).toBe(e164);
    expect(toE164(input, undefined)).toBe(e164);
  });

  it.each([
    '',
    'abc',
    '123',
    '8 912',
    '+7 912 345',
    '+7 000 000-00-00',
    '++79123456789x',
    'позвоните мне',
  ])('refuses %j', (input) => expect(toE164(input, 'RU')).toBeNull());

  it('needs an international prefix when the workspace has no default region', () => {
    expect(toE164('8 (912) 345-67-89', undefined)).toBeNull();
    expect(toE164('+7 912 345 67 89', undefined)).toBe('+79123456789');
  });

  it('takes Russia for Russian-speaking workspaces and no region for English-speaking ones', () => {
    expect(defaultPhoneRegion('ru')).toBe('RU');
    expect(defaultPhoneRegion('en')).toBeUndefined();
  });

  it('names the field of a wrong number', () => {
    expect(() => normalizePhone('12', 'RU', 'phones.1.number')).toThrow(
      expect.objectContaining({ code: 'contact.invalid_phone', field: 'phones.1.number' }),
    );
  });
});
