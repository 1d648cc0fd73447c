import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readTableRows } from '../export/table-reader.js';
import { defaultFileLimits, type FileLimits } from './limits.js';
import { hidingEntry, lyingAboutSize, manyEntries, xlsxBomb } from './test-bombs.js';
import { guardZip } from './zip-guard.js';

const MiB = 1024 * 1024;
const SHEET = 'xl/worksheets/sheet1.xml';

const all = async (gen: AsyncIterable<string[]>) => {
  const rows: string[][] = [];
  for await (const r of gen) rows.push(r);
  return rows;
};
const refusal = async (p: Promise<unknown>) => {
  const err = (await p.then(
    () => null,
    (e: unknown) => e,
  )) as (Error & { code?: string; field?: string; inflatedBytes?: number }) | null;
  if (!err) throw new Error('expected a refusal');
  return err;
};

// 300 MiB of sheet XML in a few hundred KiB: what took the server to 1.1 GB.
const bomb = xlsxBomb(300 * MiB);

describe('the ZIP guard', () => {
  it('refuses a bomb by its directory, before inflating anything', async () => {
    const file = await bomb;
    expect(file.length).toBeLessThan(2 * MiB);
    const err = await refusal(guardZip(file));
    expect(err).toMatchObject({ code: 'file.too_large', field: 'file' });
    expect(err.message).toMatch(/VORONKA_FILE_MAX_(UNCOMPRESSED_MB|RATIO)/);
    // Refused by the directory: the inflating pass never started.
    expect(err.inflatedBytes).toBeUndefined();
  });

  it('stops inflating at the size a lying directory declared', async () => {
    const lying = lyingAboutSize(await bomb, SHEET, 64 * 1024);
    const err = await refusal(guardZip(lying));
    expect(err).toMatchObject({ code: 'file.archive_invalid', field: 'file' });
    // Counted while inflating and stopped within a chunk or two of the declared 64 KiB.
    expect(err.inflatedBytes).toBeGreaterThan(64 * 1024);
    expect(err.inflatedBytes).toBeLessThan(MiB);
  });

  it('stops inflating at the total limit whatever the entries declare', async () => {
    const limits: FileLimits = {
      ...defaultFileLimits,
      maxUncompressedBytes: 4 * MiB,
      maxCompressionRatio: 100_000,
    };
    // Declares 3 MiB (under the limit), inflates to 300 MiB; a lower per-entry bound would also stop it.
    const lying = lyingAboutSize(await bomb, SHEET, 3 * MiB);
    const err = await refusal(guardZip(lying, limits));
    expect(err.code).toMatch(/^file\.(archive_invalid|too_large)$/);
    expect(err.inflatedBytes).toBeLessThan(4 * MiB + MiB);
  });

  it('refuses an entry the directory hides from a directory check', async () => {
    const err = await refusal(guardZip(hidingEntry(await bomb, SHEET)));
    expect(err).toMatchObject({ code: 'file.archive_invalid' });
    expect(err.message).toContain(SHEET);
    expect(err.inflatedBytes).toBeLessThan(MiB);
  });

  it('refuses more entries than the limit', async () => {
    const err = await refusal(guardZip(await manyEntries(1001)));
    expect(err).toMatchObject({ code: 'file.too_large' });
    expect(err.message).toContain('VORONKA_FILE_MAX_ENTRIES');
  });

  it('passes an ordinary workbook and counts what it inflates to', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Лист').addRows([
      ['Название', 'ИНН'],
      ['ООО «Ромашка»', '7707083893'],
    ]);
    const r = await guardZip(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(r.entries.map((e) => e.name)).toContain(SHEET);
    expect(r.inflatedBytes).toBe(r.entries.reduce((s, e) => s + e.uncompressedSize, 0));
  });
});

describe('reading a table within its limits', () => {
  const limits: FileLimits = { ...defaultFileLimits, maxRows: 100, maxColumns: 10, maxCells: 300 };

  it('reads a workbook through the guard: the bomb never reaches ExcelJS', async () => {
    await expect(all(readTableRows(await bomb, 'xlsx'))).rejects.toMatchObject({
      code: 'file.too_large',
    });
  });

  it('stops a workbook at the row limit, having read no further', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Лист').addRows(Array.from({ length: 5000 }, (_, i) => [`Клиент ${i}`]));
    const read: string[][] = [];
    const err = await refusal(
      (async () => {
        for await (const row of readTableRows(
          Buffer.from(await wb.xlsx.writeBuffer()),
          'xlsx',
          limits,
        ))
          read.push(row);
      })(),
    );
    expect(err).toMatchObject({ code: 'file.too_many_rows', field: 'file' });
    expect(err.message).toContain('VORONKA_IMPORT_MAX_ROWS');
    expect(read).toHaveLength(100);
  });

  it('stops a CSV at the column, row and cell limits', async () => {
    const wide = `${Array.from({ length: 11 }, (_, i) => `c${i}`).join(';')}\r\n`;
    await expect(all(readTableRows(Buffer.from(wide), 'csv', limits))).rejects.toMatchObject({
      code: 'file.too_many_columns',
    });
    const long = Array.from({ length: 101 }, (_, i) => `row ${i}`).join('\r\n');
    await expect(all(readTableRows(Buffer.from(long), 'csv', limits))).rejects.toMatchObject({
      code: 'file.too_many_rows',
    });
    const full = Array.from({ length: 31 }, () =>
      Array.from({ length: 10 }, () => 'x').join(';'),
    ).join('\r\n');
    await expect(all(readTableRows(Buffer.from(full), 'csv', limits))).rejects.toMatchObject({
      code: 'file.too_many_cells',
    });
    // Trailing empty cells are no columns: a spreadsheet's formatted but empty columns pass.
    expect(
      await all(readTableRows(Buffer.from(`a;b${';'.repeat(50)}\r\n`), 'csv', limits)),
    ).toEqual([['a', 'b']]);
  });
});
