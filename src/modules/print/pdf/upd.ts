import type { Column as PdfColumn, Content, TableCell } from 'pdfmake/interfaces.js';
import { formatDateLong, formatDateShort, formatMoney, formatQuantity } from '../format.js';
import type { DocumentSnapshot, RenderAssets } from '../snapshot.js';
import { dataUrl } from './engine.js';
import {
  chargesVat,
  dash,
  innKpp,
  lineRate,
  lineVat,
  linesTable,
  netPrice,
  or,
  sumRow,
  type Column,
} from './parts.js';

// Универсальный передаточный документ on the счёт-фактура form of ПП № 1137 (in the edition of
// ПП № 26 of 23.01.2026: line 5б), with the status box on the left and the transfer part [8]–[19]
// below (RU-DOCUMENTS.md §3). Landscape. Status 1 = счёт-фактура and transfer document, 2 =
// transfer document only; without VAT graphs 7 and 8 read «без НДС».

const STATUS_LEGEND =
  '1 — счёт-фактура и передаточный документ (акт)\n2 — передаточный документ (акт)';

const columns = (s: DocumentSnapshot): [string, Column][] => [
  ['А', { header: 'Код товара/ работ, услуг', width: 40, cell: (l) => or(l.sku) }],
  ['1', { header: '№ п/п', width: 18, align: 'center', cell: (l) => String(l.position) }],
  [
    '1а',
    {
      header:
        'Наименование товара (описание выполненных работ, оказанных услуг), имущественного права',
      width: '*',
      cell: (l) => l.name,
    },
  ],
  ['1б', { header: 'Код вида товара', width: 30, align: 'center', cell: () => dash }],
  ['2', { header: 'Ед. изм.: код', width: 26, align: 'center', cell: (l) => or(l.okei) }],
  [
    '2а',
    { header: 'Ед. изм.: условное обозначение', width: 36, align: 'center', cell: (l) => l.unit },
  ],
  [
    '3',
    {
      header: 'Количество (объём)',
      width: 40,
      align: 'right',
      cell: (l) => formatQuantity(l.quantity),
    },
  ],
  [
    '4',
    {
      header: 'Цена (тариф) за единицу измерения',
      width: 50,
      align: 'right',
      cell: (l) => formatMoney(netPrice(s, l)),
    },
  ],
  [
    '5',
    {
      header: 'Стоимость товаров без налога — всего',
      width: 56,
      align: 'right',
      cell: (l) => formatMoney(l.netKopecks),
    },
  ],
  [
    '6',
    { header: 'В том числе сумма акциза', width: 34, align: 'center', cell: () => 'без акциза' },
  ],
  ['7', { header: 'Налоговая ставка', width: 34, align: 'center', cell: lineRate }],
  [
    '8',
    { header: 'Сумма налога, предъявляемая покупателю', width: 50, align: 'right', cell: lineVat },
  ],
  [
    '9',
    {
      header: 'Стоимость товаров с налогом — всего',
      width: 56,
      align: 'right',
      cell: (l) => formatMoney(l.totalKopecks),
    },
  ],
  ['10', { header: 'Страна происхождения: код', width: 28, align: 'center', cell: () => dash }],
  ['10а', { header: 'Страна: краткое наименование', width: 34, align: 'center', cell: () => dash }],
  [
    '11',
    {
      header: 'Рег. номер декларации на товары или РНПТ',
      width: 44,
      align: 'center',
      cell: () => dash,
    },
  ],
];

function statusBox(s: DocumentSnapshot): PdfColumn {
  return {
    width: 120,
    stack: [
      { text: 'Универсальный передаточный документ', bold: true, fontSize: 10 },
      {
        table: {
          widths: [40, 30],
          body: [
            [
              'Статус:',
              { text: String(s.updStatus ?? 1), bold: true, fontSize: 12, alignment: 'center' },
            ],
          ],
        },
        margin: [0, 6, 0, 6],
      },
      { text: STATUS_LEGEND, fontSize: 6.5 },
    ],
  };
}

function headerLines(s: DocumentSnapshot): PdfColumn {
  const goods = s.lines.some((l) => l.okei !== '356' && l.unit !== 'усл. ед.');
  const lastRow = s.lines.length;
  const line = (label: string, value: string, no: string): TableCell[] => [
    { text: label, fontSize: 7 },
    { text: value, bold: true },
    { text: `(${no})`, fontSize: 6, alignment: 'right' },
  ];
  const body: TableCell[][] = [
    line('Счёт-фактура №', `${s.number} от ${formatDateLong(s.date)}`, '1'),
    line('Исправление №', `${dash} от ${dash}`, '1а'),
    line('Продавец', s.seller.name, '2'),
    line('Адрес', or(s.seller.address), '2а'),
    line('ИНН/КПП продавца', innKpp(s.seller), '2б'),
    line('Грузоотправитель и его адрес', goods ? 'он же' : dash, '3'),
    line(
      'Грузополучатель и его адрес',
      goods ? `${s.buyer.name}, ${or(s.buyer.address)}` : dash,
      '4',
    ),
    line('К платёжно-расчётному документу', `№ ${dash} от ${dash}`, '5'),
    line(
      'Документ об отгрузке',
      `№ п/п 1–${lastRow} Универсальный передаточный документ № ${s.number} от ${formatDateShort(s.date)}`,
      '5а',
    ),
    line('Счёт-фактура на аванс', dash, '5б'),
    line('Покупатель', s.buyer.name, '6'),
    line('Адрес', or(s.buyer.address), '6а'),
    line('ИНН/КПП покупателя', innKpp(s.buyer), '6б'),
    line('Валюта: наименование, код', 'Российский рубль, 643', '7'),
    line(
      'Идентификатор государственного контракта, договора (соглашения) (при наличии)',
      dash,
      '8',
    ),
  ];
  return {
    width: '*',
    stack: [
      {
        text: 'Приложение № 1 к постановлению Правительства РФ от 26.12.2011 № 1137 (в ред. постановления от 23.01.2026 № 26)',
        fontSize: 6,
        alignment: 'right',
      },
      { table: { widths: [130, '*', 18], body }, layout: 'noBorders', fontSize: 7.5 },
    ],
  };
}

function linesGrid(s: DocumentSnapshot): Content {
  const named = columns(s);
  const cols = named.map(([, c]) => c);
  const total = sumRow('Всего к оплате', 8, cols.length, {
    8: formatMoney(s.totals.netKopecks),
    9: 'Х',
    10: 'Х',
    11: chargesVat(s) ? formatMoney(s.totals.vatKopecks) : 'без НДС',
    12: formatMoney(s.totals.totalKopecks),
  });
  return linesTable(
    s.lines,
    cols,
    [total],
    6.5,
    named.map(([n]) => n),
  );
}

const signer = (label: string, name: string | undefined): Content => ({
  columns: [
    { width: 150, text: label, fontSize: 7 },
    { width: 80, text: '____________' },
    { width: '*', text: name ?? '' },
  ],
  margin: [0, 6, 0, 0],
});

function transferPart(s: DocumentSnapshot): Content {
  const d = s.seller.director;
  const who = d ? `${d.position} ${d.name}` : '';
  const seller: Content[] = [
    { text: `Основание передачи (сдачи) / получения (приёмки): ${or(s.basis)}  [8]` },
    { text: `Данные о транспортировке и грузе: ${dash}  [9]` },
    signer('Товар (груз) передал / услуги, результаты работ, права сдал  [10]', who),
    {
      text: `Дата отгрузки, передачи (сдачи): ${formatDateLong(s.date)}  [11]`,
      margin: [0, 4, 0, 0],
    },
    { text: `Иные сведения об отгрузке, передаче: ${or(s.notes)}  [12]` },
    signer('Ответственный за правильность оформления факта хозяйственной жизни  [13]', who),
    { text: `${s.seller.name}, ИНН/КПП ${innKpp(s.seller)}  [14]`, margin: [0, 4, 0, 0] },
    { text: 'М.П.', fontSize: 7 },
  ];
  const buyer: Content[] = [
    signer('Товар (груз) получил / услуги, результаты работ, права принял  [15]', ''),
    { text: 'Дата получения (приёмки): «___» ____________ 20__ г.  [16]', margin: [0, 4, 0, 0] },
    { text: 'Иные сведения о получении, приёмке: ____________  [17]' },
    signer('Ответственный за правильность оформления факта хозяйственной жизни  [18]', ''),
    { text: `${s.buyer.name}, ИНН/КПП ${innKpp(s.buyer)}  [19]`, margin: [0, 4, 0, 0] },
    { text: 'М.П.', fontSize: 7 },
  ];
  return {
    columns: [{ stack: seller }, { stack: buyer }],
    columnGap: 24,
    fontSize: 7.5,
    margin: [0, 8, 0, 0],
  };
}

export function updContent(s: DocumentSnapshot, assets: RenderAssets): Content[] {
  const out: Content[] = [
    { columns: [statusBox(s), headerLines(s)], columnGap: 10 },
    linesGrid(s),
    signer('Руководитель организации или иное уполномоченное лицо', s.seller.director?.name),
    signer('Главный бухгалтер или иное уполномоченное лицо', s.seller.accountant?.name),
    transferPart(s),
  ];
  if (assets.stamp) {
    out.push({ image: dataUrl(assets.stamp), fit: [90, 90], relativePosition: { x: 120, y: -80 } });
  }
  return out;
}
