import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { fileLimits, TableBudget, type FileLimits } from '../files/limits.js';
import { guardZip } from '../files/zip-guard.js';

// Reading an uploaded table (CSV or XLSX) as rows of strings, streamed: csv-parse's stream parser
// and exceljs' streaming WorkbookReader, so a large file is never held twice as objects. Both count
// rows, columns and cells as they go and stop at the first limit passed (platform/files/limits.ts);
// a workbook is unpacked only after the ZIP guard has inflated and counted it (zip-guard.ts).

export type TableFileFormat = 'csv' | 'xlsx';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
export const looksLikeXlsx = (content: Buffer) => content.subarray(0, 4).equals(ZIP_MAGIC);

// Excel in Russia still saves CSV as Windows-1251 unless told otherwise: anything that is not valid
// UTF-8 in its first 64 KiB is read as 1251.
export function detectEncoding(content: Buffer): 'utf-8' | 'windows-1251' {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content.subarray(0, 64 * 1024), {
      stream: true,
    });
    return 'utf-8';
  } catch {
    return 'windows-1251';
  }
}

// The separator that occurs most often outside quotes in the first line: ; , or tab.
export function detectDelimiter(firstLine: string): ',' | ';' | '\t' {
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts = ([';', ',', '\t'] as const).map((d) => [d, unquoted.split(d).length - 1] as const);
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] > 0 ? best[0] : ',';
}

// Control characters in a cell (NUL above all: PostgreSQL text cannot hold it) become spaces, as the
// HTTP input guard would refuse them in a JSON body; tabs and line breaks inside a cell are kept.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
export const cleanCell = (v: string) => v.replace(CONTROL, ' ').trim();

async function* decoded(content: Buffer, encoding: string): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding);
  const step = 256 * 1024;
  for (let at = 0; at < content.length; at += step)
    yield decoder.decode(content.subarray(at, at + step), { stream: true });
  yield decoder.decode();
}

// A row without its trailing empty cells (the width a limit counts); null when it is all empty.
function trimmed(cells: string[]): string[] | null {
  let width = cells.length;
  while (width > 0 && cells[width - 1] === '') width--;
  return width ? (width === cells.length ? cells : cells.slice(0, width)) : null;
}

async function* csvRows(content: Buffer, limits: FileLimits): AsyncGenerator<string[]> {
  const encoding = detectEncoding(content);
  const head = new TextDecoder(encoding)
    .decode(content.subarray(0, 64 * 1024))
    .replace(/^\uFEFF/, '');
  const parser = parse({
    delimiter: detectDelimiter(head.split(/\r?\n/, 1)[0] ?? ''),
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
  });
  const source = Readable.from(decoded(content, encoding));
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);
  const budget = new TableBudget(limits);
  try {
    for await (const record of parser) {
      const row = trimmed((record as string[]).map(cleanCell));
      if (!row) continue;
      budget.take(row.length);
      yield row;
    }
  } finally {
    source.destroy();
    parser.destroy();
  }
}

const cellString = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as {
      text?: unknown;
      result?: unknown;
      richText?: { text: string }[];
      hyperlink?: string;
    };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if (o.result !== undefined) return cellString(o.result);
    if (o.text !== undefined) return cellString(o.text);
    return '';
  }
  return cleanCell(String(v));
};

const rowCells = (row: ExcelJS.Row): string[] | null => {
  const values = row.values as unknown[];
  return trimmed(Array.from({ length: values.length - 1 }, (_, i) => cellString(values[i + 1])));
};

// The first worksheet only; exceljs' row.values is 1-based with holes for empty cells.
// Streamed. exceljs buffers a sheet that comes before the workbook part (its own writer puts
// xl/workbook.xml last) and reads it after the last entry; under load the entry stream was seen to
// end without that last part (CI, once: "reading 'sheets' of undefined" before any row). Such a
// file, already through the ZIP guard and its limits, is then read whole instead.
async function* xlsxRows(content: Buffer, limits: FileLimits): AsyncGenerator<string[]> {
  await guardZip(content, limits);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([content]), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  const budget = new TableBudget(limits);
  let yielded = false;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const cells = rowCells(row);
        if (!cells) continue;
        budget.take(cells.length);
        yielded = true;
        yield cells;
      }
      return;
    }
  } catch (err) {
    if (yielded || !(err instanceof TypeError)) throw err;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(content as unknown as ArrayBuffer);
    const rows: string[][] = [];
    workbook.worksheets[0]?.eachRow((row) => {
      const cells = rowCells(row);
      if (cells) rows.push(cells);
    });
    for (const cells of rows) {
      budget.take(cells.length);
      yield cells;
    }
  }
}

export function readTableRows(
  content: Buffer,
  format: TableFileFormat,
  limits: FileLimits = fileLimits(),
): AsyncGenerator<string[]> {
  return format === 'xlsx' ? xlsxRows(content, limits) : csvRows(content, limits);
}
