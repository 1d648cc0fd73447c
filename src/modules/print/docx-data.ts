import {
  formatDateLong,
  formatDateShort,
  formatMoney,
  formatQuantity,
  formatVatRate,
} from './format.js';
import type { DocumentSnapshot, PartySnapshot, SellerSnapshot } from './snapshot.js';
import { amountInWords } from './words.js';

// The data a DOCX template sees: one flat object of printed strings whose keys are the placeholder
// names themselves («seller.name», not seller → name), so docxtemplater's property lookup reads
// them without any expression parser. Missing values print as empty strings.

export interface Placeholder {
  name: string;
  description: string;
}

const party = (prefix: string, who: string): Placeholder[] => [
  { name: `${prefix}.name`, description: `${who}: полное наименование` },
  { name: `${prefix}.inn`, description: `${who}: ИНН` },
  { name: `${prefix}.kpp`, description: `${who}: КПП` },
  { name: `${prefix}.ogrn`, description: `${who}: ОГРН` },
  { name: `${prefix}.address`, description: `${who}: адрес` },
  { name: `${prefix}.phone`, description: `${who}: телефон` },
  { name: `${prefix}.bankName`, description: `${who}: банк` },
  { name: `${prefix}.bik`, description: `${who}: БИК` },
  { name: `${prefix}.correspondentAccount`, description: `${who}: корр. счёт` },
  { name: `${prefix}.settlementAccount`, description: `${who}: расчётный счёт` },
];

const ROOT: Placeholder[] = [
  { name: 'title', description: 'Название документа: «Счёт на оплату», «Акт» …' },
  { name: 'number', description: 'Номер документа' },
  { name: 'date', description: 'Дата: «3 декабря 2026 г.»' },
  { name: 'dateShort', description: 'Дата: «03.12.2026»' },
  { name: 'dueDate', description: 'Оплатить до / действительно до' },
  { name: 'basis', description: 'Основание: договор' },
  { name: 'dealTitle', description: 'Название сделки' },
  { name: 'notes', description: 'Примечание' },
  { name: 'paymentPurpose', description: 'Назначение платежа' },
  ...party('seller', 'Продавец'),
  { name: 'seller.director.name', description: 'Руководитель продавца: ФИО' },
  { name: 'seller.director.position', description: 'Руководитель продавца: должность' },
  { name: 'seller.director.basis', description: 'Руководитель действует на основании' },
  { name: 'seller.accountant.name', description: 'Бухгалтер продавца: ФИО' },
  ...party('buyer', 'Покупатель'),
  { name: 'linesCount', description: 'Число позиций' },
  { name: 'net', description: 'Сумма без НДС' },
  { name: 'vat', description: 'Сумма НДС' },
  { name: 'total', description: 'Всего к оплате' },
  { name: 'totalInWords', description: 'Всего к оплате прописью' },
  {
    name: 'vatLabel',
    description: '«В том числе НДС (22 %): 6 293,45», «НДС (22 %): …» или «Без налога (НДС)»',
  },
];

const LINE: Placeholder[] = [
  { name: 'position', description: 'Номер строки' },
  { name: 'name', description: 'Наименование' },
  { name: 'sku', description: 'Артикул' },
  { name: 'unit', description: 'Единица измерения' },
  { name: 'okei', description: 'Код ОКЕИ' },
  { name: 'quantity', description: 'Количество' },
  { name: 'price', description: 'Цена' },
  { name: 'discount', description: 'Скидка' },
  { name: 'vatRate', description: 'Ставка НДС' },
  { name: 'net', description: 'Сумма без НДС' },
  { name: 'vat', description: 'Сумма НДС' },
  { name: 'total', description: 'Сумма с НДС' },
  { name: 'sum', description: 'Сумма строки как в документе (с НДС, если цены включают НДС)' },
];

const SECTIONS: Placeholder[] = [
  { name: 'lines', description: 'Цикл по строкам: {#lines}…{/lines}' },
  { name: 'vatPayer', description: 'Условие: продавец платит НДС — {#vatPayer}…{/vatPayer}' },
];

/** Every placeholder a template may use; `lines[].x` is `{x}` inside `{#lines}…{/lines}`. */
export const docxPlaceholders: readonly Placeholder[] = [
  ...ROOT,
  ...SECTIONS,
  ...LINE.map((p) => ({ name: `lines[].${p.name}`, description: p.description })),
];

export const ROOT_NAMES = new Set([...ROOT, ...SECTIONS].map((p) => p.name));
export const LINE_NAMES = new Set(LINE.map((p) => p.name));

const TITLES: Record<DocumentSnapshot['type'], string> = {
  quote: 'Коммерческое предложение',
  invoice: 'Счёт на оплату',
  act: 'Акт об оказании услуг',
  torg12: 'Товарная накладная',
  upd: 'Универсальный передаточный документ',
  contract: 'Договор поставки',
};

type Flat = Record<string, string>;

function partyData(prefix: string, p: PartySnapshot): Flat {
  const v = (x: string | null | undefined) => x ?? '';
  return {
    [`${prefix}.name`]: p.name,
    [`${prefix}.inn`]: v(p.inn),
    [`${prefix}.kpp`]: v(p.kpp),
    [`${prefix}.ogrn`]: v(p.ogrn),
    [`${prefix}.address`]: v(p.address),
    [`${prefix}.phone`]: v(p.phone),
    [`${prefix}.bankName`]: v(p.bank?.bankName),
    [`${prefix}.bik`]: v(p.bank?.bik),
    [`${prefix}.correspondentAccount`]: v(p.bank?.correspondentAccount),
    [`${prefix}.settlementAccount`]: v(p.bank?.settlementAccount),
  };
}

function signerData(s: SellerSnapshot): Flat {
  return {
    'seller.director.name': s.director?.name ?? '',
    'seller.director.position': s.director?.position ?? '',
    'seller.director.basis': s.director?.basis ?? '',
    'seller.accountant.name': s.accountant?.name ?? '',
  };
}

function vatLabel(s: DocumentSnapshot): string {
  const rates = s.totals.vatByRate.filter((r) => r.rate !== null);
  if (!s.seller.vatPayer || rates.length === 0) return 'Без налога (НДС)';
  const label = s.vatMode === 'included' ? 'В том числе НДС' : 'НДС';
  return rates.map((r) => `${label} (${r.rate} %): ${formatMoney(r.vatKopecks)}`).join('; ');
}

function lineData(s: DocumentSnapshot): Flat[] {
  return s.lines.map((l) => ({
    position: String(l.position),
    name: l.name,
    sku: l.sku ?? '',
    unit: l.unit,
    okei: l.okei ?? '',
    quantity: formatQuantity(l.quantity),
    price: formatMoney(l.priceKopecks),
    discount: l.discountKopecks ? formatMoney(l.discountKopecks) : '',
    vatRate: formatVatRate(l.vatRate),
    net: formatMoney(l.netKopecks),
    vat: l.vatRate === null ? 'без НДС' : formatMoney(l.vatKopecks),
    total: formatMoney(l.totalKopecks),
    sum: formatMoney(s.vatMode === 'included' ? l.totalKopecks : l.netKopecks),
  }));
}

/** The snapshot as the flat object a template reads. */
export function templateData(s: DocumentSnapshot): Record<string, unknown> {
  return {
    title: TITLES[s.type],
    number: s.number,
    date: formatDateLong(s.date),
    dateShort: formatDateShort(s.date),
    dueDate: s.dueDate ? formatDateLong(s.dueDate) : '',
    basis: s.basis ?? '',
    dealTitle: s.dealTitle ?? '',
    notes: s.notes ?? '',
    paymentPurpose: s.paymentPurpose,
    ...partyData('seller', s.seller),
    ...signerData(s.seller),
    ...partyData('buyer', s.buyer),
    linesCount: String(s.lines.length),
    net: formatMoney(s.totals.netKopecks),
    vat: formatMoney(s.totals.vatKopecks),
    total: formatMoney(s.totals.totalKopecks),
    totalInWords: amountInWords(s.totals.totalKopecks),
    vatLabel: vatLabel(s),
    vatPayer: s.seller.vatPayer,
    lines: lineData(s),
  };
}
