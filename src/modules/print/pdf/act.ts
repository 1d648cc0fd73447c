import type { Content } from 'pdfmake/interfaces.js';
import type { DocumentSnapshot, RenderAssets } from '../snapshot.js';
import { dataUrl } from './engine.js';
import {
  documentTitle,
  labelled,
  linesTable,
  requisites,
  rule,
  simpleColumns,
  totalInWords,
  totalsBlock,
  twoSigners,
} from './parts.js';

// Акт об оказании услуг (выполнении работ), 1C's layout (RU-DOCUMENTS.md §5): it carries every
// requisite of a primary document (402-ФЗ ст. 9 ч. 2) and the customer's «no claims» statement.

export function actContent(s: DocumentSnapshot, assets: RenderAssets): Content[] {
  const out: Content[] = [
    documentTitle('Акт об оказании услуг (выполнении работ)', s),
    rule(),
    labelled('Исполнитель:', requisites(s.seller)),
    labelled('Заказчик:', requisites(s.buyer)),
  ];
  if (s.basis) out.push(labelled('Основание:', s.basis));
  out.push(linesTable(s.lines, simpleColumns(s, 'Наименование работ, услуг')));
  out.push(totalsBlock(s, 'Всего:'));
  out.push(...totalInWords(s, 'Всего оказано услуг'));
  out.push({
    text:
      'Вышеперечисленные услуги (работы) выполнены полностью и в срок. Заказчик претензий по ' +
      'объёму, качеству и срокам оказания услуг (выполнения работ) не имеет.',
    margin: [0, 0, 0, 4],
  });
  if (s.notes) out.push({ text: s.notes });
  out.push(rule());
  out.push(
    twoSigners(
      { label: 'Исполнитель', signer: s.seller.director, name: s.seller.name },
      { label: 'Заказчик', signer: null, name: s.buyer.name },
    ),
  );
  if (assets.stamp) {
    out.push({
      image: dataUrl(assets.stamp),
      fit: [100, 100],
      relativePosition: { x: 60, y: -80 },
    });
  }
  return out;
}
