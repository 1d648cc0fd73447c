import { Anchor, Badge, Button, Group, NumberInput, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/error-message';
import { formatDate, formatMoney, formatNumber } from '../../lib/format';
import { DataTable } from '../../ui/DataTable';
import { FormAlert } from '../../ui/FormAlert';
import { ReportFrame } from './ReportFrame';
import { useWinBack, useWinBackAction } from './use-analytics';

// Sleeping and lost clients, the largest value first; one click: a call task or a win-back deal.
export function WinBackPage() {
  const { t } = useTranslation();
  const [minDays, setMinDays] = useState(180);
  const list = useWinBack(minDays);
  const act = useWinBackAction();
  const [made, setMade] = useState<Record<string, { kind: 'task' | 'deal'; id: string }>>({});
  const run = (companyId: string, action: 'task' | 'deal') =>
    act.mutate(
      { companyId, action },
      { onSuccess: (r) => setMade((m) => ({ ...m, [companyId]: r })) },
    );
  const cols = ['client', 'reason', 'last', 'usual', 'stake', 'actions'].map((c) =>
    t(`analytics.winBack.${c}`),
  );
  return (
    <ReportFrame
      title={t('analytics.winBack.title')}
      description={t('analytics.winBack.description')}
    >
      <NumberInput
        label={t('analytics.winBack.minDays')}
        value={minDays}
        min={1}
        max={3650}
        onChange={(v) => typeof v === 'number' && v >= 1 && setMinDays(v)}
        w={{ base: '100%', xs: 260 }}
      />
      <FormAlert
        message={list.error ? errorMessage(list.error) : act.error ? errorMessage(act.error) : null}
      />
      <DataTable
        rows={list.data?.items ?? []}
        columns={cols}
        minWidth={820}
        loading={list.isPending}
        loadingLabel={t('common.loading')}
        emptyText={t('analytics.winBack.empty')}
        renderRow={(i) => {
          const done = made[i.companyId];
          return (
            <Table.Tr key={i.companyId} data-testid="win-back-row">
              <Table.Td>
                <Anchor component={Link} to={`/companies/${i.companyId}`}>
                  {i.companyName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={i.reason === 'lost' ? 'gray' : 'orange'}>
                  {t(`analytics.winBack.${i.reason}`)}
                </Badge>
                {i.lostReason ? (
                  <Text size="xs" c="dimmed">
                    {i.lostReason}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                {i.lastPurchaseAt ? formatDate(i.lastPurchaseAt) : '—'}
                {i.daysSince !== null ? (
                  <Text size="xs" c="dimmed">
                    {t('analytics.winBack.since')}: {formatNumber(i.daysSince)}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>
                {i.usualIntervalDays === null
                  ? '—'
                  : t('analytics.days', { n: formatNumber(i.usualIntervalDays) })}
              </Table.Td>
              <Table.Td>{formatMoney(i.valueAtStake)}</Table.Td>
              <Table.Td>
                {done ? (
                  <Anchor
                    component={Link}
                    to={done.kind === 'deal' ? `/deals/${done.id}` : '/tasks'}
                    size="sm"
                  >
                    {t(
                      done.kind === 'deal'
                        ? 'analytics.winBack.dealMade'
                        : 'analytics.winBack.taskMade',
                    )}
                  </Anchor>
                ) : (
                  <Group gap={4} wrap="nowrap">
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() => run(i.companyId, 'task')}
                    >
                      {t('analytics.winBack.task')}
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="default"
                      onClick={() => run(i.companyId, 'deal')}
                    >
                      {t('analytics.winBack.deal')}
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          );
        }}
      />
    </ReportFrame>
  );
}
