import { afterEach, describe, expect, it } from 'vitest';
import { defaultFileLimits, setFileLimits } from '../../platform/files/limits.js';
import { lyingAboutSize, manyEntries, xlsxBomb } from '../../platform/files/test-bombs.js';
import {
  docxPlaceholders,
  fillDocxTemplate,
  TemplateError,
  validateDocxTemplate,
} from './service.js';
import { buildDocx, docxText } from './test-docx.js';
import { invoice245 } from './test-snapshots.js';

const TEMPLATE = [
  '{title} № {number} от {date}',
  'Поставщик: {seller.name}, ИНН {seller.inn}, КПП {seller.kpp}, р/с {seller.settlementAccount}',
  'Покупатель: {buyer.name}, ИНН {buyer.inn}',
  '{#lines}',
  '{position}. {name} — {quantity} {unit} × {price} = {sum}',
  '{/lines}',
  '{#vatPayer}{vatLabel}{/vatPayer}{^vatPayer}Без налога (НДС){/vatPayer}',
  'Итого: {total} ({totalInWords})',
  'Руководитель {seller.director.name}',
];

function refusal(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TemplateError);
    return err as TemplateError;
  }
  throw new Error('expected a TemplateError');
}

describe('fillDocxTemplate', () => {
  it('fills placeholders, the lines loop and the VAT condition; the result opens as a DOCX', () => {
    const text = docxText(fillDocxTemplate(buildDocx(TEMPLATE), invoice245));
    expect(text).toContain('Счёт на оплату № 245 от 1 декабря 2026 г.');
    expect(text).toContain('Поставщик: ООО «Ромашка-Софт», ИНН 7704123450, КПП 770401001');
    expect(text).toContain('р/с 40702810500000012345');
    expect(text).toContain('Покупатель: ООО «Вектор», ИНН 5003123458');
    // A paragraph loop: one paragraph per line, the loop's own paragraphs gone.
    expect(text).toContain(
      'Покупатель: ООО «Вектор», ИНН 5003123458\n' +
        '1. Лицензия CRM «Воронка», тариф «Команда», 12 мес. — 2 шт × 11\u00a0950,00 = 23\u00a0900,00\n' +
        '2. Внедрение и обучение персонала — 4 ч × 2\u00a0750,00 = 11\u00a0000,00\n' +
        'В том числе НДС',
    );
    expect(text).toContain('В том числе НДС (22 %): 6\u00a0293,45');
    expect(text).not.toContain('Без налога');
    expect(text).toContain(
      'Итого: 34\u00a0900,00 (Тридцать четыре тысячи девятьсот рублей 00 копеек)',
    );
    expect(text).toContain('Руководитель Петров П. П.');
    expect(text).not.toMatch(/[{}]/);
  });

  it('takes the other branch of a condition for a seller without VAT', () => {
    const noVat = { ...invoice245, seller: { ...invoice245.seller, vatPayer: false } };
    const text = docxText(fillDocxTemplate(buildDocx(TEMPLATE), noVat));
    expect(text).toContain('Без налога (НДС)');
    expect(text).not.toContain('В том числе НДС');
  });

  it('refuses unknown placeholders, naming each, and a line field used outside the loop', () => {
    const err = refusal(() =>
      fillDocxTemplate(buildDocx(['{number} {seller.iban} {#lines}{colour}{/lines}']), invoice245),
    );
    expect(err.reason).toBe('unknown_placeholder');
    expect(err.code).toBe('template.invalid');
    expect(err.placeholders).toEqual(['colour', 'seller.iban']);
    expect(err.field).toBe('colour');
    expect(err.message).toContain('{seller.iban}');

    const outside = refusal(() => fillDocxTemplate(buildDocx(['Цена: {price}']), invoice245));
    expect(outside.reason).toBe('unknown_placeholder');
    expect(outside.placeholders).toEqual(['price']);
  });

  it('reads no object internals: constructor, __proto__ and prototype paths are refused', () => {
    for (const tag of ['constructor', '__proto__', 'lines.constructor', 'seller.name.prototype']) {
      const err = refusal(() => fillDocxTemplate(buildDocx([`x{${tag}}x`]), invoice245));
      expect(err.reason).toBe('forbidden_placeholder');
      expect(err.placeholders).toEqual([tag]);
    }
    // Inside a loop too, where the scope is a line object.
    const err = refusal(() =>
      fillDocxTemplate(buildDocx(['{#lines}{constructor}{toString}{/lines}']), invoice245),
    );
    expect(err.reason).toBe('forbidden_placeholder');
    // And a name that exists on Object.prototype but not in our data is simply unknown.
    const proto = refusal(() =>
      fillDocxTemplate(buildDocx(['{toString}{hasOwnProperty}']), invoice245),
    );
    expect(proto.reason).toBe('unknown_placeholder');
  });

  it('refuses a file that is not a DOCX, broken XML and broken tags', () => {
    expect(
      refusal(() => fillDocxTemplate(Buffer.from('%PDF-1.7 not a zip'), invoice245)).reason,
    ).toBe('not_docx');
    const broken = buildDocx([], '<?xml version="1.0"?><w:document><w:body><w:p><w:t>{number}');
    const xml = refusal(() => fillDocxTemplate(broken, invoice245));
    expect(xml.reason).toBe('broken_xml');
    expect(xml.message).toContain('word/document.xml');
    const unclosed = refusal(() => fillDocxTemplate(buildDocx(['{number']), invoice245));
    expect(unclosed.reason).toBe('syntax');
    expect(unclosed.code).toBe('template.invalid');
  });
});

describe('the ZIP inside a template', () => {
  afterEach(() => setFileLimits(defaultFileLimits));

  it('refuses a file over the size limit before opening it', () => {
    const err = refusal(() => fillDocxTemplate(Buffer.alloc(11 * 1024 * 1024), invoice245));
    expect(err.reason).toBe('too_large');
    expect(err.code).toBe('file.too_large');
  });

  it('refuses a zip bomb that tells the truth, without inflating it', async () => {
    setFileLimits({ ...defaultFileLimits, maxUncompressedBytes: 8 * 1024 * 1024 });
    const bomb = await xlsxBomb(32 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const err = refusal(() => fillDocxTemplate(bomb, invoice245));
    expect(err.reason).toBe('zip_bomb');
  });

  it('refuses a bomb whose directory lies about its size, inflating only up to the claim', async () => {
    const bomb = lyingAboutSize(await xlsxBomb(16 * 1024 * 1024), 'xl/worksheets/sheet1.xml', 2000);
    const rssBefore = process.memoryUsage().rss;
    expect(refusal(() => fillDocxTemplate(bomb, invoice245)).reason).toBe('zip_bomb');
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses an archive of too many entries', async () => {
    setFileLimits({ ...defaultFileLimits, maxArchiveEntries: 50 });
    const zip = await manyEntries(60);
    expect(refusal(() => fillDocxTemplate(zip, invoice245)).reason).toBe('zip_bomb');
  });
});

describe('validateDocxTemplate', () => {
  it('lists the placeholders a good template uses', () => {
    expect(validateDocxTemplate(buildDocx(TEMPLATE)).placeholders).toEqual(
      expect.arrayContaining(['number', 'seller.inn', 'lines', 'name', 'vatPayer', 'totalInWords']),
    );
  });

  it('finds a misplaced line field even though the sample has lines', () => {
    expect(refusal(() => validateDocxTemplate(buildDocx(['{quantity}']))).placeholders).toEqual([
      'quantity',
    ]);
  });

  it('documents every placeholder it accepts', () => {
    const names = docxPlaceholders.map((p) => p.name);
    expect(names).toEqual(
      expect.arrayContaining([
        'seller.name',
        'buyer.inn',
        'number',
        'date',
        'totalInWords',
        'lines[].name',
      ]),
    );
    expect(new Set(names).size).toBe(names.length);
    for (const p of docxPlaceholders) expect(p.description).not.toBe('');
  });
});
