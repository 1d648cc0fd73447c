import type { ConversationSummary, Me } from '@voronka/contract';
import { Anchor, Badge, Card, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatLongDay } from '../../lib/format';
import { useMe } from '../../lib/session';
import { canRead, runsDepartment } from '../../lib/nav-rules';
import { ChannelIcon } from '../inbox/ChannelIcon';
import { clientLabel } from '../inbox/inbox-format';
import { PriorityBadge } from '../inbox/PriorityBadge';
import { isCountingDown, SlaCountdown } from '../inbox/SlaCountdown';
import { emptyInboxFilters, useInbox, useInboxCounts } from '../inbox/use-inbox';
import { useNow } from '../../lib/use-now';
import { TaskList } from '../tasks';
import { dayBounds, useTasks } from '../tasks';
import { Department } from './Department';
import { KeyFigures } from './KeyFigures';
import { CardHead, Section, Stat } from './home-cards';

const SHOWN = 5;

// The start page, per role. A manager's day: their open requests (warmest first, with the reply
// clock), overdue tasks, and today's tasks and meetings. Whoever runs the department also sees the
// department: requests waiting with no manager, replies overdue now, breaches of the last 7 days,
// and everyone's load. Each part is shown only when the member's rights allow its data.
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const department = runsDepartment(me);
  return (
    <Stack maw={1100} gap="lg">
      <Welcome me={me} />
      {canRead(me, 'deals') ? (
        <Section title={t('analytics.tiles.title')} testId="home-figures">
          <KeyFigures />
        </Section>
      ) : null}
      {department ? (
        <Section title={t('home.department.title')} testId="home-department">
          <Department />
        </Section>
      ) : null}
      <Section title={t('home.day.title')} testId="home-day">
        <MyDay me={me} />
      </Section>
    </Stack>
  );
}

function Welcome({ me }: { me: Me }) {
  const { t } = useTranslation();
  // The trial and read-only state has its own banner above every page.
  const ws = me.workspace;
  return (
    <Stack gap={4}>
      <Title order={1} size="h2">
        {t('home.welcome', { name: me.user.name })}
      </Title>
      <Group gap="xs" wrap="wrap">
        <Text c="dimmed" size="sm">
          {formatLongDay(new Date())} · {ws.name}
        </Text>
        <Badge variant="light">{t(`roles.names.${me.member.role}`)}</Badge>
      </Group>
    </Stack>
  );
}

function MyDay({ me }: { me: Me }) {
  const { t } = useTranslation();
  const leads = canRead(me, 'leads');
  const tasks = canRead(me, 'tasks');
  const now = useNow(leads);
  const queue = useInbox(
    { ...emptyInboxFilters, queue: 'mine', status: 'open', sort: 'priority' },
    me.member.id,
    leads,
  );
  const counts = useInboxCounts(leads);
  const { todayStart, todayEnd } = dayBounds();
  const overdue = useTasks({ ownerId: me.member.id, status: 'overdue', limit: 20 }, tasks);
  const today = useTasks(
    { ownerId: me.member.id, status: 'open', dueFrom: todayStart, dueTo: todayEnd, limit: 20 },
    tasks,
  );

  const mine = leads ? (queue.data?.pages.flatMap((p) => p.items) ?? null) : [];
  const waiting = mine?.filter(isCountingDown) ?? null;
  const late = waiting?.filter((c) => new Date(c.firstResponseDueAt!).getTime() < now) ?? null;
  const overdueTasks = tasks ? (overdue.data?.items ?? null) : [];
  const todayTasks = tasks ? (today.data?.items ?? null) : [];
  const meetings = todayTasks?.filter((x) => x.kind === 'meeting').length ?? null;

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
        {leads ? (
          <Stat
            label={t('home.day.awaiting')}
            value={waiting?.length ?? null}
            to="/inbox"
            testId="stat-awaiting"
          />
        ) : null}
        {leads ? (
          <Stat
            label={t('home.day.lateReplies')}
            value={late?.length ?? null}
            alert={Boolean(late?.length)}
            to="/inbox"
            testId="stat-late"
          />
        ) : null}
        {leads ? (
          <Stat
            label={t('home.day.unread')}
            value={counts.data?.unread ?? null}
            to="/inbox"
            testId="stat-unread"
          />
        ) : null}
        {tasks ? (
          <Stat
            label={t('home.day.overdueTasks')}
            value={overdueTasks?.length ?? null}
            alert={Boolean(overdueTasks?.length)}
            to="/tasks"
            testId="stat-overdue-tasks"
          />
        ) : null}
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
        {leads ? (
          <Card withBorder data-testid="home-queue">
            <CardHead
              title={t('home.day.queue')}
              link={{ to: '/inbox', label: t('home.day.openInbox') }}
            />
            {mine === null ? (
              <Loader size="sm" aria-label={t('common.loading')} />
            ) : (
              <QueueList items={mine.slice(0, SHOWN)} now={now} more={mine.length - SHOWN} />
            )}
          </Card>
        ) : null}
        {tasks ? (
          <Stack gap="md">
            <Card withBorder data-testid="home-overdue">
              <CardHead
                title={t('home.day.overdueTitle')}
                link={{ to: '/tasks', label: t('home.day.allTasks') }}
              />
              {overdueTasks === null ? (
                <Loader size="sm" aria-label={t('common.loading')} />
              ) : (
                <TaskList
                  tasks={overdueTasks.slice(0, SHOWN)}
                  emptyText={t('home.day.overdueEmpty')}
                />
              )}
            </Card>
            <Card withBorder data-testid="home-today">
              <CardHead
                title={
                  meetings
                    ? t('home.day.todayWithMeetings', { count: meetings })
                    : t('home.day.todayTitle')
                }
                link={{ to: '/tasks', label: t('home.day.allTasks') }}
              />
              {todayTasks === null ? (
                <Loader size="sm" aria-label={t('common.loading')} />
              ) : (
                <TaskList tasks={todayTasks} emptyText={t('home.day.todayEmpty')} />
              )}
            </Card>
          </Stack>
        ) : null}
      </SimpleGrid>
    </Stack>
  );
}

function QueueList({
  items,
  now,
  more,
}: {
  items: ConversationSummary[];
  now: number;
  more: number;
}) {
  const { t } = useTranslation();
  if (!items.length) {
    return (
      <Text size="sm" c="dimmed">
        {t('home.day.queueEmpty')}
      </Text>
    );
  }
  return (
    <Stack gap={8} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((c) => (
        <li key={c.id} data-testid="home-queue-item">
          <Group gap="xs" wrap="nowrap" align="flex-start">
            <ChannelIcon kind={c.channel.kind} size="sm" />
            <div style={{ minWidth: 0, flex: 1 }}>
              <Group gap={6} wrap="nowrap" justify="space-between">
                <Anchor
                  component={Link}
                  to={`/inbox?c=${c.id}`}
                  size="sm"
                  fw={c.unread ? 700 : 500}
                  lineClamp={1}
                >
                  {clientLabel(c) ?? t('inbox.unknownClient')}
                </Anchor>
                <SlaCountdown conversation={c} now={now} />
              </Group>
              <Group gap={6} wrap="nowrap">
                {c.priority ? <PriorityBadge score={c.priority.score} size="xs" /> : null}
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {c.preview ?? c.subject ?? t('inbox.noText')}
                </Text>
              </Group>
            </div>
          </Group>
        </li>
      ))}
      {more > 0 ? (
        <Text size="xs" c="dimmed">
          {t('home.day.more', { count: more })}
        </Text>
      ) : null}
    </Stack>
  );
}
