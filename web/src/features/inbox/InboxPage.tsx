import { Button, Grid, Group, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useCanRead, useMe } from '../../lib/session';
import { PageHeader } from '../../ui/PageHeader';
import { useActiveUsers } from '../teams';
import { ConversationList } from './ConversationList';
import { ConversationView } from './ConversationView';
import { InboxFilterFields } from './InboxFilterFields';
import { useInboxLiveUpdates } from './server-events';
import {
  defaultInboxFilters,
  useInbox,
  useInboxCounts,
  type InboxFilters,
  type InboxQueue,
} from './use-inbox';

// Every channel's conversations in one place: the list (warmest unanswered request first, or newest
// activity first) beside the open thread; on a phone the two are stacked, the thread replacing the
// list with a way back. Tabs pick the queue: mine, the team's unassigned, or all the member sees.
export function InboxPage() {
  const { t } = useTranslation();
  const me = useMe();
  const visibility = me.permissions.leads?.visibility;
  const seesOthers = visibility === 'team' || visibility === 'all';
  const [filters, setFilters] = useState<InboxFilters>(() => defaultInboxFilters(visibility));
  const inbox = useInbox(filters, me.member.id);
  const counts = useInboxCounts();
  const users = useActiveUsers(useCanRead('users'));
  const [params, setParams] = useSearchParams();
  const openId = params.get('c');
  const narrow = useMediaQuery('(max-width: 62em)');
  useInboxLiveUpdates(true);
  const open = (id: string | null) => setParams(id ? { c: id } : {});
  const items = inbox.data?.pages.flatMap((p) => p.items) ?? [];
  const queues: { value: InboxQueue; label: string }[] = [
    { value: 'mine', label: t('inbox.queue.mine') },
    { value: 'team', label: t('inbox.queue.team') },
    ...(seesOthers ? [{ value: 'all' as const, label: t('inbox.queue.all') }] : []),
  ];
  const list = (
    <Stack gap="sm">
      <SegmentedControl
        size="xs"
        fullWidth
        aria-label={t('inbox.queue.label')}
        value={filters.queue}
        onChange={(v) => setFilters((f) => ({ ...f, queue: v as InboxQueue }))}
        data={queues}
      />
      <InboxFilterFields filters={filters} setFilters={setFilters} users={users.data ?? []} />
      <ConversationList items={items} loading={inbox.isPending} selected={openId} onOpen={open} />
      {inbox.hasNextPage ? (
        <Button
          variant="subtle"
          loading={inbox.isFetchingNextPage}
          onClick={() => void inbox.fetchNextPage()}
        >
          {t('common.loadMore')}
        </Button>
      ) : null}
    </Stack>
  );
  const thread = openId ? (
    <ConversationView
      key={openId}
      id={openId}
      users={users.data ?? []}
      onBack={narrow ? () => open(null) : undefined}
    />
  ) : (
    <Paper withBorder p="xl">
      <Text c="dimmed" ta="center">
        {t('inbox.pick')}
      </Text>
    </Paper>
  );

  return (
    <Stack gap="sm">
      <PageHeader
        title={t('inbox.title')}
        description={
          counts.data?.unread
            ? t('inbox.unreadCount', { count: counts.data.unread })
            : t('inbox.allRead')
        }
      />
      {narrow ? (
        openId ? (
          thread
        ) : (
          list
        )
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 5, xl: 4 }}>{list}</Grid.Col>
          <Grid.Col span={{ base: 12, lg: 7, xl: 8 }}>
            <Group align="stretch" wrap="nowrap" gap={0} h="100%">
              <div style={{ flex: 1, minWidth: 0 }}>{thread}</div>
            </Group>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}
