import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { formatDateLong, formatMoney, formatQuantity, formatVatRate } from '../format.js';
import { amountInWords } from '../words.js';
import type {
  DocumentLineSnapshot,
  DocumentSnapshot,
  PartySnapshot,
  SignerSnapshot,
} from '../snapshot.js';

// Pieces every layout shares: requisites, tables built column by column, totals, signatures.

export const dash = '—';

export const or = (value: string | null | undefined): string =>
  value && value.trim() ? value : dash;

/** «ООО «Вектор», ИНН 5003123458, КПП 500301001, 123456, г. Москва…, тел. …» */
export function requisites(party: PartySnapshot, withBank = false): string {
  const parts = [party.name];
  if (party.inn) parts.push(`ИНН ${party.inn}`);
  if (party.kpp) parts.push(`КПП ${party.kpp}`);
  if (party.address) parts.push(party.address);
  if (party.phone) parts.push(`тел. ${party.phone}`);
  if (withBank && party.bank) {
    const b = party.bank;
    parts.push(
      `р/с ${b.settlementAccount} в ${b.bankName}, БИК ${b.bik}, к/с ${b.correspondentAccount}`,
    );
  }
  return parts.join(', ');
}

export const innKpp = (party: PartySnapshot): string =>
  [party.inn, party.kpp].filter(Boolean).join('/') || dash;

/** A label in a narrow column and a bold value beside it. */
export function labelled(label: string, value: string): Content {
  return {
    columns: [
      { width: 95, text: label },
      { width: '*', text: value, bold: true },
    ],
    margin: [0, 2, 0, 2],
  };
}

export function title(text: string): Content {
  return { text, fontSize: 14, bold: true, margin: [0, 6, 0, 6] };
}

export const documentTitle = (name: string, s: DocumentSnapshot): Content =>
  title(`${name} № ${s.number} от ${formatDateLong(s.date)}`);

/** A thick line across a portrait page (pdfmake mutates nodes: a fresh one each time). */
export const rule = (): Content => ({
  canvas: [{ type: 'line', x1: 0, y1: 0, x2: 528, y2: 0, lineWidth: 1.5 }],
  margin: [0, 2, 0, 4],
});

/** One column of a lines table: its header and how a line fills it. */
export interface Column {
  header: string;
  width: number | '*' | 'auto';
  align?: 'left' | 'right' | 'center';
  cell: (line: DocumentLineSnapshot) => string;
}

export function linesTable(
  lines: DocumentLineSnapshot[],
  columns: Column[],
  footer: TableCell[][] = [],
  fontSize = 8,
  numbers: string[] | null = null,
): Content {
  const head = (text: string): TableCell => ({
    text,
    bold: true,
    alignment: 'center',
    fillColor: '#eeeeee',
  });
  const headers: TableCell[][] = [columns.map((c) => head(c.header))];
  if (numbers) headers.push(numbers.map((n) => ({ text: n, alignment: 'center', fontSize: 6 })));
  const body: TableCell[][] = lines.map((line) =>
    columns.map((c) => ({ text: c.cell(line), alignment: c.align ?? 'left' })),
  );
  return {
    table: {
      headerRows: headers.length,
      dontBreakRows: true,
      widths: columns.map((c) => c.width),
      body: [...headers, ...body, ...footer],
    },
    fontSize,
    margin: [0, 4, 0, 4],
  };
}

/** The lines' printed sum: with VAT when prices include it, without when VAT is added on top. */
export const lineSum = (s: DocumentSnapshot, l: DocumentLineSnapshot): number =>
  s.vatMode === 'included' ? l.totalKopecks : l.netKopecks;

/** № | name | qty | unit | price | sum — the columns of a счёт, КП and акт. */
export function simpleColumns(s: DocumentSnapshot, nameHeader: string): Column[] {
  const columns: Column[] = [
    { header: '№', width: 18, align: 'center', cell: (l) => String(l.position) },
    { header: nameHeader, width: '*', cell: (l) => l.name },
    { header: 'Кол-во', width: 45, align: 'right', cell: (l) => formatQuantity(l.quantity) },
    { header: 'Ед.', width: 35, align: 'center', cell: (l) => l.unit },
    { header: 'Цена', width: 60, align: 'right', cell: (l) => formatMoney(l.priceKopecks) },
  ];
  if (s.lines.some((l) => l.discountKopecks > 0)) {
    columns.push({
      header: 'Скидка',
      width: 50,
      align: 'right',
      cell: (l) => (l.discountKopecks ? formatMoney(l.discountKopecks) : dash),
    });
  }
  columns.push({
    header: 'Сумма',
    width: 65,
    align: 'right',
    cell: (l) => formatMoney(lineSum(s, l)),
  });
  return columns;
}

/** Does this document charge VAT at all? «Без налога (НДС)» otherwise. */
export const chargesVat = (s: DocumentSnapshot): boolean =>
  s.seller.vatPayer && s.totals.vatByRate.some((r) => r.rate !== null);

/** The VAT lines under a table: «В том числе НДС (22 %):» / «НДС (22 %):» / «Без налога (НДС)». */
export function vatRows(s: DocumentSnapshot, noVat = 'Без налога (НДС)'): [string, string][] {
  if (!chargesVat(s)) return [[noVat, dash]];
  const label = s.vatMode === 'included' ? 'В том числе НДС' : 'НДС';
  return s.totals.vatByRate
    .filter((r) => r.rate !== null)
    .map((r) => [`${label} (${r.rate} %):`, formatMoney(r.vatKopecks)]);
}

/** Итого / VAT / Всего к оплате, right-aligned. */
export function totalsBlock(
  s: DocumentSnapshot,
  last = 'Всего к оплате:',
  noVat?: string,
): Content {
  const first = s.vatMode === 'included' ? s.totals.totalKopecks : s.totals.netKopecks;
  const rows: [string, string][] = [
    ['Итого:', formatMoney(first)],
    ...vatRows(s, noVat),
    [last, formatMoney(s.totals.totalKopecks)],
  ];
  return {
    table: {
      widths: ['*', 90],
      body: rows.map(([l, v]) => [
        { text: l, alignment: 'right', bold: true },
        { text: v, alignment: 'right', bold: true },
      ]),
    },
    layout: 'noBorders',
    margin: [0, 0, 0, 6],
  };
}

/** «Всего наименований 2, на сумму 34 900,00 руб.» and the amount in words, bold. */
export function totalInWords(s: DocumentSnapshot, lead = 'Всего наименований'): Content[] {
  return [
    { text: `${lead} ${s.lines.length}, на сумму ${formatMoney(s.totals.totalKopecks)} руб.` },
    { text: amountInWords(s.totals.totalKopecks), bold: true, margin: [0, 0, 0, 8] },
  ];
}

/** «Руководитель  ____________  /Иванов И. И./» with the signer's position above the line. */
export function signatureLine(label: string, signer: SignerSnapshot | null): Content {
  return {
    columns: [
      { width: 90, text: label, bold: true },
      { width: 100, text: signer?.position ?? '', fontSize: 7 },
      { width: 110, text: '_______________________' },
      { width: '*', text: signer ? `/${signer.name}/` : '/______________/' },
    ],
    margin: [0, 10, 0, 0],
  };
}

export const lineVat = (l: DocumentLineSnapshot): string =>
  l.vatRate === null ? 'без НДС' : formatMoney(l.vatKopecks);
export const lineRate = (l: DocumentLineSnapshot): string => formatVatRate(l.vatRate);

/** Unit price without VAT (graph 4 of the УПД, 11 of ТОРГ-12): the snapshot's when it has one,
 * else the line's net sum over its quantity, rounded to the kopeck as 1C prints it. */
export function netPrice(s: DocumentSnapshot, l: DocumentLineSnapshot): number {
  if (l.priceNetKopecks !== undefined) return l.priceNetKopecks;
  if (s.vatMode === 'on_top' && l.discountKopecks === 0) return l.priceKopecks;
  const qty = Number(l.quantity);
  return qty > 0 ? Math.round(l.netKopecks / qty) : l.priceKopecks;
}

/** A footer row of a lines table: `label` spanning the first `span` columns, then `values` by
 * column index (others blank), `width` columns in all. */
export function sumRow(
  label: string,
  span: number,
  width: number,
  values: Record<number, string>,
): TableCell[] {
  const row: TableCell[] = [{ text: label, colSpan: span, alignment: 'right', bold: true }];
  for (let i = 1; i < span; i++) row.push('');
  for (let i = span; i < width; i++)
    row.push({ text: values[i] ?? '', alignment: 'right', bold: true });
  return row;
}

/** Two signature blocks side by side: «Исполнитель» / «Заказчик» with position, line, name. */
export function twoSigners(
  left: { label: string; signer: SignerSnapshot | null; name: string },
  right: { label: string; signer: SignerSnapshot | null; name: string },
): Content {
  const block = (b: typeof left): Content => ({
    stack: [
      { text: b.label, bold: true },
      { text: b.name, fontSize: 8 },
      { text: b.signer?.position ?? '', margin: [0, 8, 0, 0] },
      { text: `____________________ /${b.signer?.name ?? '                    '}/` },
      { text: 'М.П.', fontSize: 7, margin: [0, 4, 0, 0] },
    ],
  });
  return { columns: [block(left), block(right)], columnGap: 30, margin: [0, 14, 0, 0] };
}
