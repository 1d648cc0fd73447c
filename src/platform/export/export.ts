import type { Readable } from 'node:stream';
import type { Cell } from './cells.js';
import { csvStream } from './csv.js';
import { xlsxStream } from './xlsx.js';

export { neutraliseCell, type Cell } from './cells.js';

export type TableFormat = 'csv' | 'xlsx';
export type TableFile = { body: Readable; contentType: string; extension: string };

// One entry for both formats: a header and rows in chunks → a stream to send as a download.
export function tableFile(
  format: TableFormat,
  opts: {
    sheetName: string;
    header: string[];
    chunks: AsyncIterable<Cell[][]>;
    delimiter?: ',' | ';';
  },
): TableFile {
  if (format === 'xlsx') {
    return {
      body: xlsxStream(opts.sheetName, opts.header, opts.chunks),
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      extension: 'xlsx',
    };
  }
  return {
    body: csvStream(opts.header, opts.chunks, { delimiter: opts.delimiter ?? ',' }),
    contentType: 'text/csv; charset=utf-8',
    extension: 'csv',
  };
}

// RFC 6266: an ASCII fallback name plus the UTF-8 one, so Cyrillic file names survive.
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
