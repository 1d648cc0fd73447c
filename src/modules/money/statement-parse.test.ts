import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../platform/errors.js';
import { invoiceRefs } from './match.js';
import { directionOf, parseStatement } from './statement-parse.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const utf8 = fixture('statement-utf8.txt');
const text = utf8.toString('utf8');

function refusal(file: Buffer | string): { code: string; field?: string; message: string } {
  try {
    parseStatement(Buffer.isBuffer(file) ? file : Buffer.from(file));
  } catch (err) {
    if (err instanceof DomainError)
      return { code: err.code, field: err.field, message: err.message };
    throw err;
  }
  throw new Error('parsed');
}

describe('1CClientBankExchange parsing', () => {
  it('reads the same documents from the UTF-8 and the Windows-1251 file', () => {
    const a = parseStatement(utf8);
    const b = parseStatement(fixture('statement-cp1251.txt'));
    expect(a.encoding).toBe('utf-8');
    expect(b.encoding).toBe('windows-1251');
    expect(b.documents).toEqual(a.documents);
    expect(a.accounts).toEqual(['40702810438000060473']);
    expect(a.documents).toHaveLength(7);
    expect(a.documents[0]).toMatchObject({
      number: '318',
      date: '2026-12-02',
      amountKopecks: 3_490_000,
      payerInn: '5003123458',
      payerKpp: '500301001',
      payerName: 'ООО "Вектор"',
      purpose: 'Оплата по счету № 1 от 01.12.2026. В т.ч. НДС (22%) 6293,45 руб.',
    });
    // Split purpose lines join; an empty value stays empty.
    expect(a.documents[2]!.purpose).toBe('Оплата за товар Без налога (НДС)');
    expect(a.documents[1]!.payerKpp).toBeNull();
  });

  it('reads a DOS (CP866) file and strips a UTF-8 BOM', () => {
    const dos = iconv.encode(text.replace('Кодировка=Windows', 'Кодировка=DOS'), 'cp866');
    expect(parseStatement(dos).documents[0]!.payerName).toBe('ООО "Вектор"');
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8]);
    expect(parseStatement(bom).documents).toHaveLength(7);
  });

  it('tells incoming, outgoing and own transfers apart by the accounts', () => {
    const s = parseStatement(utf8);
    const ours = new Set(s.accounts);
    expect(s.documents.map((d) => directionOf(d, ours))).toEqual([
      'in',
      'in',
      'in',
      'in',
      'in',
      'out',
      'own',
    ]);
  });

  it.each([
    ['UTF-16', iconv.encode(text, 'utf-16le'), 'bank_statement.unreadable', 'line 1'],
    [
      'a KOI8-R file',
      iconv.encode(text.replace('Кодировка=Windows', 'Кодировка=KOI8-R'), 'koi8-r'),
      'bank_statement.unreadable',
      'line 1',
    ],
    [
      'a declared encoding it cannot read',
      iconv.encode(text.replace('Кодировка=Windows', 'Кодировка=KOI8-R'), 'win1251'),
      'bank_statement.unreadable',
      'line 3',
    ],
    [
      'a file cut short',
      text.slice(0, text.indexOf('Номер=55')),
      'bank_statement.invalid',
      'line 45',
    ],
    ['no end of file', text.replace('КонецФайла', ''), 'bank_statement.invalid', 'line 138'],
    [
      'an impossible date',
      text.replace('Дата=02.12.2026\r\nСумма=10000.00', 'Дата=31.02.2026\r\nСумма=10000.00'),
      'bank_statement.invalid',
      'line 47',
    ],
    [
      'a negative amount',
      text.replace('Сумма=5555.55', 'Сумма=-5555.55'),
      'bank_statement.invalid',
      'line 65',
    ],
    [
      'an amount with three decimals',
      text.replace('Сумма=123.45', 'Сумма=123.456'),
      'bank_statement.invalid',
      'line 97',
    ],
    [
      'a wrong closing balance',
      text.replace('КонечныйОстаток=91579.00', 'КонечныйОстаток=91579.01'),
      'bank_statement.invalid',
      'line 18',
    ],
  ])('refuses %s, naming the line', (_what, file, code, field) => {
    const r = refusal(file);
    expect(r.code).toBe(code);
    expect(r.field).toBe(field);
    expect(r.message.startsWith(`${field}:`)).toBe(true);
  });

  it('refuses the same bank document twice in one file, naming the second', () => {
    const doc = text.slice(
      text.indexOf('СекцияДокумент'),
      text.indexOf('СекцияДокумент=Платежное поручение\r\nНомер=55'),
    );
    const twice = text.replace(doc, doc + doc);
    const r = refusal(twice);
    expect(r.field).toBe('line 45');
    expect(r.message).toContain('line 20');
  });
});

describe('invoice references in the purpose', () => {
  it.each([
    ['Оплата по счету № 123 от 01.12.2026', [{ number: '123', date: '2026-12-01' }]],
    ['Оплата по счёту №45 от 1.2.26 за услуги', [{ number: '45', date: '2026-02-01' }]],
    ['Оплата по сч. 0077', [{ number: '77', date: null }]],
    [
      'Оплата по счетам № 5 от 01.12.2026 и счету № 6 от 02.12.2026',
      [{ number: '6', date: '2026-12-02' }],
    ],
    ['Счет на оплату №СЧ-00012 от 03.12.2026', [{ number: '12', date: '2026-12-03' }]],
    ['Предоплата по договору 15', []],
  ])('%s', (purpose, refs) => {
    expect(invoiceRefs(purpose)).toEqual(refs);
  });
});
