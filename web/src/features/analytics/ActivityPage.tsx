import { Anchor, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/error-message';
import { formatDate, formatMoney, formatNumber } from '../../lib/format';
import { useMe } from '../../lib/session';
import { DataTable } from '../../ui/DataTable';
import { FormAlert } from '../../ui/FormAlert';
import { FilterBar, ReportFrame } from './ReportFrame';
import { emptyFilters, type Filters, useActivity } from './use-analytics';

const metrics = ['calls', 'meetings', 'messages', 'tasksDone', 'tasksOverdue', 'wonDeals'] as const;

// Each manager's week: what they did beside what it brought. First replies: the SLA report.
export function ActivityPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [f, setF] = useState<Filters>(emptyFilters);
  const report = useActivity(f);
  const seesSla = me.permissions.routing?.read && me.permissions.leads?.visibility !== 'own';
  const cols = ['week', 'manager', ...metrics, 'wonAmount'].map((c) =>
    t(`analytics.activity.${c}`),
  );
  return (
    <ReportFrame
      title={t('analytics.activity.title')}
      description={t('analytics.activity.description')}
    >
      <FilterBar value={f} onChange={setF} pipeline={false} source={false} />
      {seesSla ? (
        <Text size="sm">
          <Anchor component={Link} to="/reports/sla">
            {t('analytics.activity.slaLink')}
          </Anchor>
        </Text>
      ) : null}
      <FormAlert message={report.error ? errorMessage(report.error) : null} />
      <DataTable
        rows={report.data?.rows ?? []}
        columns={cols}
        minWidth={820}
        loading={report.isPending}
        loadingLabel={t('common.loading')}
        emptyText={t('analytics.activity.empty')}
        renderRow={(r) => (
          <Table.Tr key={`${r.memberId}-${r.week}`} data-testid="activity-row">
            <Table.Td>{formatDate(r.week)}</Table.Td>
            <Table.Td>{r.name}</Table.Td>
            {metrics.map((m) => (
              <Table.Td key={m} c={m === 'tasksOverdue' && r[m] > 0 ? 'red' : undefined}>
                {formatNumber(r[m])}
              </Table.Td>
            ))}
            <Table.Td>{formatMoney(r.wonAmount)}</Table.Td>
          </Table.Tr>
        )}
      />
    </ReportFrame>
  );
}
