import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { neutraliseCell, type Cell } from './cells.js';

// A streamed workbook (exceljs' WorkbookWriter): each row is committed as it is added, so memory
// holds one chunk, not the file. Text cells are neutralised like CSV ones: a user may save the sheet
// as CSV and open it again.
export function xlsxStream(
  sheetName: string,
  header: string[],
  chunks: AsyncIterable<Cell[][]>,
): Readable {
  const out = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  const write = async () => {
    const head = sheet.addRow(header);
    head.font = { bold: true };
    head.commit();
    for await (const rows of chunks) {
      for (const r of rows) sheet.addRow(r.map((c) => neutraliseCell(c) ?? null)).commit();
      if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((err: unknown) => out.destroy(err as Error));
  return out;
}
