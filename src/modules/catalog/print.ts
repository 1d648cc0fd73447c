// The one seam to the print module for the printable price list. `renderPriceListPdf` /
// `renderPriceListXlsx` (src/modules/print/service.ts) are being written on another branch; until
// they land this answers 503 (the snapshot type is print's own, from snapshot.ts).
// After the merge: import both from '../print/service.js' and call them below (DESIGN.md).
import type { PriceListSnapshot } from '../print/snapshot.js';
import { DomainError } from '../../platform/errors.js';

export type { PriceListSnapshot };
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
  void snapshot;
  void format;
  throw new DomainError(
    'server.unavailable',
    'printing price lists arrives with the print module (renderPriceListPdf/Xlsx)',
  );
}
