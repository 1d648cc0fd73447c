import { beforeAll, describe, expect, it } from 'vitest';
import { checkCode } from './form-errors';
import { setLanguage } from './i18n';

describe('checkCode', () => {
  beforeAll(() => setLanguage('en'));

  it('accepts six digits, spaces typed between them dropped', () => {
    expect(checkCode({ code: '123 456' })).toEqual({ ok: true, data: '123456' });
  });

  it('refuses anything else with a message for the code field', () => {
    for (const code of ['', '12345', '1234567', '12a456']) {
      expect(checkCode({ code })).toEqual({ ok: false, errors: { code: 'Enter 6 digits' } });
    }
  });
});
