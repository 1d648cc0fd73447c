import type { ReconciliationAct } from '@voronka/contract';
import type { Content, TableCell } from 'pdfmake/interfaces.js';
import { formatDateShort, formatMoney } from '../format.js';
import { amountInWords } from '../words.js';
import { renderPdf } from './engine.js';
import { rule, title } from './parts.js';

// Акт сверки взаимных расчётов in 1C's layout: our books on the left, the client's columns left
// blank for them to fill and sign; opening balance, the period's documents, turnover, closing
// balance and the sentence that states who owes whom.

type Party = ReconciliationAct['client'];

const money = (k: number) => (k ? formatMoney(k) : '');
const party = (p: Party) =>
  [p.name, p.inn && `ИНН ${p.inn}`, p.kpp && `КПП ${p.kpp}`, p.address].filter(Boolean).join(', ');

function balanceRow(label: string, kopecks: number): TableCell[] {
  return [
    { text: label, colSpan: 2, bold: true },
    '',
    { text: money(Math.max(0, kopecks)), alignment: 'right', bold: true },
    { text: money(Math.max(0, -kopecks)), alignment: 'right', bold: true },
    { text: label, colSpan: 2, bold: true },
    '',
    '',
    '',
  ];
}

function ledger(act: ReconciliationAct): Content {
  const head = (t: string, colSpan = 1) => ({
    text: t,
    bold: true,
    alignment: 'center' as const,
    colSpan,
  });
  const rows: TableCell[][] = [
    [
      head(`По данным ${act.ours.name}, руб.`, 4),
      '',
      '',
      '',
      head(`По данным ${act.client.name}, руб.`, 4),
      '',
      '',
      '',
    ],
    ['Дата', 'Документ', 'Дебет', 'Кредит', 'Дата', 'Документ', 'Дебет', 'Кредит'].map((t) =>
      head(t),
    ),
    balanceRow(`Сальдо начальное на ${formatDateShort(act.from)}`, act.openingKopecks),
    ...act.entries.map((e): TableCell[] => [
      formatDateShort(e.date),
      e.document,
      { text: money(e.debitKopecks), alignment: 'right' },
      { text: money(e.creditKopecks), alignment: 'right' },
      '',
      '',
      '',
      '',
    ]),
    [
      { text: 'Обороты за период', colSpan: 2, bold: true },
      '',
      { text: money(act.debitTurnoverKopecks), alignment: 'right', bold: true },
      { text: money(act.creditTurnoverKopecks), alignment: 'right', bold: true },
      { text: 'Обороты за период', colSpan: 2, bold: true },
      '',
      '',
      '',
    ],
    balanceRow(`Сальдо конечное на ${formatDateShort(act.to)}`, act.closingKopecks),
  ];
  return {
    table: { headerRows: 2, widths: [44, 150, 52, 52, 44, '*', 40, 40], body: rows },
    fontSize: 8,
    margin: [0, 6, 0, 8],
  };
}

function conclusion(act: ReconciliationAct): string {
  const at = `По данным ${act.ours.name} на ${formatDateShort(act.to)}`;
  const k = act.closingKopecks;
  if (k === 0) return `${at} задолженность отсутствует.`;
  const sum = `${formatMoney(Math.abs(k))} руб. (${amountInWords(Math.abs(k))})`;
  return k > 0
    ? `${at} задолженность ${act.client.name} в пользу ${act.ours.name} составляет ${sum}.`
    : `${at} задолженность ${act.ours.name} в пользу ${act.client.name} составляет ${sum}.`;
}

function signatures(act: ReconciliationAct): Content {
  const block = (
    label: string,
    signer: { name: string; position: string } | null,
    who: string,
  ) => ({
    stack: [
      { text: `От ${who}`, bold: true },
      { text: signer?.position ?? 'Руководитель', margin: [0, 8, 0, 0] },
      { text: `____________________ /${signer?.name ?? '                    '}/` },
      { text: 'Главный бухгалтер', margin: [0, 8, 0, 0] },
      { text: `____________________ /${label}/` },
      { text: 'М.П.', fontSize: 7, margin: [0, 4, 0, 0] },
    ],
  });
  return {
    columns: [
      block(act.ours.accountant?.name ?? '                    ', act.ours.director, act.ours.name),
      block('                    ', null, act.client.name),
    ],
    columnGap: 30,
    margin: [0, 14, 0, 0],
  } as Content;
}

export async function renderReconciliationActPdf(act: ReconciliationAct): Promise<Buffer> {
  const period = `за период: с ${formatDateShort(act.from)} по ${formatDateShort(act.to)}`;
  const content: Content[] = [
    title('Акт сверки взаимных расчётов'),
    { text: `${period}\nмежду ${act.ours.name} и ${act.client.name}`, margin: [0, 0, 0, 6] },
    rule(),
    { text: [{ text: 'Мы: ', bold: true }, party(act.ours)], margin: [0, 2, 0, 2] },
    { text: [{ text: 'Контрагент: ', bold: true }, party(act.client)], margin: [0, 2, 0, 6] },
    {
      text:
        `Мы, нижеподписавшиеся, ${act.ours.name}, с одной стороны, и ${act.client.name}, с другой ` +
        'стороны, составили настоящий акт сверки в том, что состояние взаимных расчётов по данным ' +
        'учёта следующее:',
    },
    ledger(act),
    { text: conclusion(act), bold: true, margin: [0, 0, 0, 4] },
    signatures(act),
  ];
  return renderPdf({
    info: { title: `Акт сверки ${act.from} — ${act.to}`, creator: 'Voronka CRM' },
    content,
  });
}
