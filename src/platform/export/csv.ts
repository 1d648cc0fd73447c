import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { cellText, neutraliseCell, type Cell } from './cells.js';

export type CsvOptions = { delimiter: ',' | ';' };

// UTF-8 with a BOM, so that Excel opens Cyrillic text correctly; ';' is what Excel expects in
// locales whose decimal separator is a comma (Russia). Rows arrive in chunks and leave as they come.
export function csvStream(
  header: string[],
  chunks: AsyncIterable<Cell[][]>,
  opts: CsvOptions,
): Readable {
  const line = (rows: Cell[][]) =>
    stringify(
      rows.map((r) => r.map((c) => cellText(neutraliseCell(c)))),
      { delimiter: opts.delimiter, record_delimiter: '\r\n' },
    );
  async function* generate() {
    yield `\uFEFF${line([header])}`;
    for await (const rows of chunks) if (rows.length) yield line(rows);
  }
  return Readable.from(generate(), { objectMode: false });
}
