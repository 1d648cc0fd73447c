import iconv from 'iconv-lite';
import { DomainError } from '../../platform/errors.js';

// The 1CClientBankExchange text format (RU-DOCUMENTS.md §8): `Key=Value` lines split on the first
// `=`, a header, balance sections (СекцияРасчСчет … КонецРасчСчет), document sections
// (СекцияДокумент=<kind> … КонецДокумента) and КонецФайла. Every refusal names its line.

export type StatementEncoding = 'utf-8' | 'windows-1251' | 'cp866';

export type ParsedDocument = {
  line: number;
  kind: string;
  number: string;
  date: string;
  amountKopecks: number;
  payerAccount: string | null;
  payerName: string;
  payerInn: string | null;
  payerKpp: string | null;
  payeeAccount: string | null;
  payeeInn: string | null;
  purpose: string;
  credited: boolean;
  debited: boolean;
  key: string;
};

export type ParsedStatement = {
  encoding: StatementEncoding;
  accounts: string[];
  dateFrom: string | null;
  dateTo: string | null;
  documents: ParsedDocument[];
};

export const MAX_DOCUMENTS = 50_000;
const HEADER = '1CClientBankExchange';

const fail = (line: number, reason: string) =>
  new DomainError('bank_statement.invalid', `line ${line}: ${reason}`, { field: `line ${line}` });
const unreadable = (line: number, reason: string) =>
  new DomainError('bank_statement.unreadable', `line ${line}: ${reason}`, {
    field: `line ${line}`,
  });

// Strict UTF-8 first (some banks write UTF-8 under `Кодировка=Windows`), else what the header says.
export function decodeStatement(file: Buffer): { text: string; encoding: StatementEncoding } {
  let body = file;
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) body = body.subarray(3);
  let text: string | null = null;
  let encoding: StatementEncoding = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    // The header's own line, read in each single-byte code page until one shows it.
    const declared = (['win1251', 'cp866'] as const)
      .map((cp) => {
        const lines = iconv.decode(body, cp).split(/\r?\n/);
        const at = lines.findIndex((l) => l.startsWith('Кодировка='));
        return at < 0 ? null : { at, value: lines[at]!.slice('Кодировка='.length).trim() };
      })
      .find((d) => d !== null);
    if (!declared)
      throw unreadable(
        1,
        'the encoding is not Windows-1251, DOS (CP866) or UTF-8 (no Кодировка= line)',
      );
    if (/^windows$/i.test(declared.value)) encoding = 'windows-1251';
    else if (/^dos$/i.test(declared.value)) encoding = 'cp866';
    else
      throw unreadable(
        declared.at + 1,
        `encoding "${declared.value.slice(0, 40)}" is not readable (Windows, DOS or UTF-8 expected)`,
      );
    text = iconv.decode(body, encoding === 'windows-1251' ? 'win1251' : 'cp866');
  }
  const first = text.split(/\r?\n/, 1)[0]!.trim();
  if (first !== HEADER)
    throw unreadable(
      1,
      `the file does not start with ${HEADER} (not a bank statement, or an unknown encoding)`,
    );
  return { text, encoding };
}

const DATE = /^(\d{2})\.(\d{2})\.(\d{4})$/;
export function parseDate(value: string, line: number, key: string): string {
  const m = DATE.exec(value);
  const iso = m ? `${m[3]}-${m[2]}-${m[1]}` : '';
  const d = new Date(`${iso}T00:00:00Z`);
  if (!m || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso)
    throw fail(line, `${key} "${value.slice(0, 20)}" is not a date (дд.мм.гггг)`);
  const year = Number(m[3]);
  if (year < 2000 || year > 2100) throw fail(line, `${key} ${value} is out of range`);
  return iso;
}

const AMOUNT = /^(\d{1,13})(?:[.,](\d{1,2}))?$/;
export function parseAmount(value: string, line: number, key: string, allowZero = false): number {
  const m = AMOUNT.exec(value);
  if (!m) throw fail(line, `${key} "${value.slice(0, 20)}" is not an amount (like 34900.00)`);
  const kopecks = Number(m[1]) * 100 + Number((m[2] ?? '0').padEnd(2, '0'));
  if (!allowZero && kopecks <= 0) throw fail(line, `${key} must be above zero`);
  if (kopecks > 1e15) throw fail(line, `${key} ${value} is too large`);
  return kopecks;
}

type Section = { line: number; fields: Map<string, { value: string; line: number }> };

function splitSections(text: string) {
  const lines = text.split(/\r?\n/);
  const header = new Map<string, string[]>();
  const balances: Section[] = [];
  const docs: (Section & { kind: string })[] = [];
  let open: (Section & { kind?: string; end: string }) | null = null;
  let ended = false;
  for (let i = 1; i < lines.length; i++) {
    const n = i + 1;
    const raw = lines[i]!.trim();
    if (!raw) continue;
    if (ended) throw fail(n, 'text after КонецФайла');
    const eq = raw.indexOf('=');
    const key = eq < 0 ? raw : raw.slice(0, eq).trim();
    const value = eq < 0 ? '' : raw.slice(eq + 1).trim();
    if (key === 'СекцияРасчСчет' || key === 'СекцияДокумент') {
      if (open) throw fail(open.line, `section not closed (${open.end} missing)`);
      const end = key === 'СекцияРасчСчет' ? 'КонецРасчСчет' : 'КонецДокумента';
      open = { line: n, fields: new Map(), end, kind: value };
      if (key === 'СекцияДокумент' && docs.length >= MAX_DOCUMENTS)
        throw fail(n, `more than ${MAX_DOCUMENTS} documents in one file`);
      continue;
    }
    if (key === 'КонецРасчСчет' || key === 'КонецДокумента') {
      if (!open || open.end !== key) throw fail(n, `${key} without its section`);
      if (key === 'КонецРасчСчет') balances.push(open);
      else docs.push({ ...open, kind: open.kind ?? '' });
      open = null;
      continue;
    }
    if (key === 'КонецФайла') {
      if (open) throw fail(open.line, `section not closed (${open.end} missing)`);
      ended = true;
      continue;
    }
    if (eq < 0) throw fail(n, `"${raw.slice(0, 40)}" is not Key=Value`);
    if (open) open.fields.set(key, { value, line: n });
    else header.set(key, [...(header.get(key) ?? []), value]);
  }
  if (open)
    throw fail(open.line, `section not closed (${open.end} missing): the file is cut short`);
  if (!ended) {
    const last = lines.findLastIndex((l) => l.trim() !== '') + 1;
    throw fail(last, 'КонецФайла missing after this line: the file is cut short');
  }
  return { header, balances, docs };
}

const get = (s: Section, key: string) => s.fields.get(key)?.value ?? '';
const lineOf = (s: Section, key: string) => s.fields.get(key)?.line ?? s.line;
const orNull = (v: string) => v || null;

function checkBalance(s: Section) {
  const keys = ['НачальныйОстаток', 'ВсегоПоступило', 'ВсегоСписано', 'КонечныйОстаток'];
  if (!keys.every((k) => get(s, k))) return;
  const [start, got, spent, end] = keys.map((k) => parseAmount(get(s, k), lineOf(s, k), k, true));
  if (start! + got! - spent! !== end)
    throw fail(
      lineOf(s, 'КонечныйОстаток'),
      'КонечныйОстаток ≠ НачальныйОстаток + ВсегоПоступило − ВсегоСписано',
    );
}

function toDocument(s: Section & { kind: string }): ParsedDocument {
  const need = (key: string) => {
    const v = get(s, key);
    if (!v) throw fail(s.line, `${key} missing in the document`);
    return v;
  };
  const number = need('Номер');
  const date = parseDate(need('Дата'), lineOf(s, 'Дата'), 'Дата');
  const amountKopecks = parseAmount(need('Сумма'), lineOf(s, 'Сумма'), 'Сумма');
  const payerAccount = orNull(get(s, 'ПлательщикСчет') || get(s, 'ПлательщикРасчСчет'));
  const payeeAccount = orNull(get(s, 'ПолучательСчет') || get(s, 'ПолучательРасчСчет'));
  const payerName =
    get(s, 'Плательщик1') || get(s, 'Плательщик').replace(/^ИНН\s*\d+\s*/, '') || '—';
  const purposeLines = [1, 2, 3, 4, 5, 6].map((i) => get(s, `НазначениеПлатежа${i}`));
  const purpose = get(s, 'НазначениеПлатежа') || purposeLines.filter(Boolean).join(' ');
  for (const k of ['ДатаПоступило', 'ДатаСписано'])
    if (get(s, k)) parseDate(get(s, k), lineOf(s, k), k);
  return {
    line: s.line,
    kind: s.kind,
    number,
    date,
    amountKopecks,
    payerAccount,
    payerName,
    payerInn: orNull(get(s, 'ПлательщикИНН')),
    payerKpp: orNull(get(s, 'ПлательщикКПП')),
    payeeAccount,
    payeeInn: orNull(get(s, 'ПолучательИНН')),
    purpose,
    credited: !!get(s, 'ДатаПоступило'),
    debited: !!get(s, 'ДатаСписано'),
    key: [number, date, amountKopecks, payerAccount ?? '', payeeAccount ?? ''].join('|'),
  };
}

export function parseStatement(file: Buffer): ParsedStatement {
  const { text, encoding } = decodeStatement(file);
  const { header, balances, docs } = splitSections(text);
  const accounts = new Set([
    ...(header.get('РасчСчет') ?? []),
    ...balances.map((b) => get(b, 'РасчСчет')).filter(Boolean),
  ]);
  balances.forEach(checkBalance);
  const seen = new Map<string, number>();
  const documents = docs.map((d) => {
    const doc = toDocument(d);
    const first = seen.get(doc.key);
    if (first) throw fail(doc.line, `the same bank document № ${doc.number} as at line ${first}`);
    seen.set(doc.key, doc.line);
    return doc;
  });
  const headerDate = (k: string) => {
    const v = header.get(k)?.[0];
    return v ? parseDate(v, 1, k) : null;
  };
  return {
    encoding,
    accounts: [...accounts],
    dateFrom: headerDate('ДатаНачала'),
    dateTo: headerDate('ДатаКонца'),
    documents,
  };
}

// in: money to one of our accounts from outside; out: from ours; own: between our own accounts
// (both ours, or the payer's INN is the payee's). Names never decide.
export function directionOf(doc: ParsedDocument, ours: Set<string>): 'in' | 'out' | 'own' {
  const fromUs = !!doc.payerAccount && ours.has(doc.payerAccount);
  const toUs = !!doc.payeeAccount && ours.has(doc.payeeAccount);
  if ((fromUs && toUs) || (doc.payerInn && doc.payerInn === doc.payeeInn)) return 'own';
  if (toUs) return 'in';
  if (fromUs) return 'out';
  return doc.credited && !doc.debited ? 'in' : 'out';
}
