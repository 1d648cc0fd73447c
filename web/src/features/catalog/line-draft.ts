import {
  documentMoney,
  lineMoney,
  QUANTITY_PATTERN,
  type DealLine,
  type DealLineInput,
  type DocumentMoney,
  type LineMoney,
  type Okei,
  type VatMode,
} from '@voronka/contract';
import { minorToInput, parseMoney } from '../../lib/money';

// A line as the user types it on the deal card. Totals are computed live with the same money
// functions the server uses (contract/src/money.ts); nothing is rounded here.
export type DiscountKind = 'none' | 'percent' | 'amount';
export type LineDraft = {
  key: string;
  productId: string | null;
  name: string;
  quantity: string;
  okei: Okei;
  price: string;
  discountKind: DiscountKind;
  discount: string;
  /** "22", "10", … or "none" for «без НДС». */
  vatRate: string;
};

let counter = 0;
const nextKey = () => `line-${++counter}`;

export const emptyDraft = (vatRate = '22'): LineDraft => ({
  key: nextKey(),
  productId: null,
  name: '',
  quantity: '1',
  okei: '796',
  price: '',
  discountKind: 'none',
  discount: '',
  vatRate,
});

export function draftFromLine(l: DealLine): LineDraft {
  return {
    key: nextKey(),
    productId: l.productId,
    name: l.name,
    quantity: l.quantity,
    okei: l.okei,
    price: minorToInput(l.priceKopecks),
    discountKind: l.discount?.kind ?? 'none',
    discount:
      l.discount?.kind === 'percent'
        ? l.discount.value
        : l.discount?.kind === 'amount'
          ? minorToInput(l.discount.kopecks)
          : '',
    vatRate: l.vatRate === null ? 'none' : String(l.vatRate),
  };
}

export type DraftField = 'name' | 'quantity' | 'price' | 'discount' | 'vatRate';
export type Parsed = { ok: true; line: DealLineInput } | { ok: false; field: DraftField };

export function parseDraft(d: LineDraft): Parsed {
  if (!d.name.trim()) return { ok: false, field: 'name' };
  const quantity = d.quantity.trim().replace(',', '.');
  if (!QUANTITY_PATTERN.test(quantity)) return { ok: false, field: 'quantity' };
  const price = parseMoney(d.price);
  if (price === null) return { ok: false, field: 'price' };
  let discount: DealLineInput['discount'] = null;
  if (d.discountKind === 'percent') {
    const value = d.discount.trim().replace(',', '.') || '0';
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(value)) return { ok: false, field: 'discount' };
    discount = { kind: 'percent', value };
  } else if (d.discountKind === 'amount') {
    const kopecks = parseMoney(d.discount);
    if (kopecks === null) return { ok: false, field: 'discount' };
    discount = { kind: 'amount', kopecks };
  }
  const vatRate = d.vatRate === 'none' ? null : Number(d.vatRate);
  if (vatRate !== null && !Number.isInteger(vatRate)) return { ok: false, field: 'vatRate' };
  return {
    ok: true,
    line: {
      productId: d.productId,
      name: d.name.trim(),
      quantity,
      okei: d.okei,
      priceKopecks: price,
      discount,
      vatRate,
    },
  };
}

export type DraftMoney = {
  /** Per draft: its money, or the field that is not valid yet. */
  lines: (LineMoney | { field: DraftField })[];
  /** Totals of the lines when every line is valid; null while one is not. */
  totals: DocumentMoney | null;
  body: { vatMode: VatMode; lines: DealLineInput[] } | null;
};

export function draftMoney(drafts: readonly LineDraft[], mode: VatMode): DraftMoney {
  const parsed = drafts.map(parseDraft);
  const lines = parsed.map((p): LineMoney | { field: DraftField } => {
    if (!p.ok) return { field: p.field };
    try {
      return lineMoney(p.line, mode);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      return { field: e.message.startsWith('discount') ? 'discount' : 'price' };
    }
  });
  const valid = parsed.flatMap((p) => (p.ok ? [p.line] : []));
  if (valid.length !== drafts.length || lines.some((l) => 'field' in l))
    return { lines, totals: null, body: null };
  try {
    return {
      lines,
      totals: documentMoney(valid, mode),
      body: { vatMode: mode, lines: valid },
    };
  } catch {
    return { lines, totals: null, body: null };
  }
}
