import type { InvoiceFacts } from '../documents/service.js';

// Matching an incoming bank payment to open invoices, in memory over indexes built once per
// statement (number, buyer INN, open amount). Pure: no database, so the bench and the tests drive it.

export type OpenInvoice = InvoiceFacts & { openKopecks: number };
export type Incoming = {
  amountKopecks: number;
  payerInn: string | null;
  payerKpp: string | null;
  purpose: string;
};
export type Match = {
  /** Set when the match is sure enough to apply without a person. */
  invoice: OpenInvoice | null;
  confidence: number;
  reason: string;
  candidates: OpenInvoice[];
};

export const AUTO_APPLY = 0.8;
const MAX_CANDIDATES = 10;

// «Оплата по счету № 123 от 01.12.2026», «по сч. 123 от 1.12.26», «счёт на оплату №СЧ-00123».
const REF =
  /сч(?:[её]т[ауе]?|\.)?(?:\s+на\s+оплату)?\s*(?:№|N|#|No\.?)?\s*([A-Za-zА-Яа-я]{0,4}-?\d[\d/-]*)(?:\s*от\s*(\d{1,2})\.(\d{1,2})\.(\d{2,4}))?/giu;

export const normalNumber = (n: string) => n.replace(/^[^\d]+/, '').replace(/^0+(?=\d)/, '');

export function invoiceRefs(purpose: string): { number: string; date: string | null }[] {
  const refs: { number: string; date: string | null }[] = [];
  for (const m of purpose.matchAll(REF)) {
    const number = normalNumber(m[1]!);
    let date: string | null = null;
    if (m[2]) {
      const year = m[4]!.length === 2 ? `20${m[4]}` : m[4]!;
      date = `${year}-${m[3]!.padStart(2, '0')}-${m[2].padStart(2, '0')}`;
    }
    if (number) refs.push({ number, date });
  }
  return refs;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export class InvoiceIndex {
  private byNumber = new Map<string, OpenInvoice[]>();
  private byInn = new Map<string, OpenInvoice[]>();
  private byAmount = new Map<number, Set<OpenInvoice>>();

  constructor(invoices: OpenInvoice[]) {
    for (const inv of invoices) {
      if (inv.openKopecks <= 0) continue;
      if (inv.number) push(this.byNumber, normalNumber(inv.number), inv);
      if (inv.buyerInn) push(this.byInn, inv.buyerInn, inv);
      this.amountSet(inv.openKopecks).add(inv);
    }
  }

  private amountSet(amount: number) {
    let set = this.byAmount.get(amount);
    if (!set) this.byAmount.set(amount, (set = new Set()));
    return set;
  }

  // Money went to the invoice: what stays open changes (and so the amount index).
  apply(inv: OpenInvoice, kopecks: number) {
    this.byAmount.get(inv.openKopecks)?.delete(inv);
    inv.openKopecks -= kopecks;
    if (inv.openKopecks > 0) this.amountSet(inv.openKopecks).add(inv);
  }

  match(p: Incoming): Match {
    const open = (i: OpenInvoice) => i.openKopecks > 0;
    const sameKpp = (i: OpenInvoice) => !p.payerKpp || !i.buyerKpp || i.buyerKpp === p.payerKpp;
    const byInn = p.payerInn ? (this.byInn.get(p.payerInn) ?? []).filter(open) : [];
    const ofPayer = byInn.filter(sameKpp);
    const byRef = this.byReference(p.purpose);
    if (byRef.length) {
      const withInn = byRef.filter((i) => ofPayer.includes(i));
      if (withInn.length === 1)
        return sure(withInn[0]!, 0.99, `invoice № ${withInn[0]!.number} in the purpose, payer INN`);
      const single = byRef.length === 1 ? byRef[0]! : null;
      const otherPayer = single && p.payerInn && single.buyerInn && single.buyerInn !== p.payerInn;
      if (single && !otherPayer && single.openKopecks === p.amountKopecks)
        return sure(single, 0.9, `invoice № ${single.number} in the purpose, amount equal`);
      if (single && !otherPayer)
        return sure(single, 0.8, `invoice № ${single.number} and its date in the purpose`);
      return review(
        byRef,
        0.5,
        otherPayer ? 'invoice number of another payer' : 'several invoices named',
      );
    }
    if (ofPayer.length === 1) return sure(ofPayer[0]!, 0.85, 'payer INN: the only open invoice');
    const exact = ofPayer.filter((i) => i.openKopecks === p.amountKopecks);
    if (exact.length === 1) return sure(exact[0]!, 0.85, 'payer INN and amount');
    if (ofPayer.length) return review(ofPayer, 0.5, 'payer INN: several open invoices');
    const byAmount = [...(this.byAmount.get(p.amountKopecks) ?? [])];
    if (byAmount.length === 1) return review(byAmount, 0.4, 'amount only');
    if (byAmount.length) return review(byAmount, 0.2, 'amount only, several invoices');
    return review([], 0, 'no invoice found');
  }

  private byReference(purpose: string): OpenInvoice[] {
    const found = new Set<OpenInvoice>();
    for (const ref of invoiceRefs(purpose))
      for (const inv of this.byNumber.get(ref.number) ?? [])
        if (inv.openKopecks > 0 && (!ref.date || inv.date === ref.date)) found.add(inv);
    return [...found];
  }
}

const sure = (invoice: OpenInvoice, confidence: number, reason: string): Match => ({
  invoice,
  confidence,
  reason,
  candidates: [invoice],
});
const review = (candidates: OpenInvoice[], confidence: number, reason: string): Match => ({
  invoice: null,
  confidence,
  reason,
  candidates: candidates.slice(0, MAX_CANDIDATES),
});
