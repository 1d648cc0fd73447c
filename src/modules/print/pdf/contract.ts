import type { Content } from 'pdfmake/interfaces.js';
import { formatDateLong, formatMoney } from '../format.js';
import type { DocumentSnapshot, PartySnapshot, SellerSnapshot } from '../snapshot.js';
import { amountInWords } from '../words.js';
import {
  chargesVat,
  linesTable,
  requisites,
  rule,
  simpleColumns,
  totalsBlock,
  twoSigners,
} from './parts.js';

// A plain built-in contract of supply (договор поставки): the parties, a few standard sections,
// the lines as its specification (Приложение № 1) and both parties' requisites and signatures.
// Workspaces that need their own wording upload a DOCX template instead.

// «ООО «Ромашка», от имени которого действует Генеральный директор Петров П. П. на основании
// Устава»: the nominative case throughout, since positions are not declined here.
const signer = (party: PartySnapshot, s?: SellerSnapshot): string => {
  const d = s?.director;
  if (!d) return party.name;
  return `${party.name}, от имени которого действует ${d.position} ${d.name} на основании ${d.basis ?? 'Устава'}`;
};

function sections(s: DocumentSnapshot): [string, string[]][] {
  const total = `${formatMoney(s.totals.totalKopecks)} руб. (${amountInWords(s.totals.totalKopecks)})`;
  const vat = chargesVat(s)
    ? `в том числе НДС ${formatMoney(s.totals.vatKopecks)} руб`
    : 'НДС не облагается';
  return [
    [
      '1. Предмет договора',
      [
        '1.1. Поставщик обязуется передать в собственность Покупателя товары (выполнить работы, оказать услуги), указанные в Спецификации (Приложение № 1), а Покупатель — принять и оплатить их.',
      ],
    ],
    [
      '2. Цена и порядок расчётов',
      [
        `2.1. Общая стоимость по договору составляет ${total}, ${vat}.`,
        '2.2. Оплата производится безналичным перечислением на расчётный счёт Поставщика на основании выставленного счёта.',
      ],
    ],
    [
      '3. Поставка и приёмка',
      [
        '3.1. Передача товаров (результатов работ, услуг) оформляется товарной накладной, актом или универсальным передаточным документом.',
        '3.2. Право собственности на товар переходит к Покупателю в момент его передачи.',
      ],
    ],
    [
      '4. Ответственность сторон и прочие условия',
      [
        '4.1. За неисполнение или ненадлежащее исполнение обязательств стороны несут ответственность в соответствии с законодательством Российской Федерации.',
        '4.2. Споры разрешаются путём переговоров, а при недостижении согласия — в арбитражном суде по месту нахождения истца.',
        '4.3. Договор вступает в силу с момента подписания и действует до полного исполнения сторонами обязательств.',
      ],
    ],
  ];
}

export function contractContent(s: DocumentSnapshot): Content[] {
  const out: Content[] = [
    { text: `Договор поставки № ${s.number}`, fontSize: 14, bold: true, alignment: 'center' },
    { text: formatDateLong(s.date), alignment: 'right', margin: [0, 4, 0, 8] },
    {
      text: `${signer(s.seller, s.seller)} (далее — «Поставщик»), с одной стороны, и ${signer(s.buyer)} (далее — «Покупатель»), с другой стороны, заключили настоящий договор о нижеследующем.`,
      alignment: 'justify',
      margin: [0, 0, 0, 6],
    },
  ];
  for (const [heading, paragraphs] of sections(s)) {
    out.push({ text: heading, bold: true, margin: [0, 6, 0, 2] });
    for (const p of paragraphs) out.push({ text: p, alignment: 'justify' });
  }
  if (s.notes) out.push({ text: s.notes, margin: [0, 6, 0, 0] });
  out.push({ text: '5. Реквизиты сторон', bold: true, margin: [0, 8, 0, 2] });
  out.push({
    columns: [
      { text: [{ text: 'Поставщик: ', bold: true }, requisites(s.seller, true)] },
      { text: [{ text: 'Покупатель: ', bold: true }, requisites(s.buyer, true)] },
    ],
    columnGap: 30,
  });
  out.push(signatures(s));
  out.push({ text: 'Приложение № 1. Спецификация', bold: true, pageBreak: 'before', fontSize: 12 });
  out.push({ text: `к договору поставки № ${s.number} от ${formatDateLong(s.date)}` }, rule());
  out.push(linesTable(s.lines, simpleColumns(s, 'Наименование товара (работ, услуг)')));
  out.push(totalsBlock(s, 'Итого по спецификации:'), signatures(s));
  return out;
}

const signatures = (s: DocumentSnapshot): Content =>
  twoSigners(
    { label: 'Поставщик', signer: s.seller.director, name: s.seller.name },
    { label: 'Покупатель', signer: null, name: s.buyer.name },
  );
