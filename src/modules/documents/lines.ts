import {
  documentMoney,
  type DocumentLine,
  type DocumentMoney,
  type VatMode,
} from '@voronka/contract';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { getDeal } from '../crm/service.js';

// A deal's lines for a new document. TEMPORARY until the catalog module (h/catalog) is merged: the
// deal's line items then come from catalog's service (its lines with their VAT mode); meanwhile a
// deal with an amount gives one line «<deal title>», 1 × amount, VAT at the entity's rate.
// The integrator replaces the body of this one function.
export async function linesForDeal(
  ctx: Ctx,
  dealId: string,
  vatPayer: boolean,
): Promise<{ lines: DocumentLine[]; vatMode: VatMode }> {
  const deal = await getDeal(ctx, dealId);
  if (!deal.amount) return { lines: [], vatMode: 'included' };
  return {
    vatMode: 'included',
    lines: [
      {
        name: deal.title,
        sku: null,
        unit: 'усл. ед.',
        okei: null,
        quantity: '1',
        priceKopecks: deal.amount,
        discount: null,
        vatRate: vatPayer ? 22 : null,
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
