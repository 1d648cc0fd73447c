// Bank statement matching: a generated 1CClientBankExchange file of 10,000 incoming payments
// against 100,000 open invoices, with the right answer known for each payment.
// `npx tsx bench/money-match.ts [--lines 10000] [--invoices 100000]`
// Measures parsing (decode + checks) and matching (src/modules/money/match.ts) in process; the
// database part of an import (inserts of lines and payments) is not in these figures.
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { InvoiceIndex, type OpenInvoice } from '../src/modules/money/match.js';
import { parseStatement } from '../src/modules/money/statement-parse.js';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '10000' },
    invoices: { type: 'string', default: '100000' },
  },
});
const LINES = Number(values.lines);
const INVOICES = Number(values.invoices);
const OURS = '40702810438000060473';

// A deterministic generator (the same data every run).
let seed = 42;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = (n: number) => Math.floor(rnd() * n);

const clients = Array.from({ length: INVOICES / 4 }, (_, i) => ({
  inn: String(7700000000 + i * 7),
  name: `ООО «Клиент ${i}»`,
}));
const invoices: OpenInvoice[] = Array.from({ length: INVOICES }, (_, i) => {
  const c = clients[i % clients.length]!;
  const total = (1 + pick(5_000_00)) * 100 + pick(100);
  return {
    id: `inv-${i}`,
    number: String(i + 1),
    date: `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    dueDate: null,
    totalKopecks: total,
    openKopecks: total,
    status: 'issued',
    legalEntityId: 'le',
    companyId: `co-${i % clients.length}`,
    dealId: null,
    ownerId: null,
    buyerName: c.name,
    buyerInn: c.inn,
    buyerKpp: null,
    actDate: null,
  };
});

type Case = 'number' | 'inn_amount' | 'amount' | 'none';
const answers: { kind: Case; invoice: string | null }[] = [];
const used = new Set<number>();
const docs: string[] = [];
for (let n = 0; n < LINES; n++) {
  let i = pick(INVOICES);
  while (used.has(i)) i = pick(INVOICES);
  used.add(i);
  const inv = invoices[i]!;
  const r = rnd();
  const kind: Case = r < 0.6 ? 'number' : r < 0.8 ? 'inn_amount' : r < 0.9 ? 'amount' : 'none';
  const [y, m, d] = inv.date.split('-');
  const purpose =
    kind === 'number' ? `Оплата по счету № ${inv.number} от ${d}.${m}.${y}` : 'Оплата за услуги';
  const inn = kind === 'number' || kind === 'inn_amount' ? inv.buyerInn! : String(5000000000 + n);
  const amount = kind === 'none' ? 1_23 + n : inv.totalKopecks;
  answers.push({ kind, invoice: kind === 'none' ? null : inv.id });
  docs.push(
    [
      'СекцияДокумент=Платежное поручение',
      `Номер=${n + 1}`,
      'Дата=02.12.2026',
      `Сумма=${(amount / 100).toFixed(2)}`,
      `ПлательщикСчет=40702810${String(n).padStart(12, '0')}`,
      `ПлательщикИНН=${inn}`,
      `Плательщик1=${kind === 'amount' || kind === 'none' ? 'ИП Иванов' : inv.buyerName}`,
      `ПолучательСчет=${OURS}`,
      'ДатаПоступило=02.12.2026',
      `НазначениеПлатежа=${purpose}`,
      'КонецДокумента',
    ].join('\r\n'),
  );
}
const text = [
  '1CClientBankExchange',
  'ВерсияФормата=1.03',
  'Кодировка=Windows',
  'ДатаНачала=02.12.2026',
  'ДатаКонца=02.12.2026',
  `РасчСчет=${OURS}`,
  ...docs,
  'КонецФайла',
].join('\r\n');
const file = iconv.encode(text, 'win1251');

const t0 = performance.now();
const parsed = parseStatement(file);
const t1 = performance.now();
const index = new InvoiceIndex(invoices);
const t2 = performance.now();
let applied = 0;
let appliedRight = 0;
let review = 0;
let reviewWithAnswer = 0;
for (const [n, doc] of parsed.documents.entries()) {
  const m = index.match({
    amountKopecks: doc.amountKopecks,
    payerInn: doc.payerInn,
    payerKpp: doc.payerKpp,
    purpose: doc.purpose,
  });
  const answer = answers[n]!;
  if (m.invoice && m.confidence >= 0.8) {
    applied++;
    if (m.invoice.id === answer.invoice) appliedRight++;
    index.apply(m.invoice, Math.min(m.invoice.openKopecks, doc.amountKopecks));
  } else {
    review++;
    if (answer.invoice && m.candidates.some((c) => c.id === answer.invoice)) reviewWithAnswer++;
  }
}
const t3 = performance.now();
const byKind = (k: Case) => answers.filter((a) => a.kind === k).length;
const ms = (a: number, b: number) => `${Math.round(b - a)} ms`;
console.log(
  `| lines | invoices | file | parse | index | match | applied (right) | review (answer among candidates) |`,
);
console.log(`|---|---|---|---|---|---|---|---|`);
console.log(
  `| ${LINES} | ${INVOICES} | ${(file.length / 1048576).toFixed(1)} MiB | ${ms(t0, t1)} | ${ms(t1, t2)} | ${ms(t2, t3)} | ${applied} (${appliedRight}) | ${review} (${reviewWithAnswer}) |`,
);
console.log(
  `\nknown answers: by number ${byKind('number')}, by INN+amount ${byKind('inn_amount')}, amount only ${byKind('amount')}, none ${byKind('none')}`,
);
