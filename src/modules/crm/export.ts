import type { Company, Contact, Deal, Lead, Page } from '@voronka/contract';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import type { Cell } from '../../platform/export/export.js';
import { toVCard } from './vcard.js';

// Export of a filtered list: the list's own use case is called page after page (keyset, 1,000
// rows), each page in its own short transaction — PGlite runs one transaction at a time, so one
// long export must not hold the database. The access is audit-logged with the filter and the count.

export const EXPORT_CHUNK = 1000;
export type ExportEntity = 'companies' | 'contacts' | 'deals' | 'leads';
export type InWorkspace = <T>(fn: (ctx: Ctx) => Promise<T>) => Promise<T>;
export type Lister<T> = (
  ctx: Ctx,
  page: { limit: number; cursor: string | undefined },
) => Promise<Page<T>>;
export type ExportColumn<T> = { header: string; value: (r: T) => Cell };

const list = (xs: string[]) => xs.join(', ');
const date = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

// Headers are the names import recognises, so an exported file imports back as it is.
export const companyColumns: ExportColumn<Company>[] = [
  { header: 'Название', value: (c) => c.name },
  { header: 'ОПФ', value: (c) => c.legalForm },
  { header: 'ИНН', value: (c) => c.inn },
  { header: 'КПП', value: (c) => c.kpp },
  { header: 'ОГРН', value: (c) => c.ogrn },
  { header: 'Юридический адрес', value: (c) => c.legalAddress },
  { header: 'Почтовый адрес', value: (c) => c.postalAddress },
  { header: 'Банк', value: (c) => c.bankName },
  { header: 'БИК', value: (c) => c.bik },
  { header: 'Корр. счёт', value: (c) => c.corrAccount },
  { header: 'Расчётный счёт', value: (c) => c.settlementAccount },
  { header: 'Сайт', value: (c) => c.website },
  { header: 'Отрасль', value: (c) => c.industry },
  { header: 'Теги', value: (c) => list(c.tags) },
  { header: 'Создана', value: (c) => c.createdAt },
  { header: 'ID', value: (c) => c.id },
];

export const contactColumns: ExportColumn<Contact>[] = [
  { header: 'ФИО', value: (c) => c.fullName },
  { header: 'Фамилия', value: (c) => c.lastName },
  { header: 'Имя', value: (c) => c.firstName },
  { header: 'Отчество', value: (c) => c.middleName },
  { header: 'Должность', value: (c) => c.position },
  { header: 'Компания', value: (c) => c.companyName },
  { header: 'Телефон', value: (c) => c.phones[0]?.number ?? null },
  { header: 'Телефон 2', value: (c) => list(c.phones.slice(1).map((p) => p.number)) },
  { header: 'E-mail', value: (c) => c.emails[0]?.address ?? null },
  { header: 'E-mail 2', value: (c) => list(c.emails.slice(1).map((e) => e.address)) },
  { header: 'Telegram', value: (c) => c.messengers.telegram },
  { header: 'День рождения', value: (c) => c.birthday },
  { header: 'Согласие', value: (c) => c.consent },
  { header: 'Теги', value: (c) => list(c.tags) },
  { header: 'Создан', value: (c) => c.createdAt },
  { header: 'ID', value: (c) => c.id },
];

export const dealColumns: ExportColumn<Deal>[] = [
  { header: 'Название', value: (d) => d.title },
  // Money travels as integer kopecks; a spreadsheet wants roubles.
  { header: 'Сумма', value: (d) => d.amount / 100 },
  { header: 'Валюта', value: (d) => d.currency },
  { header: 'Компания', value: (d) => d.companyName },
  { header: 'Контакты', value: (d) => list(d.contacts.map((c) => c.name)) },
  { header: 'Ожидаемая дата закрытия', value: (d) => d.expectedCloseDate },
  { header: 'Закрыта', value: (d) => date(d.closedAt) },
  { header: 'Теги', value: (d) => list(d.tags) },
  { header: 'Создана', value: (d) => d.createdAt },
  { header: 'ID', value: (d) => d.id },
];

export const leadColumns: ExportColumn<Lead>[] = [
  { header: 'Получена', value: (l) => l.receivedAt },
  { header: 'Канал', value: (l) => l.channel },
  { header: 'Источник', value: (l) => l.source },
  { header: 'Статус', value: (l) => l.status },
  { header: 'Тема', value: (l) => l.title },
  { header: 'Сообщение', value: (l) => l.message },
  { header: 'Имя', value: (l) => l.contactName },
  { header: 'Телефон', value: (l) => l.contactPhone },
  { header: 'E-mail', value: (l) => l.contactEmail },
  { header: 'Компания', value: (l) => l.companyName },
  { header: 'UTM', value: (l) => new URLSearchParams(l.utm).toString() },
  { header: 'Теги', value: (l) => list(l.tags) },
  { header: 'ID', value: (l) => l.id },
];

// Every matching record, a page at a time; the audit row is written when the export ends, however
// it ends (a client that hangs up mid-way is logged with what it received).
export async function* exportRecords<T>(
  run: InWorkspace,
  entity: ExportEntity,
  lister: Lister<T>,
  audit: { filter: Record<string, unknown>; format: string },
): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  let rows = 0;
  try {
    do {
      const page = await run((ctx) => lister(ctx, { limit: EXPORT_CHUNK, cursor }));
      rows += page.items.length;
      yield page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  } finally {
    await run((ctx) => recordAudit(ctx, { action: 'export', entity, after: { ...audit, rows } }));
  }
}

export async function* toCells<T>(
  records: AsyncIterable<T[]>,
  columns: ExportColumn<T>[],
): AsyncGenerator<Cell[][]> {
  for await (const items of records) yield items.map((r) => columns.map((c) => c.value(r)));
}

export async function* toVCards(records: AsyncIterable<Contact[]>): AsyncGenerator<string> {
  for await (const items of records) yield items.map(toVCard).join('');
}

// One contact's card: reading it is an export too.
export async function contactVCard(ctx: Ctx, contact: Contact): Promise<string> {
  await recordAudit(ctx, {
    action: 'export',
    entity: 'contacts',
    entityId: contact.id,
    after: { format: 'vcf', rows: 1 },
  });
  return toVCard(contact);
}

// Reads the first page before anything is sent, so that a refused filter is a clean 4xx answer and
// not a download cut short.
export async function primed<T>(source: AsyncGenerator<T>): Promise<AsyncGenerator<T>> {
  const first = await source.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    yield* source;
  })();
}
