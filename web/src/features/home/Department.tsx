import { Badge, Card, Loader, Progress, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatPercent } from '../../lib/format';
import { currentLanguage } from '../../lib/i18n';
import { loadPercent, useQueueOverview } from '../queue';
import { formatResponseTime, isoDay } from '../sla-report';
import { useSlaReport } from '../sla-report';
import { CardHead, Stat } from './home-cards';

// The department: from GET /routing/queue (queues, load, overdue, 7-day breaches) and the SLA report
// of the last 7 days (breach rate, median first reply).
export function Department() {
  const { t } = useTranslation();
  const overview = useQueueOverview();
  const today = new Date();
  const week = {
    by: 'manager' as const,
    from: isoDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() - 6)),
    to: isoDay(today),
  };
  const sla = useSlaReport(week);
  const o = overview.data;
  const queued = o ? o.queued.reduce((n, q) => n + q.count, 0) : null;
  const overdue = o ? o.members.reduce((n, m) => n + m.overdue, 0) : null;
  const breaches = o ? o.members.reduce((n, m) => n + m.breaches7d, 0) : null;
  const total = sla.data?.total;
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        <Stat
          label={t('home.department.queued')}
          value={queued}
          alert={Boolean(queued)}
          to="/queue"
          testId="stat-queued"
        />
        <Stat
          label={t('home.department.overdue')}
          value={overdue}
          alert={Boolean(overdue)}
          to="/queue"
          testId="stat-dept-overdue"
        />
        <Stat
          label={t('home.department.breaches')}
          value={total ? `${breaches ?? '…'} · ${formatPercent(total.breachRate)}` : breaches}
          alert={Boolean(breaches)}
          to="/reports/sla"
          testId="stat-breaches"
        />
        <Stat
          label={t('home.department.median')}
          value={total ? formatResponseTime(total.medianSeconds, currentLanguage()) : null}
          to="/reports/sla"
          testId="stat-median"
        />
      </SimpleGrid>
      <Card withBorder data-testid="home-load">
        <CardHead
          title={t('home.department.load')}
          link={{ to: '/queue', label: t('home.department.openQueue') }}
        />
        {!o ? (
          <Loader size="sm" aria-label={t('common.loading')} />
        ) : o.members.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('home.department.noMembers')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={300}>
            <Table verticalSpacing={6}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('home.department.member')}</Table.Th>
                  <Table.Th>{t('home.department.open')}</Table.Th>
                  <Table.Th>{t('home.department.overdueShort')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {[...o.members]
                  .sort((a, b) => b.overdue - a.overdue || b.openLoad - a.openLoad)
                  .map((m) => {
                    const percent = loadPercent(m.openLoad, m.capacity);
                    return (
                      <Table.Tr key={m.memberId} data-testid="home-load-member">
                        <Table.Td>
                          <Text size="sm">{m.name}</Text>
                          <Badge variant="light" size="xs" color={m.eligible ? 'teal' : 'gray'}>
                            {m.eligible
                              ? t('queue.eligible')
                              : t(`queue.ineligible.${m.reason ?? 'unknown'}`, {
                                  defaultValue: m.reason ?? '—',
                                })}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">
                            {m.capacity === null
                              ? t('queue.loadNoLimit', { load: m.openLoad })
                              : t('queue.loadOf', { load: m.openLoad, capacity: m.capacity })}
                          </Text>
                          {percent !== null ? (
                            <Progress
                              value={percent}
                              color={percent >= 100 ? 'red' : percent >= 80 ? 'orange' : 'teal'}
                              size="xs"
                              aria-hidden
                            />
                          ) : null}
                        </Table.Td>
                        <Table.Td>
                          <Text
                            size="sm"
                            c={m.overdue ? 'red' : 'dimmed'}
                            fw={m.overdue ? 700 : undefined}
                          >
                            {m.overdue}
                          </Text>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
    </Stack>
  );
}
