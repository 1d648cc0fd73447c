import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { formatDateLong } from '../format.js';
import { paymentQrPayload, paymentQrPng } from '../qr.js';
import type { DocumentSnapshot, RenderAssets } from '../snapshot.js';
import { dataUrl } from './engine.js';
import {
  documentTitle,
  labelled,
  linesTable,
  requisites,
  rule,
  signatureLine,
  simpleColumns,
  totalInWords,
  totalsBlock,
} from './parts.js';

// Счёт на оплату as 1C prints it (RU-DOCUMENTS.md §2): the bank block the payer copies into the
// payment order, the title, the parties, the lines, totals, the amount in words, the signatures
// with the stamp and signature images when given, and the payment QR code.

const small = (text: string, colSpan: number): TableCell => ({
  text,
  colSpan,
  fontSize: 7,
  border: [true, false, true, true],
});

function bankBlock(s: DocumentSnapshot): Content | null {
  const bank = s.seller.bank;
  if (!bank) return null;
  const body: TableCell[][] = [
    [{ text: bank.bankName, colSpan: 2, border: [true, true, true, false] }, '', 'БИК', bank.bik],
    [small('Банк получателя', 2), '', 'Сч. №', bank.correspondentAccount],
    [
      `ИНН ${s.seller.inn ?? ''}`,
      `КПП ${s.seller.kpp ?? ''}`,
      { text: 'Сч. №', rowSpan: 3 },
      { text: bank.settlementAccount, rowSpan: 3 },
    ],
    [{ text: s.seller.name, colSpan: 2, border: [true, true, true, false] }, '', '', ''],
    [small('Получатель', 2), '', '', ''],
  ];
  return { table: { widths: ['*', '*', 40, 140], body }, margin: [0, 4, 0, 8] };
}

function header(s: DocumentSnapshot, assets: RenderAssets): Content[] {
  const out: Content[] = [];
  if (assets.logo) out.push({ image: dataUrl(assets.logo), fit: [140, 50], margin: [0, 0, 0, 6] });
  out.push({
    text:
      'Внимание! Оплата данного счёта означает согласие с условиями поставки товара (оказания ' +
      'услуг). Товар отпускается по факту прихода денег на р/с Поставщика.',
    fontSize: 7,
    alignment: 'center',
    margin: [0, 0, 0, 4],
  });
  const bank = bankBlock(s);
  if (bank) out.push(bank);
  out.push(documentTitle('Счёт на оплату', s), rule());
  out.push(labelled('Поставщик (Исполнитель):', requisites(s.seller)));
  out.push(labelled('Покупатель (Заказчик):', requisites(s.buyer)));
  if (s.basis) out.push(labelled('Основание:', s.basis));
  return out;
}

async function wordsAndQr(s: DocumentSnapshot): Promise<Content> {
  const words: Content[] = [...totalInWords(s)];
  if (s.dueDate) words.push({ text: `Оплатить не позднее ${formatDateLong(s.dueDate)}` });
  if (s.notes) words.push({ text: s.notes, margin: [0, 4, 0, 0] });
  if (!s.seller.bank) return { stack: words };
  const qr = await paymentQrPng(paymentQrPayload(s));
  return {
    columns: [
      { width: '*', stack: words },
      {
        width: 100,
        stack: [
          { image: dataUrl({ mime: 'image/png', data: qr }), width: 95 },
          { text: 'Оплата по QR-коду', fontSize: 7, alignment: 'center' },
        ],
      },
    ],
    columnGap: 10,
  };
}

// An individual entrepreneur (12-digit ИНН) signs once, as «Предприниматель» (RU-DOCUMENTS §2).
const isEntrepreneur = (s: DocumentSnapshot) => s.seller.inn?.length === 12;

function signatures(s: DocumentSnapshot, assets: RenderAssets): Content[] {
  const head = isEntrepreneur(s) ? 'Предприниматель' : 'Руководитель';
  const out: Content[] = [rule(), signatureLine(head, s.seller.director)];
  if (assets.signature) {
    out.push({
      image: dataUrl(assets.signature),
      fit: [90, 40],
      relativePosition: { x: 200, y: -30 },
    });
  }
  if (!isEntrepreneur(s)) {
    out.push(signatureLine('Бухгалтер', s.seller.accountant ?? s.seller.director));
  }
  if (assets.stamp) {
    out.push({
      image: dataUrl(assets.stamp),
      fit: [110, 110],
      relativePosition: { x: 90, y: -70 },
    });
  }
  return out;
}

export async function invoiceContent(
  s: DocumentSnapshot,
  assets: RenderAssets,
): Promise<Content[]> {
  return [
    ...header(s, assets),
    linesTable(s.lines, simpleColumns(s, 'Товары (работы, услуги)')),
    totalsBlock(s, 'Всего к оплате:', 'Без НДС'),
    await wordsAndQr(s),
    ...signatures(s, assets),
  ];
}
