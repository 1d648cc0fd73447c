// What the print module renders: a document frozen at issue, as plain JSON.
//
// The documents module captures a snapshot when a document is issued (the seller's and the buyer's
// requisites as they were that day, every line with its rounded money) and stores it as jsonb; an
// issued document is always re-rendered from its snapshot, never from live records. Images (logo,
// stamp, signature) are not in the JSON: they are passed beside it as `RenderAssets`.
import type { DocumentMoney, VatMode } from '@voronka/contract';

export type DocumentType = 'quote' | 'invoice' | 'act' | 'torg12' | 'upd' | 'contract';

export interface BankAccountSnapshot {
  bankName: string;
  /** БИК, 9 digits. */
  bik: string;
  /** Корреспондентский счёт, 20 digits. */
  correspondentAccount: string;
  /** Расчётный счёт, 20 digits. */
  settlementAccount: string;
}

export interface SignerSnapshot {
  name: string;
  position: string;
  /** «Устава», «доверенности № 5 от 01.02.2026». */
  basis: string | null;
}

export interface PartySnapshot {
  /** Full legal name: «ООО «Ромашка»». */
  name: string;
  inn: string | null;
  kpp: string | null;
  ogrn: string | null;
  address: string | null;
  phone: string | null;
  bank: BankAccountSnapshot | null;
}

export interface SellerSnapshot extends PartySnapshot {
  director: SignerSnapshot | null;
  accountant: SignerSnapshot | null;
  /** false = «без НДС» (simplified taxation without VAT). */
  vatPayer: boolean;
}

export interface DocumentLineSnapshot {
  /** 1-based row number as printed. */
  position: number;
  name: string;
  sku: string | null;
  /** Unit's short name as printed: «шт», «усл. ед.», «час», «м²». */
  unit: string;
  /** OKEI code: «796» for шт. */
  okei: string | null;
  /** Decimal string with at most three places. */
  quantity: string;
  priceKopecks: number;
  /** Optional: the unit price without VAT as the seller's books have it (graph 4 of the УПД, 11 of
   * ТОРГ-12). When absent the print module derives it from netKopecks / quantity, rounded. */
  priceNetKopecks?: number;
  discountKopecks: number;
  /** Percent, or null for «без НДС». */
  vatRate: number | null;
  netKopecks: number;
  vatKopecks: number;
  totalKopecks: number;
}

export interface DocumentSnapshot {
  type: DocumentType;
  /** As printed, e.g. «12» or «ROM-2026-12». */
  number: string;
  /** YYYY-MM-DD. */
  date: string;
  currency: 'RUB';
  vatMode: VatMode;
  seller: SellerSnapshot;
  buyer: PartySnapshot;
  lines: DocumentLineSnapshot[];
  totals: Omit<DocumentMoney, 'lines'>;
  /** Invoice: pay until (YYYY-MM-DD); quote: valid until. */
  dueDate: string | null;
  /** Purpose of payment for the invoice and its QR code: «Оплата по счёту № 12 от 3 декабря 2026 г.». */
  paymentPurpose: string;
  /** «Договор № 7 от 01.11.2026», printed as the basis on acts, ТОРГ-12 and УПД. */
  basis: string | null;
  dealTitle: string | null;
  /** УПД only: 1 = счёт-фактура and transfer document, 2 = transfer document only. */
  updStatus: 1 | 2 | null;
  notes: string | null;
}

export interface RenderAssets {
  logo?: { mime: 'image/png' | 'image/jpeg'; data: Buffer };
  stamp?: { mime: 'image/png' | 'image/jpeg'; data: Buffer };
  signature?: { mime: 'image/png' | 'image/jpeg'; data: Buffer };
}

export interface PriceListSnapshot {
  name: string;
  currency: 'RUB';
  /** YYYY-MM-DD or null. */
  validFrom: string | null;
  validTo: string | null;
  /** YYYY-MM-DD, the day it was printed. */
  date: string;
  seller: { name: string; inn: string | null; phone: string | null; address: string | null };
  /** Whether the prices include VAT (printed in the header). */
  vatMode: VatMode;
  items: {
    sku: string | null;
    name: string;
    category: string | null;
    unit: string;
    priceKopecks: number;
    vatRate: number | null;
  }[];
}
