import {
  CompanyExportQuery,
  ContactExportQuery,
  companyImportFields,
  contactImportFields,
  type Company,
  type Contact,
  type Page,
} from '@voronka/contract';
import type { Ctx } from '../../platform/context.js';
import * as transfer from '../transfer/service.js';
import { cardRead } from './card-reads.js';
import { listCompanies } from './companies.js';
import { listContacts } from './contacts.js';
import { importCompanyRows } from './import-companies.js';
import { importContactRows } from './import-contacts.js';
import { toVCards } from './vcard.js';

// Companies and contacts in and out (transfer/registry.ts): their export columns, their import
// fields and row writers. Headers are the names import recognises, so an exported file imports back as it is.
const { joined } = transfer;

export const companyColumns: transfer.ExportColumn<Company>[] = [
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
  { header: 'Теги', value: (c) => joined(c.tags) },
  { header: 'Создана', value: (c) => c.createdAt },
  { header: 'ID', value: (c) => c.id },
];

export const contactColumns: transfer.ExportColumn<Contact>[] = [
  { header: 'ФИО', value: (c) => c.fullName },
  { header: 'Фамилия', value: (c) => c.lastName },
  { header: 'Имя', value: (c) => c.firstName },
  { header: 'Отчество', value: (c) => c.middleName },
  { header: 'Должность', value: (c) => c.position },
  { header: 'Компания', value: (c) => c.companyName },
  { header: 'Телефон', value: (c) => c.phones[0]?.number ?? null },
  { header: 'Телефон 2', value: (c) => joined(c.phones.slice(1).map((p) => p.number)) },
  { header: 'E-mail', value: (c) => c.emails[0]?.address ?? null },
  { header: 'E-mail 2', value: (c) => joined(c.emails.slice(1).map((e) => e.address)) },
  { header: 'Telegram', value: (c) => c.messengers.telegram },
  { header: 'День рождения', value: (c) => c.birthday },
  { header: 'Согласие', value: (c) => c.consent },
  { header: 'Теги', value: (c) => joined(c.tags) },
  { header: 'Создан', value: (c) => c.createdAt },
  { header: 'ID', value: (c) => c.id },
];

// Every exported page is told to the access log of personal data (one call per page of 1,000).
const logged =
  <Q, T extends { id: string }>(
    entity: 'companies' | 'contacts',
    list: (ctx: Ctx, q: Q) => Promise<Page<T>>,
  ) =>
  async (ctx: Ctx, q: Q): Promise<Page<T>> => {
    const page = await list(ctx, q);
    await cardRead(ctx, { entity, ids: page.items.map((r) => r.id), how: 'export' });
    return page;
  };
transfer.declareExport<CompanyExportQuery, Company>({
  entity: 'companies',
  query: CompanyExportQuery,
  summary: 'Download the filtered company list (CSV or XLSX)',
  list: logged('companies', listCompanies),
  columns: companyColumns,
});
transfer.declareExport<ContactExportQuery, Contact>({
  entity: 'contacts',
  query: ContactExportQuery,
  summary: 'Download the filtered contact list (CSV, XLSX or vCard)',
  list: logged('contacts', listContacts),
  columns: contactColumns,
  cards: { toCards: toVCards, type: 'text/vcard; charset=utf-8' },
});
transfer.declareImport({
  entity: 'companies',
  fields: companyImportFields,
  rows: importCompanyRows,
});
transfer.declareImport({
  entity: 'contacts',
  fields: contactImportFields,
  rows: importContactRows,
});
