import { CallJournalExportQuery, type CallJournalEntry } from '@voronka/contract';
import * as transfer from '../transfer/service.js';
import { callJournal } from './call-journal.js';

// The call journal out (transfer/registry.ts): GET /calls/export, CSV or XLSX, with the journal's
// filters (period, manager, direction, result, duration, call list); the right is the export of
// leads, as the journal is read as requests are.
export const callColumns: transfer.ExportColumn<CallJournalEntry>[] = [
  { header: 'Время', value: (c) => c.at },
  { header: 'Направление', value: (c) => (c.direction === 'in' ? 'входящий' : 'исходящий') },
  { header: 'Результат', value: (c) => (c.answered ? 'отвечен' : 'пропущен') },
  { header: 'Длительность, с', value: (c) => c.durationSec },
  { header: 'Телефон', value: (c) => c.phone },
  { header: 'Менеджер', value: (c) => c.managerId },
  { header: 'Контакт', value: (c) => c.contactId },
  { header: 'Компания', value: (c) => c.companyId },
  { header: 'Сделка', value: (c) => c.dealId },
  { header: 'Заявка', value: (c) => c.leadId },
  { header: 'Список обзвона', value: (c) => c.callListId },
  { header: 'Запись', value: (c) => (c.recordingUrl ? 'есть' : '') },
  { header: 'Комментарий', value: (c) => c.body },
  { header: 'ID', value: (c) => c.id },
];

transfer.declareExport<CallJournalExportQuery, CallJournalEntry>({
  entity: 'calls',
  rights: 'leads',
  query: CallJournalExportQuery,
  summary: 'Download the call journal as filtered (CSV or XLSX)',
  list: (ctx, q) => callJournal(ctx, { ...q, cursor: q.cursor }),
  columns: callColumns,
});
