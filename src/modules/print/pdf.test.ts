import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  renderDocumentPdf,
  renderPriceListPdf,
  renderPriceListXlsx,
  paymentQrPayload,
} from './service.js';
import { pdfPages, pdfText, scanQr } from './test-tools.js';
import { asType, invoice245, longInvoice, priceList } from './test-snapshots.js';

// Every layout rendered for real and read back with pdftotext (spaces normalised: ru-RU groups
// digits with no-break spaces).

const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe('the invoice (счёт на оплату)', () => {
  it('prints the bank block, both parties, every line, the totals and the amount in words', async () => {
    const pdf = await renderDocumentPdf(invoice245, {
      logo: { mime: 'image/png', data: PNG_1PX },
      stamp: { mime: 'image/png', data: PNG_1PX },
      signature: { mime: 'image/png', data: PNG_1PX },
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf);
    for (const s of [
      'АО «ТЕСТ-БАНК»',
      'БИК 044525987',
      'Сч. № 30101810145250000987',
      'ИНН 7704123450 КПП 770401001 Сч. № 40702810500000012345',
      'Счёт на оплату № 245 от 1 декабря 2026 г.',
      'ООО «Ромашка-Софт», ИНН 7704123450, КПП 770401001',
      'ООО «Вектор», ИНН 5003123458, КПП 500301001',
      'Основание: Договор № 7 от 01.11.2026',
      '1 Лицензия CRM «Воронка», тариф «Команда», 12 мес. 2 шт 11 950,00 23 900,00',
      '2 Внедрение и обучение персонала 4 ч 2 750,00 11 000,00',
      'Итого: 34 900,00',
      'В том числе НДС (22 %): 6 293,45',
      'Всего к оплате: 34 900,00',
      'Всего наименований 2, на сумму 34 900,00 руб.',
      'Тридцать четыре тысячи девятьсот рублей 00 копеек',
      'Оплатить не позднее 10 декабря 2026 г.',
      'Руководитель Генеральный директор _______________________ /Петров П. П./',
      'Бухгалтер Главный бухгалтер _______________________ /Сидорова С. С./',
    ]) {
      expect(text).toContain(s);
    }
  });

  it('carries the payment QR code, which scans back to the payload', async () => {
    const pdf = await renderDocumentPdf(invoice245);
    expect(scanQr(pdf, 'pdf')).toBe(paymentQrPayload(invoice245));
  });

  it('says «Без НДС» for a seller without VAT and adds VAT on top with «НДС», not «в том числе»', async () => {
    const noVat = pdfText(
      await renderDocumentPdf({
        ...invoice245,
        seller: { ...invoice245.seller, vatPayer: false, bank: null },
      }),
    );
    expect(noVat).toContain('Без НДС —');
    expect(noVat).not.toContain('В том числе НДС');
    const onTop = pdfText(await renderDocumentPdf({ ...invoice245, vatMode: 'on_top' }));
    expect(onTop).toContain('Итого: 28 606,55');
    expect(onTop).toMatch(/^НДС \(22 %\): 6 293,45$/m);
  });

  it('is signed once, by «Предприниматель», when the seller is an individual entrepreneur', async () => {
    const director = {
      name: 'Иванов И. И.',
      position: 'Индивидуальный предприниматель',
      basis: null,
    };
    const seller = {
      ...invoice245.seller,
      name: 'ИП Иванов И. И.',
      inn: '771234567859',
      kpp: null,
      director,
      accountant: null,
    };
    const text = pdfText(await renderDocumentPdf({ ...invoice245, seller }));
    expect(text).toMatch(/^Предприниматель .*_{10,} \/Иванов И\. И\.\/$/m);
    expect(text).not.toContain('Бухгалтер');
    expect(text).toContain('ИНН 771234567859 КПП Сч. № 40702810500000012345');
  });

  it('renders 100 lines over several pages with the table header repeated', async () => {
    const pdf = await renderDocumentPdf(longInvoice(100));
    const text = pdfText(pdf);
    expect(pdfPages(pdf)).toBeGreaterThan(1);
    expect(text).toContain(
      '100 Позиция каталога № 100: кабель-канал 40×25 мм, белый 1 шт 100,00 100,00',
    );
    expect(text).toContain('Всего наименований 100, на сумму 10 000,00 руб.');
    expect(text).toContain('Десять тысяч рублей 00 копеек');
    expect(text.match(/Товары \(работы, услуги\)/g)!.length).toBe(pdfPages(pdf));
  });
});

describe('the other layouts', () => {
  it('quote: title, lines, totals, validity and notes', async () => {
    const text = pdfText(await renderDocumentPdf(asType('quote')));
    expect(text).toContain('Коммерческое предложение № 245 от 1 декабря 2026 г.');
    expect(text).toContain('Внедрение и обучение персонала');
    expect(text).toContain('Итого по предложению: 34 900,00');
    expect(text).toContain('Предложение действительно до 10 декабря 2026 г.');
    expect(text).toContain('Срок поставки — 5 рабочих дней с момента оплаты.');
  });

  it('act: «Акт», parties, totals, amount in words and the no-claims statement', async () => {
    const text = pdfText(await renderDocumentPdf(asType('act')));
    expect(text).toContain('Акт об оказании услуг (выполнении работ) № 245 от 1 декабря 2026 г.');
    expect(text).toContain('Исполнитель: ООО «Ромашка-Софт»');
    expect(text).toContain('Заказчик: ООО «Вектор»');
    expect(text).toContain('Всего оказано услуг 2, на сумму 34 900,00 руб.');
    expect(text).toContain('Тридцать четыре тысячи девятьсот рублей 00 копеек');
    expect(text).toContain('претензий по');
  });

  it('ТОРГ-12: the form code, title, OKEI codes, net price and the totals row', async () => {
    const pdf = await renderDocumentPdf(asType('torg12'));
    const text = pdfText(pdf);
    expect(text).toContain('Унифицированная форма № ТОРГ-12');
    expect(text).toContain('Форма по ОКУД 0330212');
    expect(text).toMatch(/ТОВАРНАЯ НАКЛАДНАЯ 245 01\.12\.2026/);
    expect(text).toMatch(/шт 796 .* 2 9 795,08 19 590,16 22% 4 309,84 23 900,00/);
    expect(text).toMatch(/ч 356 .* 4 2 254,10 9 016,39 22% 1 983,61 11 000,00/);
    expect(text).toContain('Всего по накладной 6 28 606,55 Х 6 293,45 34 900,00');
    const box = execBox(pdf);
    expect(box.width).toBeGreaterThan(box.height); // landscape
  });

  it('УПД: title, status 1 or 2, the счёт-фактура lines and the transfer part', async () => {
    const one = pdfText(await renderDocumentPdf(asType('upd', { updStatus: 1 })));
    expect(one).toContain('Универсальный');
    expect(one).toContain('передаточный документ');
    expect(one).toMatch(/Статус: 1/);
    expect(one).toContain('Счёт-фактура № 245 от 1 декабря 2026 г. (1)');
    expect(one).toContain('ИНН/КПП продавца 7704123450/770401001 (2б)');
    expect(one).toContain('Российский рубль, 643');
    expect(one).toMatch(/796 шт 2 9 795,08 19 590,16 без акциза 22% 4 309,84 23 900,00/);
    expect(one).toContain('Всего к оплате 28 606,55 Х Х 6 293,45 34 900,00');
    expect(one).toContain(
      'Основание передачи (сдачи) / получения (приёмки): Договор № 7 от 01.11.2026',
    );
    const two = pdfText(
      await renderDocumentPdf(
        asType('upd', { updStatus: 2, seller: { ...invoice245.seller, vatPayer: false } }),
      ),
    );
    expect(two).toMatch(/Статус: 2/);
    expect(two).toContain('Всего к оплате 28 606,55 Х Х без НДС 34 900,00');
  });

  it('contract: title, parties, price in words and the specification', async () => {
    // Justified paragraphs wrap anywhere: read the text as one line.
    const text = pdfText(await renderDocumentPdf(asType('contract'))).replaceAll('\n', ' ');
    expect(text).toContain('Договор поставки № 245');
    expect(text).toContain(
      'от имени которого действует Генеральный директор Петров П. П. на основании',
    );
    expect(text).toContain('в том числе НДС 6 293,45 руб.');
    expect(text).toContain('Тридцать четыре тысячи девятьсот рублей 00 копеек');
    expect(text).toContain('Приложение № 1. Спецификация');
    expect(text).toContain('Итого по спецификации: 34 900,00');
  });
});

function execBox(pdf: Buffer): { width: number; height: number } {
  const m = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(pdf.toString('latin1'))!;
  return { width: Number(m[1]), height: Number(m[2]) };
}

describe('price lists', () => {
  it('PDF: name, period, VAT note and the items by category', async () => {
    const text = pdfText(await renderPriceListPdf(priceList));
    expect(text).toContain('Прайс-лист «Розница» 2026');
    expect(text).toContain(
      'Действует с 1 декабря 2026 г. по 31 декабря 2026 г.\nЦены указаны с учётом НДС',
    );
    expect(text).toContain('LIC-TEAM-12 Лицензия «Команда», 12 мес. шт 11 950,00 22%');
    expect(text).toContain('Прочее');
    expect(text).toContain('Книга «CRM без боли» шт 990,00 10%');
  });

  it('XLSX: prices are numbers in roubles, one row per item', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await renderPriceListXlsx(priceList)) as never);
    const sheet = book.worksheets[0]!;
    expect(sheet.getCell('A2').value).toBe('Прайс-лист «Розница» 2026');
    expect(sheet.getRow(5).values).toEqual([
      ,
      'Артикул',
      'Наименование',
      'Категория',
      'Ед.',
      'Цена, руб.',
      'НДС',
    ]);
    expect(sheet.getRow(6).values).toEqual([
      ,
      'LIC-TEAM-12',
      'Лицензия «Команда», 12 мес.',
      'Лицензии',
      'шт',
      11950,
      '22%',
    ]);
    expect(sheet.getRow(8).getCell(5).value).toBe(990);
    expect(sheet.rowCount).toBe(8);
  });
});
