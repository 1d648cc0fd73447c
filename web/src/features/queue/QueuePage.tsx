import type { QueueOverview } from '@voronka/contract';
import {
  Badge,
  Group,
  Paper,
  Progress,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { DataTable } from '../../ui/DataTable';
import { FormAlert } from '../../ui/FormAlert';
import { PageHeader } from '../../ui/PageHeader';
import { loadPercent, useQueueOverview } from './use-queue';

type Member = QueueOverview['members'][number];

// The head's queue and load: requests waiting with no one assigned per team, and per member the
// open load against capacity, overdue requests, breaches this week and whether they can take one now.
export function QueuePage() {
  const { t } = useTranslation();
  const overview = useQueueOverview();
  const data = overview.data;
  return (
    <Stack gap="md">
      <PageHeader title={t('queue.title')} description={t('queue.description')} />
      <FormAlert message={overview.error ? errorMessage(overview.error) : null} />
      <section aria-labelledby="queue-waiting">
        <Title order={2} size="h4" mb="xs" id="queue-waiting">
          {t('queue.waiting')}
        </Title>
        {data && data.queued.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('queue.nothingWaiting')}
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="xs">
            {(data?.queued ?? []).map((q) => (
              <Paper key={q.team?.id ?? 'none'} withBorder p="sm" data-testid="queued-team">
                <Text size="xs" c="dimmed" truncate>
                  {q.team?.name ?? t('queue.noTeam')}
                </Text>
                <Text size="xl" fw={700} c={q.count > 0 ? 'orange' : undefined}>
                  {q.count}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
        )}
      </section>
      <section aria-labelledby="queue-members">
        <Title order={2} size="h4" mb="xs" id="queue-members">
          {t('queue.members')}
        </Title>
        <DataTable
          rows={data?.members ?? []}
          columns={[
            t('queue.col.member'),
            t('queue.col.load'),
            t('queue.col.overdue'),
            t('queue.col.breaches'),
            t('queue.col.now'),
          ]}
          minWidth={640}
          loading={overview.isPending}
          loadingLabel={t('common.loading')}
          emptyText={t('queue.noMembers')}
          renderRow={(m) => <MemberRow key={m.memberId} member={m} />}
        />
      </section>
    </Stack>
  );
}

function MemberRow({ member: m }: { member: Member }) {
  const { t } = useTranslation();
  const percent = loadPercent(m.openLoad, m.capacity);
  return (
    <Table.Tr data-testid="queue-member">
      <Table.Td>
        <Text size="sm" fw={500}>
          {m.name}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`roles.names.${m.role}`, { defaultValue: m.role })}
        </Text>
      </Table.Td>
      <Table.Td miw={160}>
        <Text size="sm">
          {m.capacity === null
            ? t('queue.loadNoLimit', { load: m.openLoad })
            : t('queue.loadOf', { load: m.openLoad, capacity: m.capacity })}
        </Text>
        {percent !== null ? (
          <Progress
            value={percent}
            color={percent >= 100 ? 'red' : percent >= 80 ? 'orange' : 'teal'}
            size="sm"
            aria-label={t('queue.loadOf', { load: m.openLoad, capacity: m.capacity })}
          />
        ) : null}
      </Table.Td>
      <Table.Td>
        {m.overdue > 0 ? (
          <Badge color="red" variant="light">
            {m.overdue}
          </Badge>
        ) : (
          <Text size="sm" c="dimmed">
            0
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={m.breaches7d > 0 ? 'red' : 'dimmed'}>
          {m.breaches7d}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {m.eligible ? (
            <Badge color="teal" variant="light">
              {t('queue.eligible')}
            </Badge>
          ) : (
            <Badge color="gray" variant="light">
              {t(`queue.ineligible.${m.reason ?? 'unknown'}`, { defaultValue: m.reason ?? '—' })}
            </Badge>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
