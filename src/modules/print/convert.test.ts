import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { convertDocxToPdf, fillDocxTemplate } from './service.js';
import { buildDocx } from './test-docx.js';
import { pdfText } from './test-tools.js';
import { invoice245 } from './test-snapshots.js';

// LibreOffice itself (CI installs libreoffice-writer-nogui); the test is skipped only where soffice
// is not installed, and says so in its name.
const hasSoffice = (() => {
  try {
    execFileSync('which', ['soffice']);
    return true;
  } catch {
    return false;
  }
})();

describe('convertDocxToPdf', () => {
  it.skipIf(!hasSoffice)(
    `turns a filled template into a PDF with the values${hasSoffice ? '' : ' (skipped: soffice is not installed)'}`,
    async () => {
      const docx = fillDocxTemplate(
        buildDocx([
          '{title} № {number} от {date}',
          'Покупатель: {buyer.name}, ИНН {buyer.inn}',
          '{#lines}',
          '{position}. {name}: {sum}',
          '{/lines}',
          'Итого: {total}. {totalInWords}',
        ]),
        invoice245,
      );
      const pdf = await convertDocxToPdf(docx);
      expect(pdf).not.toBeNull();
      expect(pdf!.subarray(0, 5).toString()).toBe('%PDF-');
      const text = pdfText(pdf!);
      expect(text).toContain('Счёт на оплату № 245 от 1 декабря 2026 г.');
      expect(text).toContain('Покупатель: ООО «Вектор», ИНН 5003123458');
      expect(text).toMatch(/^1\. Лицензия CRM «Воронка», тариф «Команда», 12 мес\.: 23 900,00$/m);
      expect(text).toMatch(/^2\. Внедрение и обучение персонала: 11 000,00$/m);
      expect(text).toContain('Итого: 34 900,00. Тридцать четыре тысячи девятьсот рублей 00 копеек');
    },
    90_000,
  );

  it('returns null when LibreOffice is not on the PATH', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(await convertDocxToPdf(Buffer.from('x'))).toBeNull();
    } finally {
      process.env.PATH = path;
    }
  });
});
