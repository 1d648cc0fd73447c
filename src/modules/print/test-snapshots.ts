import type { DocumentLineSnapshot, DocumentSnapshot, PriceListSnapshot } from './snapshot.js';

// The invented requisites of RU-DOCUMENTS.md §12 (they pass every check digit) as snapshots for the
// tests and the bench: счёт № 245 от 01.12.2026, two lines, prices include VAT 22 %.

export const seller: DocumentSnapshot['seller'] = {
  name: 'ООО «Ромашка-Софт»',
  inn: '7704123450',
  kpp: '770401001',
  ogrn: '1257700123450',
  address: '123456, г. Москва, ул. Примерная, д. 1',
  phone: '+7 495 123-45-67',
  bank: {
    bankName: 'АО «ТЕСТ-БАНК»',
    bik: '044525987',
    correspondentAccount: '30101810145250000987',
    settlementAccount: '40702810500000012345',
  },
  director: { name: 'Петров П. П.', position: 'Генеральный директор', basis: 'Устава' },
  accountant: { name: 'Сидорова С. С.', position: 'Главный бухгалтер', basis: null },
  vatPayer: true,
};

export const buyer: DocumentSnapshot['buyer'] = {
  name: 'ООО «Вектор»',
  inn: '5003123458',
  kpp: '500301001',
  ogrn: '1205000543219',
  address: '142000, Московская обл., г. Домодедово, ул. Тестовая, д. 5',
  phone: null,
  bank: {
    bankName: 'АО «ТЕСТ-БАНК»',
    bik: '044525987',
    correspondentAccount: '30101810145250000987',
    settlementAccount: '40702810100000054321',
  },
};

const line = (over: Partial<DocumentLineSnapshot>): DocumentLineSnapshot => ({
  position: 1,
  name: '',
  sku: null,
  unit: 'шт',
  okei: '796',
  quantity: '1',
  priceKopecks: 0,
  discountKopecks: 0,
  vatRate: 22,
  netKopecks: 0,
  vatKopecks: 0,
  totalKopecks: 0,
  ...over,
});

export const invoice245: DocumentSnapshot = {
  type: 'invoice',
  number: '245',
  date: '2026-12-01',
  currency: 'RUB',
  vatMode: 'included',
  seller,
  buyer,
  lines: [
    line({
      position: 1,
      name: 'Лицензия CRM «Воронка», тариф «Команда», 12 мес.',
      sku: 'LIC-TEAM-12',
      quantity: '2',
      priceKopecks: 1_195_000,
      netKopecks: 1_959_016,
      vatKopecks: 430_984,
      totalKopecks: 2_390_000,
    }),
    line({
      position: 2,
      name: 'Внедрение и обучение персонала',
      unit: 'ч',
      okei: '356',
      quantity: '4',
      priceKopecks: 275_000,
      netKopecks: 901_639,
      vatKopecks: 198_361,
      totalKopecks: 1_100_000,
    }),
  ],
  totals: {
    grossKopecks: 3_490_000,
    discountKopecks: 0,
    netKopecks: 2_860_655,
    vatKopecks: 629_345,
    totalKopecks: 3_490_000,
    vatByRate: [{ rate: 22, netKopecks: 2_860_655, vatKopecks: 629_345 }],
  },
  dueDate: '2026-12-10',
  paymentPurpose: 'Оплата по счёту № 245 от 01.12.2026. В т.ч. НДС (22%) 6293,45 руб.',
  basis: 'Договор № 7 от 01.11.2026',
  dealTitle: 'Внедрение CRM для ООО «Вектор»',
  updStatus: null,
  notes: 'Срок поставки — 5 рабочих дней с момента оплаты.',
};

export const asType = (
  type: DocumentSnapshot['type'],
  over: Partial<DocumentSnapshot> = {},
): DocumentSnapshot => ({ ...invoice245, type, ...over });

/** An invoice of `n` lines of 1 шт at 100,00 ₽ incl. 22 % VAT (18,03 VAT each). */
export function longInvoice(n: number): DocumentSnapshot {
  const lines = Array.from({ length: n }, (_, i) =>
    line({
      position: i + 1,
      name: `Позиция каталога № ${i + 1}: кабель-канал 40×25 мм, белый`,
      priceKopecks: 10_000,
      netKopecks: 8_197,
      vatKopecks: 1_803,
      totalKopecks: 10_000,
    }),
  );
  return {
    ...invoice245,
    number: '246',
    lines,
    totals: {
      grossKopecks: n * 10_000,
      discountKopecks: 0,
      netKopecks: n * 8_197,
      vatKopecks: n * 1_803,
      totalKopecks: n * 10_000,
      vatByRate: [{ rate: 22, netKopecks: n * 8_197, vatKopecks: n * 1_803 }],
    },
  };
}

export const priceList: PriceListSnapshot = {
  name: 'Прайс-лист «Розница» 2026',
  currency: 'RUB',
  validFrom: '2026-12-01',
  validTo: '2026-12-31',
  date: '2026-12-03',
  seller: { name: seller.name, inn: seller.inn, phone: seller.phone, address: seller.address },
  vatMode: 'included',
  items: [
    {
      sku: 'LIC-TEAM-12',
      name: 'Лицензия «Команда», 12 мес.',
      category: 'Лицензии',
      unit: 'шт',
      priceKopecks: 1_195_000,
      vatRate: 22,
    },
    {
      sku: 'IMPL-H',
      name: 'Внедрение, час',
      category: 'Услуги',
      unit: 'ч',
      priceKopecks: 275_000,
      vatRate: 22,
    },
    {
      sku: null,
      name: 'Книга «CRM без боли»',
      category: null,
      unit: 'шт',
      priceKopecks: 99_000,
      vatRate: 10,
    },
  ],
};
