import { DealExportQuery, type Deal } from '@voronka/contract';
import * as transfer from '../transfer/service.js';
import { listDeals } from './deals.js';

// Deals out (transfer/registry.ts): headers are the names import recognises.
const { joined, isoDate } = transfer;

export const dealColumns: transfer.ExportColumn<Deal>[] = [
  { header: 'Название', value: (d) => d.title },
  // Money travels as integer kopecks; a spreadsheet wants roubles.
  { header: 'Сумма', value: (d) => d.amount / 100 },
  { header: 'Валюта', value: (d) => d.currency },
  { header: 'Компания', value: (d) => d.companyName },
  { header: 'Контакты', value: (d) => joined(d.contacts.map((c) => c.name)) },
  { header: 'Ожидаемая дата закрытия', value: (d) => d.expectedCloseDate },
  { header: 'Закрыта', value: (d) => isoDate(d.closedAt) },
  { header: 'Теги', value: (d) => joined(d.tags) },
  { header: 'Создана', value: (d) => d.createdAt },
  { header: 'ID', value: (d) => d.id },
];

transfer.declareExport<DealExportQuery, Deal>({
  entity: 'deals',
  query: DealExportQuery,
  summary: 'Download the filtered deal list (CSV or XLSX)',
  list: listDeals,
  columns: dealColumns,
});
