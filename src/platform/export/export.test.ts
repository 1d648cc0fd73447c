import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { attachmentHeader, neutraliseCell, tableFile, type Cell } from './export.js';

async function* chunksOf(...chunks: Cell[][][]) {
  for (const c of chunks) yield c;
}
const dangerous = [
  '=HYPERLINK("http://evil")',
  '+7 912 345-67-89',
  '-2+3',
  '@SUM(A1)',
  '\tcmd',
  '\rcmd',
];

describe('formula neutralisation', () => {
  it('prefixes an apostrophe to text beginning with = + - @ tab or CR', () => {
    for (const v of dangerous) expect(neutraliseCell(v)).toBe(`'${v}`);
  });
  it('leaves other text, numbers and empty cells alone', () => {
    expect(neutraliseCell('ООО «Ромашка»')).toBe('ООО «Ромашка»');
    expect(neutraliseCell(-5)).toBe(-5);
    expect(neutraliseCell(null)).toBeNull();
    expect(neutraliseCell(' =1')).toBe(' =1');
  });
});

describe('CSV', () => {
  it('starts with a BOM, quotes separators and newlines, and ends rows with CRLF', async () => {
    const file = tableFile('csv', {
      sheetName: 's',
      header: ['Название', 'Комментарий'],
      chunks: chunksOf([['ООО "Ромашка"', 'a,b\nc']], [[null, 3]]),
    });
    const text = (await buffer(file.body)).toString('utf8');
    expect(text).toBe('\uFEFFНазвание,Комментарий\r\n"ООО ""Ромашка""","a,b\nc"\r\n,3\r\n');
    expect(file.contentType).toBe('text/csv; charset=utf-8');
  });
  it('uses ; when asked and neutralises every dangerous cell', async () => {
    const file = tableFile('csv', {
      sheetName: 's',
      header: ['v'],
      chunks: chunksOf(dangerous.map((d) => [d])),
      delimiter: ';',
    });
    const lines = (await buffer(file.body)).toString('utf8').slice(1).split('\r\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(lines.slice(1, -1).every((l) => l.replace(/^"/, '').startsWith("'"))).toBe(true);
  });
});

describe('XLSX', () => {
  it('streams a workbook that Excel readers open, with neutralised text', async () => {
    const rows = Array.from(
      { length: 2500 },
      (_, i) => [`Компания ${i}`, i, i === 7 ? '=1+1' : null] as Cell[],
    );
    const file = tableFile('xlsx', {
      sheetName: 'Компании',
      header: ['Название', 'Номер', 'Формула'],
      chunks: chunksOf(rows.slice(0, 1000), rows.slice(1000)),
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await buffer(file.body)) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Компании')!;
    expect(sheet.rowCount).toBe(2501);
    expect(sheet.getRow(1).values).toEqual([undefined, 'Название', 'Номер', 'Формула']);
    expect(sheet.getRow(9).getCell(3).value).toBe("'=1+1");
    expect(sheet.getRow(2501).getCell(2).value).toBe(2499);
  });
});

describe('attachment header', () => {
  it('keeps a Cyrillic name in filename* and an ASCII fallback', () => {
    expect(attachmentHeader('Компании.csv')).toBe(
      `attachment; filename="________.csv"; filename*=UTF-8''${encodeURIComponent('Компании.csv')}`,
    );
  });
});
