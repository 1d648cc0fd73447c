import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { formatDateLong, formatMoney, formatVatRate } from '../format.js';
import type { PriceListSnapshot } from '../snapshot.js';

// A price list: the seller, the period, whether prices include VAT, and the items grouped by
// category in the order given.

export const priceListVatNote = (p: PriceListSnapshot): string =>
  p.vatMode === 'included'
    ? 'Цены указаны с учётом НДС'
    : 'Цены указаны без НДС, НДС начисляется сверху';

export function priceListPeriod(p: PriceListSnapshot): string {
  if (p.validFrom && p.validTo) {
    return `Действует с ${formatDateLong(p.validFrom)} по ${formatDateLong(p.validTo)}`;
  }
  if (p.validFrom) return `Действует с ${formatDateLong(p.validFrom)}`;
  if (p.validTo) return `Действует по ${formatDateLong(p.validTo)}`;
  return `По состоянию на ${formatDateLong(p.date)}`;
}

/** Items grouped by category, keeping their order; uncategorised items come under «Прочее». */
export function byCategory(p: PriceListSnapshot): [string, PriceListSnapshot['items']][] {
  const groups = new Map<string, PriceListSnapshot['items']>();
  for (const item of p.items) {
    const key = item.category ?? 'Прочее';
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups];
}

function table(p: PriceListSnapshot): Content {
  const head = ['Артикул', 'Наименование', 'Ед.', 'Цена, руб.', 'НДС'].map((text): TableCell => ({
    text,
    bold: true,
    fillColor: '#eeeeee',
    alignment: 'center',
  }));
  const body: TableCell[][] = [head];
  for (const [category, items] of byCategory(p)) {
    body.push([{ text: category, colSpan: 5, bold: true }, '', '', '', '']);
    for (const i of items) {
      body.push([
        i.sku ?? '',
        i.name,
        { text: i.unit, alignment: 'center' },
        { text: formatMoney(i.priceKopecks), alignment: 'right' },
        { text: formatVatRate(i.vatRate), alignment: 'center' },
      ]);
    }
  }
  return { table: { headerRows: 1, widths: [70, '*', 35, 70, 45], body }, margin: [0, 6, 0, 0] };
}

export function priceListContent(p: PriceListSnapshot): Content[] {
  const seller = [
    p.seller.name,
    p.seller.inn && `ИНН ${p.seller.inn}`,
    p.seller.address,
    p.seller.phone && `тел. ${p.seller.phone}`,
  ]
    .filter(Boolean)
    .join(', ');
  return [
    { text: seller, fontSize: 8 },
    { text: p.name, fontSize: 14, bold: true, margin: [0, 8, 0, 2] },
    { text: priceListPeriod(p) },
    { text: priceListVatNote(p) },
    table(p),
    { text: `Дата печати: ${formatDateLong(p.date)}`, fontSize: 7, margin: [0, 6, 0, 0] },
  ];
}
