import type { Content } from 'pdfmake/interfaces.js';
import { formatDateLong } from '../format.js';
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

// Коммерческое предложение: who offers what to whom, the lines with discounts, totals, how long
// the offer holds and the notes; signed by the seller's director.

export function quoteContent(s: DocumentSnapshot, assets: RenderAssets): Content[] {
  const out: Content[] = [];
  if (assets.logo) out.push({ image: dataUrl(assets.logo), fit: [140, 50], margin: [0, 0, 0, 6] });
  out.push(documentTitle('Коммерческое предложение', s), rule());
  out.push(labelled('От:', requisites(s.seller)));
  out.push(labelled('Для:', requisites(s.buyer)));
  if (s.dealTitle) out.push(labelled('Предмет:', s.dealTitle));
  out.push(linesTable(s.lines, simpleColumns(s, 'Товары (работы, услуги)')));
  out.push(totalsBlock(s, 'Итого по предложению:'));
  out.push(...totalInWords(s));
  if (s.dueDate) {
    out.push({ text: `Предложение действительно до ${formatDateLong(s.dueDate)}`, bold: true });
  }
  if (s.notes) out.push({ text: s.notes, margin: [0, 6, 0, 0] });
  out.push(signatureLine('С уважением,', s.seller.director));
  if (assets.signature) {
    out.push({
      image: dataUrl(assets.signature),
      fit: [90, 40],
      relativePosition: { x: 200, y: -30 },
    });
  }
  return out;
}
