import { quantityMilli } from '@voronka/contract';
import type { Column as PdfColumn, Content, TableCell } from 'pdfmake/interfaces.js';
import { formatDateShort, formatMoney, formatQuantity } from '../format.js';
import type { DocumentSnapshot, RenderAssets } from '../snapshot.js';
import { amountInWords } from '../words.js';
import { dataUrl } from './engine.js';
import {
  chargesVat,
  dash,
  lineRate,
  lineVat,
  linesTable,
  netPrice,
  or,
  requisites,
  sumRow,
  type Column,
} from './parts.js';

// Товарная накладная, unified form ТОРГ-12 (ОКУД 0330212, Постановление Госкомстата от
// 25.12.1998 № 132), landscape, with its 15 numbered columns (RU-DOCUMENTS.md §4). Packing,
// places and gross weight are not tracked by Voronka and print as dashes.

const columns = (s: DocumentSnapshot): Column[] => [
  { header: 'Номер по порядку', width: 24, align: 'center', cell: (l) => String(l.position) },
  { header: 'Товар: наименование, характеристика, сорт, артикул', width: '*', cell: (l) => l.name },
  { header: 'Товар: код', width: 45, cell: (l) => or(l.sku) },
  { header: 'Ед. изм.: наименование', width: 34, align: 'center', cell: (l) => l.unit },
  { header: 'Ед. изм.: код по ОКЕИ', width: 30, align: 'center', cell: (l) => or(l.okei) },
  { header: 'Вид упаковки', width: 30, align: 'center', cell: () => dash },
  { header: 'Кол-во в одном месте', width: 30, align: 'center', cell: () => dash },
  { header: 'Кол-во мест, штук', width: 30, align: 'center', cell: () => dash },
  { header: 'Масса брутто', width: 34, align: 'center', cell: () => dash },
  {
    header: 'Количество (масса нетто)',
    width: 45,
    align: 'right',
    cell: (l) => formatQuantity(l.quantity),
  },
  {
    header: 'Цена, руб. коп.',
    width: 55,
    align: 'right',
    cell: (l) => formatMoney(netPrice(s, l)),
  },
  {
    header: 'Сумма без учёта НДС, руб. коп.',
    width: 60,
    align: 'right',
    cell: (l) => formatMoney(l.netKopecks),
  },
  { header: 'НДС: ставка, %', width: 36, align: 'center', cell: lineRate },
  { header: 'НДС: сумма, руб. коп.', width: 52, align: 'right', cell: lineVat },
  {
    header: 'Сумма с учётом НДС, руб. коп.',
    width: 60,
    align: 'right',
    cell: (l) => formatMoney(l.totalKopecks),
  },
];

function codes(s: DocumentSnapshot): PdfColumn {
  const row = (label: string, value: string): TableCell[] => [
    { text: label, alignment: 'right', border: [false, false, false, false] },
    { text: value, alignment: 'center' },
  ];
  return {
    width: 200,
    stack: [
      { text: 'Унифицированная форма № ТОРГ-12', fontSize: 6, alignment: 'right' },
      {
        text: 'Утверждена постановлением Госкомстата России от 25.12.98 № 132',
        fontSize: 6,
        alignment: 'right',
      },
      {
        table: {
          widths: ['*', 80],
          body: [
            row('', 'Коды'),
            row('Форма по ОКУД', '0330212'),
            row('по ОКПО', ''),
            row('Вид деятельности по ОКДП', ''),
            row('по ОКПО', ''),
            row('по ОКПО', ''),
            row('по ОКПО', ''),
            row('Основание: номер', s.basis ? '' : dash),
          ],
        },
        fontSize: 7,
      },
    ],
  };
}

function parties(s: DocumentSnapshot): PdfColumn {
  const line = (label: string, value: string): Content => ({
    columns: [
      { width: 90, text: label, fontSize: 7 },
      { width: '*', text: value, decoration: 'underline' },
    ],
    margin: [0, 1, 0, 1],
  });
  return {
    width: '*',
    stack: [
      line('Грузоотправитель', requisites(s.seller, true)),
      line('Грузополучатель', requisites(s.buyer, true)),
      line('Поставщик', requisites(s.seller, true)),
      line('Плательщик', requisites(s.buyer, true)),
      line('Основание', or(s.basis)),
    ],
  };
}

function titleBlock(s: DocumentSnapshot): Content {
  return {
    columns: [
      {
        width: '*',
        text: 'ТОВАРНАЯ НАКЛАДНАЯ',
        fontSize: 12,
        bold: true,
        alignment: 'right',
        margin: [0, 10, 10, 0],
      },
      {
        width: 180,
        table: {
          widths: ['*', '*'],
          body: [
            ['Номер документа', 'Дата составления'],
            [
              { text: s.number, bold: true, alignment: 'center' },
              { text: formatDateShort(s.date), bold: true, alignment: 'center' },
            ],
          ],
        },
        fontSize: 7,
      },
      { width: 200, text: '' },
    ],
    margin: [0, 6, 0, 6],
  };
}

function footer(s: DocumentSnapshot, assets: RenderAssets): Content[] {
  const total = amountInWords(s.totals.totalKopecks);
  const sign = (label: string, who: string): Content => ({
    text: `${label}  ____________  ____________  /${who}/`,
    margin: [0, 6, 0, 0],
  });
  const director = s.seller.director;
  const out: Content[] = [
    {
      text: `Товарная накладная содержит ${s.lines.length} порядковых номеров записей`,
      margin: [0, 6, 0, 0],
    },
    { text: ['Всего отпущено на сумму ', { text: total, bold: true }] },
    {
      columns: [
        {
          stack: [
            sign('Отпуск груза разрешил', director ? `${director.position} ${director.name}` : ''),
            sign('Главный (старший) бухгалтер', s.seller.accountant?.name ?? ''),
            sign('Отпуск груза произвёл', ''),
            { text: `М.П.     ${formatDateShort(s.date)}`, margin: [0, 8, 0, 0] },
          ],
        },
        {
          stack: [
            { text: 'По доверенности № ________ от ________, выданной ______________________' },
            sign('Груз принял', ''),
            sign('Груз получил грузополучатель', ''),
            { text: 'М.П.     «___» ____________ 20__ г.', margin: [0, 8, 0, 0] },
          ],
        },
      ],
      columnGap: 30,
      fontSize: 8,
    },
  ];
  if (assets.stamp) {
    out.push({ image: dataUrl(assets.stamp), fit: [90, 90], relativePosition: { x: 20, y: -90 } });
  }
  return out;
}

const milli = (q: bigint): string => `${q / 1000n}.${String(q % 1000n).padStart(3, '0')}`;

export function torg12Content(s: DocumentSnapshot, assets: RenderAssets): Content[] {
  const cols = columns(s);
  const sums = {
    12: formatMoney(s.totals.netKopecks),
    13: 'Х',
    14: chargesVat(s) ? formatMoney(s.totals.vatKopecks) : 'без НДС',
    15: formatMoney(s.totals.totalKopecks),
  };
  // Columns are 0-based in the row; the form's numbers are 1-based.
  const values = Object.fromEntries(Object.entries(sums).map(([k, v]) => [Number(k) - 1, v]));
  const qty = s.lines.reduce((n, l) => n + quantityMilli(l.quantity), 0n);
  const footerRows = [
    sumRow('Итого', 9, 15, { ...values, 9: formatQuantity(milli(qty)) }),
    sumRow('Всего по накладной', 9, 15, { ...values, 9: formatQuantity(milli(qty)) }),
  ];
  const numbers = cols.map((_, i) => String(i + 1));
  return [
    { columns: [parties(s), codes(s)], columnGap: 10 },
    titleBlock(s),
    linesTable(s.lines, cols, footerRows, 6.5, numbers),
    ...footer(s, assets),
  ];
}
