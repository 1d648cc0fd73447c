import { isOriginAllowed, normaliseFormDomain, type FormField } from '@voronka/contract';
import { describe, expect, it } from 'vitest';
import { clientOf, composeMessage, readSubmission } from './rules.js';

const field = (over: Partial<FormField> & Pick<FormField, 'key' | 'type'>): FormField => ({
  label: over.key,
  required: false,
  options: [],
  ...over,
});
const buildForm = (fields: FormField[], consentText: string | null = null) => ({
  fields,
  consentText,
});

describe('readSubmission', () => {
  const form = buildForm(
    [
      field({ key: 'name', type: 'text', label: 'Имя', required: true }),
      field({ key: 'phone', type: 'phone', required: true }),
      field({ key: 'agree', type: 'checkbox', required: true }),
    ],
    'Согласие',
  );

  it('names every field that is missing or wrong, and consent', () => {
    const r = readSubmission(form, { phone: 'abc' }, {});
    expect(r).toEqual({
      ok: false,
      errors: [
        { field: 'name', reason: 'required' },
        { field: 'phone', reason: 'not a phone number' },
        { field: 'agree', reason: 'must be checked' },
        { field: 'consent', reason: expect.stringContaining('consent') },
      ],
    });
  });

  it('takes a phone only when it is a whole number that can be dialled (issue 11: "8 912 000" was accepted)', () => {
    const ok = { name: 'И', agree: true, consent: true };
    for (const bad of [
      '8 912 000',
      '12345',
      '+7 912 345',
      '8 (912) 345-67-89-00',
      '+7 912 abc 67 89',
    ])
      expect(readSubmission(form, { ...ok, phone: bad }, {}), bad).toEqual({
        ok: false,
        errors: [{ field: 'phone', reason: 'not a phone number' }],
      });
    for (const good of [
      '8 (912) 345-67-89',
      '+7 912 345 67 89',
      '89123456789',
      '(495) 123-45-67',
      '+44 20 7946 0958',
    ])
      expect(readSubmission(form, { ...ok, phone: good }, {}).ok, good).toBe(true);
  });

  it('reads url-encoded checkboxes and repeated names', () => {
    const r = readSubmission(
      form,
      { name: ['', 'Иван'], phone: '+7 (912) 345-67-89', agree: 'on', consent: 'on' },
      {},
    );
    expect(r.ok && r.submission.values.map((v) => v.value)).toEqual([
      'Иван',
      '+7 (912) 345-67-89',
      true,
    ]);
  });

  it('takes UTM from the body first, then from the page address; the page falls back to Referer', () => {
    const ok = { name: 'И', phone: '+7 912 345-67-89', agree: true, consent: true };
    const a = readSubmission(
      form,
      { ...ok, utm_source: 'vk', page_url: 'https://a.ru/?utm_source=ya&utm_medium=cpc' },
      {},
    );
    expect(a.ok && a.submission.utm).toEqual({ utm_source: 'vk', utm_medium: 'cpc' });
    const b = readSubmission(form, ok, { referer: 'https://a.ru/p?utm_campaign=x' });
    expect(b.ok && [b.submission.pageUrl, b.submission.utm]).toEqual([
      'https://a.ru/p?utm_campaign=x',
      { utm_campaign: 'x' },
    ]);
    const c = readSubmission(form, { ...ok, page_url: 'javascript:alert(1)' }, {});
    expect(c.ok && c.submission.pageUrl).toBeNull();
  });

  it('prefers the Idempotency-Key header to the widget token', () => {
    const ok = { name: 'И', phone: '+7 912 345-67-89', agree: true, consent: true, _token: 'body' };
    expect(readSubmission(form, ok, { idempotencyKey: 'header' })).toMatchObject({
      submission: { token: 'header' },
    });
    expect(readSubmission(form, ok, {})).toMatchObject({ submission: { token: 'body' } });
  });

  it('marks a filled honeypot as spam even when the rest is invalid', () => {
    expect(readSubmission(form, { _gotcha: 'x' }, {})).toMatchObject({
      ok: true,
      submission: { isSpam: true },
    });
  });
});

describe('clientOf and composeMessage', () => {
  it('finds the name, phone and e-mail fields and lists every answer under its label', () => {
    const values = [
      { field: field({ key: 'fio', type: 'text', label: 'ФИО' }), value: 'Анна' },
      { field: field({ key: 'tel', type: 'phone', label: 'Телефон' }), value: '+79120000000' },
      { field: field({ key: 'mail', type: 'email', label: 'Почта' }), value: 'a@b.ru' },
      { field: field({ key: 'news', type: 'checkbox', label: 'Новости' }), value: true as const },
    ];
    expect(clientOf(values)).toEqual({ name: 'Анна', phone: '+79120000000', email: 'a@b.ru' });
    expect(composeMessage(values, 'https://a.ru/')).toBe(
      'ФИО: Анна\nТелефон: +79120000000\nПочта: a@b.ru\nНовости: ✓\nhttps://a.ru/',
    );
  });
});

describe('allowed domains', () => {
  it('normalises what people type, refuses what is not a site', () => {
    expect(normaliseFormDomain(' Shop.Example.RU/ ')).toBe('shop.example.ru');
    expect(normaliseFormDomain('https://Example.ru')).toBe('https://example.ru');
    expect(normaliseFormDomain('*.example.ru')).toBe('*.example.ru');
    expect(normaliseFormDomain('localhost:8080')).toBe('localhost:8080');
    expect(normaliseFormDomain('пример.рф')).toBe('xn--e1afmkfd.xn--p1ai');
    for (const bad of ['example.ru/path', 'https://*.example.ru', 'a b.ru', 'ftp://x.ru', ''])
      expect(normaliseFormDomain(bad)).toBeNull();
  });

  it('matches an Origin header by host, any subdomain, or exact origin', () => {
    expect(isOriginAllowed('https://example.ru', ['example.ru'])).toBe(true);
    expect(isOriginAllowed('http://example.ru:8080', ['example.ru'])).toBe(true);
    expect(isOriginAllowed('https://www.example.ru', ['example.ru'])).toBe(false);
    expect(isOriginAllowed('https://www.example.ru', ['*.example.ru'])).toBe(true);
    expect(isOriginAllowed('https://example.ru', ['*.example.ru'])).toBe(false);
    expect(isOriginAllowed('https://evilexample.ru', ['*.example.ru'])).toBe(false);
    expect(isOriginAllowed('http://127.0.0.1:5000', ['127.0.0.1:5000'])).toBe(true);
    expect(isOriginAllowed('http://127.0.0.1:5001', ['127.0.0.1:5000'])).toBe(false);
    expect(isOriginAllowed('http://example.ru', ['https://example.ru'])).toBe(false);
    expect(isOriginAllowed('null', ['example.ru'])).toBe(false);
  });
});
