import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../lib/format';
import { DataTable } from '../../ui/DataTable';
import { useAccessLog } from './use-privacy';

// Who opened or exported which person's card, newest first.
export function AccessLogTable() {
  const { t } = useTranslation();
  const log = useAccessLog();
  return (
    <DataTable
      aria-label={t('privacy.tabs.access')}
      minWidth={640}
      loading={log.isPending}
      loadingLabel={t('common.loading')}
      emptyText={t('privacy.access.empty')}
      columns={[
        t('privacy.access.at'),
        t('privacy.access.member'),
        t('privacy.access.record'),
        t('privacy.access.how'),
      ]}
      rows={log.data ?? []}
      renderRow={(a) => (
        <Table.Tr key={a.id}>
          <Table.Td>{formatDateTime(a.at)}</Table.Td>
          <Table.Td>{a.memberName ?? '—'}</Table.Td>
          <Table.Td>{a.recordName ?? '—'}</Table.Td>
          <Table.Td>{t(`privacy.access.kinds.${a.how}`)}</Table.Td>
        </Table.Tr>
      )}
    />
  );
}
