import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, detectEncoding, looksLikeXlsx, readTableRows } from './table-reader.js';

const all = async (gen: AsyncIterable<string[]>) => {
  const rows: string[][] = [];
  for await (const r of gen) rows.push(r);
  return rows;
};
// Windows-1251 for the Cyrillic letters А..я, ASCII otherwise.
const cp1251 = (s: string) =>
  Buffer.from(
    [...s].map((ch) =>
      ch >= 'А' && ch <= 'я' ? ch.charCodeAt(0) - 0x410 + 0xc0 : ch.charCodeAt(0),
    ),
  );

describe('reading uploaded tables', () => {
  it('picks the separator that occurs most outside quotes', () => {
    expect(detectDelimiter('ФИО;Телефон;"a,b,c"')).toBe(';');
    expect(detectDelimiter('name,phone')).toBe(',');
    expect(detectDelimiter('name\tphone')).toBe('\t');
    expect(detectDelimiter('name')).toBe(',');
  });

  it('reads UTF-8 with a BOM and Windows-1251 alike', async () => {
    expect(detectEncoding(Buffer.from('\uFEFFФИО'))).toBe('utf-8');
    expect(detectEncoding(cp1251('ФИО;Телефон'))).toBe('windows-1251');
    expect(
      await all(
        readTableRows(Buffer.from('\uFEFFФИО;Телефон\r\nАнна;"8 912; доб. 1"\r\n\r\n'), 'csv'),
      ),
    ).toEqual([
      ['ФИО', 'Телефон'],
      ['Анна', '8 912; доб. 1'],
    ]);
    expect(await all(readTableRows(cp1251('ФИО;Телефон\r\nОльга;+7\r\n'), 'csv'))).toEqual([
      ['ФИО', 'Телефон'],
      ['Ольга', '+7'],
    ]);
  });

  it('turns control characters in a cell (a NUL PostgreSQL cannot store) into spaces, keeping line breaks', async () => {
    expect(
      await all(
        readTableRows(
          Buffer.from('ФИО;Заметка\r\nАн\u0000на;"строка 1\nстрока\u0007 2"\r\n'),
          'csv',
        ),
      ),
    ).toEqual([
      ['ФИО', 'Заметка'],
      ['Ан на', 'строка 1\nстрока  2'],
    ]);
  });

  it('streams the first sheet of a workbook as strings, skipping empty rows', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Лист').addRows([
      ['Название', 'ИНН', 'Дата'],
      [],
      ['ООО «Ромашка»', 7707083893, new Date('2026-01-02T00:00:00Z')],
    ]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    expect(looksLikeXlsx(file)).toBe(true);
    expect(await all(readTableRows(file, 'xlsx'))).toEqual([
      ['Название', 'ИНН', 'Дата'],
      ['ООО «Ромашка»', '7707083893', '2026-01-02'],
    ]);
  });

  it('fails on an unclosed quote instead of guessing', async () => {
    await expect(all(readTableRows(Buffer.from('a,b\n"x,y\n'), 'csv'))).rejects.toThrow();
  });
});
