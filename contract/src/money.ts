// Line-item money, computed the same way on the server, in documents and live on the deal card.
//
// Everything is integer kopecks, computed in BigInt so no kopeck is lost past 2^53 on the way;
// a result that does not fit a safe JavaScript number is refused (RangeError), and the API turns
// that into a 422 naming the field. Rounding is per line, half away from zero, as Russian invoices
// do it: the line's amount is rounded first, then its VAT, and the document's totals are the sums
// of the rounded lines (so a printed column always adds up to the printed total).

/** Prices entered with VAT inside them ("в том числе НДС") or with VAT added on top ("НДС сверху"). */
export type VatMode = 'included' | 'on_top';

export type LineDiscount =
  | { kind: 'percent'; value: string } // "10" or "12.5": at most two decimals, 0–100
  | { kind: 'amount'; kopecks: number }; // per line, not per unit

export interface LineInput {
  /** Decimal with at most three places: "1", "2.5", "0.125". */
  quantity: string;
  /** Price of one unit in kopecks, as entered (with or without VAT per the mode). */
  priceKopecks: number;
  discount?: LineDiscount | null;
  /** Percent (22, 10, 7, 5, 0) or null for «без НДС». */
  vatRate: number | null;
}

export interface LineMoney {
  /** quantity × price before the discount. */
  grossKopecks: number;
  discountKopecks: number;
  /** The line's sum without VAT. */
  netKopecks: number;
  vatKopecks: number;
  /** The line's sum with VAT: what the client pays for it. */
  totalKopecks: number;
}

export interface DocumentMoney {
  lines: LineMoney[];
  grossKopecks: number;
  discountKopecks: number;
  netKopecks: number;
  vatKopecks: number;
  totalKopecks: number;
  /** VAT per rate, for «в том числе НДС 22 %: …» lines; `null` rate = без НДС. */
  vatByRate: { rate: number | null; netKopecks: number; vatKopecks: number }[];
}

export const QUANTITY_PATTERN = /^\d{1,12}(\.\d{1,3})?$/;
const PERCENT_PATTERN = /^\d{1,3}(\.\d{1,2})?$/;

/** Divide and round half away from zero (all money here is non-negative). */
function divRound(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

function safe(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${what} is too large`);
  return Number(value);
}

/** Quantity as thousandths: "2.5" → 2500n. Throws RangeError on anything else. */
export function quantityMilli(quantity: string): bigint {
  if (!QUANTITY_PATTERN.test(quantity)) throw new RangeError('quantity must be a decimal ≥ 0');
  const [whole, fraction = ''] = quantity.split('.');
  return BigInt(whole!) * 1000n + BigInt(fraction.padEnd(3, '0'));
}

function percentBasisPoints(value: string): bigint {
  if (!PERCENT_PATTERN.test(value)) throw new RangeError('discount percent must be 0–100');
  const [whole, fraction = ''] = value.split('.');
  const bp = BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
  if (bp > 10_000n) throw new RangeError('discount percent must be 0–100');
  return bp;
}

export function lineMoney(line: LineInput, mode: VatMode): LineMoney {
  if (!Number.isSafeInteger(line.priceKopecks) || line.priceKopecks < 0) {
    throw new RangeError('price must be a whole number of kopecks ≥ 0');
  }
  const gross = divRound(quantityMilli(line.quantity) * BigInt(line.priceKopecks), 1000n);
  let discount = 0n;
  if (line.discount?.kind === 'percent') {
    discount = divRound(gross * percentBasisPoints(line.discount.value), 10_000n);
  } else if (line.discount?.kind === 'amount') {
    if (!Number.isSafeInteger(line.discount.kopecks) || line.discount.kopecks < 0) {
      throw new RangeError('discount must be a whole number of kopecks ≥ 0');
    }
    discount = BigInt(line.discount.kopecks);
    if (discount > gross) throw new RangeError('discount is larger than the line');
  }
  const amount = gross - discount;
  const rate = line.vatRate === null ? 0n : BigInt(line.vatRate);
  if (line.vatRate !== null && (!Number.isInteger(line.vatRate) || line.vatRate < 0)) {
    throw new RangeError('VAT rate must be a whole percent');
  }
  const vat =
    mode === 'included' ? divRound(amount * rate, 100n + rate) : divRound(amount * rate, 100n);
  const net = mode === 'included' ? amount - vat : amount;
  return {
    grossKopecks: safe(gross, 'line'),
    discountKopecks: safe(discount, 'discount'),
    netKopecks: safe(net, 'line'),
    vatKopecks: safe(vat, 'VAT'),
    totalKopecks: safe(net + vat, 'line total'),
  };
}

export function documentMoney(lines: readonly LineInput[], mode: VatMode): DocumentMoney {
  const computed = lines.map((line) => lineMoney(line, mode));
  const sum = (pick: (l: LineMoney) => number) =>
    safe(
      computed.reduce((acc, l) => acc + BigInt(pick(l)), 0n),
      'total',
    );
  const byRate = new Map<number | null, { netKopecks: number; vatKopecks: number }>();
  lines.forEach((line, i) => {
    const entry = byRate.get(line.vatRate) ?? { netKopecks: 0, vatKopecks: 0 };
    entry.netKopecks = safe(BigInt(entry.netKopecks) + BigInt(computed[i]!.netKopecks), 'total');
    entry.vatKopecks = safe(BigInt(entry.vatKopecks) + BigInt(computed[i]!.vatKopecks), 'total');
    byRate.set(line.vatRate, entry);
  });
  return {
    lines: computed,
    grossKopecks: sum((l) => l.grossKopecks),
    discountKopecks: sum((l) => l.discountKopecks),
    netKopecks: sum((l) => l.netKopecks),
    vatKopecks: sum((l) => l.vatKopecks),
    totalKopecks: sum((l) => l.totalKopecks),
    vatByRate: [...byRate].map(([rate, v]) => ({ rate, ...v })),
  };
}
