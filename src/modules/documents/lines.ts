import {
  documentMoney,
  type DocumentLine,
  type DocumentMoney,
  type VatMode,
} from '@voronka/contract';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import * as catalog from '../catalog/service.js';
import { getDeal } from '../pipeline/service.js';

// A deal's lines for a new document: its line items (catalog) with their VAT mode. A deal without
// line items but with an amount gives one line «<deal title>», 1 × amount, VAT included at the
// general rate in force on the document's date (catalog's vat_rates) for a VAT payer, «без НДС»
// for an entity that is not one.
export async function linesForDeal(
  ctx: Ctx,
  dealId: string,
  vatPayer: boolean,
  date: string,
): Promise<{ lines: DocumentLine[]; vatMode: VatMode }> {
  const items = await catalog.dealLinesFor(ctx, dealId);
  if (items.lines.length)
    return {
      vatMode: items.vatMode,
      lines: items.lines.map((l) => ({
        name: l.name,
        sku: l.sku,
        unit: l.unit,
        okei: l.okei,
        quantity: l.quantity,
        priceKopecks: l.priceKopecks,
        discount: l.discount,
        vatRate: l.vatRate,
      })),
    };
  const deal = await getDeal(ctx, dealId);
  if (!deal.amount) return { lines: [], vatMode: 'included' };
  return {
    vatMode: 'included',
    lines: [
      {
        name: deal.title,
        sku: null,
        unit: 'усл. ед.',
        okei: '876',
        quantity: '1',
        priceKopecks: deal.amount,
        discount: null,
        vatRate: vatPayer ? await catalog.generalVatRate(ctx, date) : null,
      },
    ],
  };
}

// The money of a document's lines, by contract/money.ts (the only implementation); a line whose
// money does not compute (over the safe range, a discount larger than the line) is a 422 naming it.
export function moneyOf(lines: DocumentLine[], mode: VatMode): DocumentMoney {
  try {
    return documentMoney(lines, mode);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    const bad = lines.findIndex((l) => {
      try {
        documentMoney([l], mode);
        return false;
      } catch {
        return true;
      }
    });
    throw new DomainError('document.invalid_line', err.message, {
      field: bad >= 0 ? `lines.${bad}` : 'lines',
    });
  }
}
