import { LeadExportQuery, type Lead } from '@voronka/contract';
import * as transfer from '../transfer/service.js';
import { listLeads } from './leads.js';

// Leads out (transfer/registry.ts), as the list filters them.
const { joined } = transfer;

export const leadColumns: transfer.ExportColumn<Lead>[] = [
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
  { header: 'Теги', value: (l) => joined(l.tags) },
  { header: 'ID', value: (l) => l.id },
];

transfer.declareExport<LeadExportQuery, Lead>({
  entity: 'leads',
  query: LeadExportQuery,
  summary: 'Download the filtered lead list (CSV or XLSX)',
  list: listLeads,
  columns: leadColumns,
});
