import { Anchor, Badge, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/error-message';
import { formatDate, formatMoney } from '../../lib/format';
import { DataTable } from '../../ui/DataTable';
import { FormAlert } from '../../ui/FormAlert';
import { type Drill, type Filters, useFunnelDeals } from './use-analytics';

const kindColor = { open: 'blue', won: 'teal', lost: 'gray' } as const;

// The deals behind a number: each links to its card.
export function DrillDeals({
  filters,
  drill,
  title,
  onClose,
}: {
  filters: Filters;
  drill: Drill;
  title: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const list = useFunnelDeals(filters, drill);
  const columns = ['deal', 'stage', 'manager', 'created', 'closed'].map((c) =>
    t(`analytics.drill.${c}`),
  );
  return (
    <Paper withBorder p="sm" aria-labelledby="drill-title" data-testid="drill">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="drill-title">
          {t('analytics.drill.title')} · {title}
          {list.data ? ` (${list.data.total})` : ''}
        </Title>
        <Button variant="subtle" size="xs" onClick={onClose}>
          {t('analytics.drill.close')}
        </Button>
      </Group>
      <FormAlert message={list.error ? errorMessage(list.error) : null} />
      <DataTable
        rows={list.data?.items ?? []}
        columns={columns}
        minWidth={640}
        loading={list.isPending}
        loadingLabel={t('common.loading')}
        emptyText={t('analytics.funnel.empty')}
        renderRow={(d) => (
          <Table.Tr key={d.id} data-testid="drill-deal">
            <Table.Td>
              <Anchor component={Link} to={`/deals/${d.id}`}>
                {d.title}
              </Anchor>
              <Text size="xs" c="dimmed">
                {formatMoney(d.amount)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge variant="light" color={kindColor[d.stageKind]}>
                {d.stageName}
              </Badge>
            </Table.Td>
            <Table.Td>{d.ownerName ?? '—'}</Table.Td>
            <Table.Td>{formatDate(d.createdAt)}</Table.Td>
            <Table.Td>{d.closedAt ? formatDate(d.closedAt) : '—'}</Table.Td>
          </Table.Tr>
        )}
      />
      {list.data && list.data.total > list.data.items.length ? (
        <Text size="xs" c="dimmed" mt="xs">
          {t('analytics.drillMore', { shown: list.data.items.length, total: list.data.total })}
        </Text>
      ) : null}
    </Paper>
  );
}
