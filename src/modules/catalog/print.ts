// The one seam to the print module for the printable price list (a PDF or an XLSX to send to
// clients), rendered from the list's snapshot (priceListSnapshot in price-lists.ts).
import * as print from '../print/service.js';

export type PriceListSnapshot = print.PriceListSnapshot;
export type PrintFormat = 'pdf' | 'xlsx';
export type Printed = { body: Buffer; contentType: string; extension: PrintFormat };

export const printContentType: Record<PrintFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function renderPriceList(
  snapshot: PriceListSnapshot,
  format: PrintFormat,
): Promise<Printed> {
  const body =
    format === 'pdf'
      ? await print.renderPriceListPdf(snapshot)
      : await print.renderPriceListXlsx(snapshot);
  return { body, contentType: printContentType[format], extension: format };
}
