import type { User } from '@voronka/contract';
import { Select, SimpleGrid } from '@mantine/core';
import type { Dispatch, SetStateAction } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../lib/session';
import { useInboxCounts, type InboxFilters } from './use-inbox';

// The inbox list's filters: channel (with its unread count), status, assignee (in "all"), order, read.
export function InboxFilterFields({
  filters,
  setFilters,
  users,
}: {
  filters: InboxFilters;
  setFilters: Dispatch<SetStateAction<InboxFilters>>;
  users: User[];
}) {
  const { t } = useTranslation();
  const me = useMe();
  const counts = useInboxCounts();
  const set = (k: keyof InboxFilters) => (v: string | null) =>
    setFilters((f) => ({ ...f, [k]: v ?? '' }));
  const any = { value: '', label: t('inbox.filters.any') };
  return (
    <SimpleGrid cols={2} spacing="xs">
      <Select
        size="xs"
        label={t('inbox.filters.channel')}
        value={filters.channelId}
        onChange={set('channelId')}
        allowDeselect={false}
        data={[
          any,
          ...(counts.data?.channels ?? []).map((c) => ({
            value: c.id,
            label: c.unread ? `${c.name} (${c.unread})` : c.name,
          })),
        ]}
      />
      <Select
        size="xs"
        label={t('inbox.filters.status')}
        value={filters.status}
        onChange={set('status')}
        allowDeselect={false}
        data={[
          any,
          { value: 'open', label: t('inbox.status.open') },
          { value: 'closed', label: t('inbox.status.closed') },
        ]}
      />
      {filters.queue === 'all' ? (
        <Select
          size="xs"
          label={t('inbox.filters.assignee')}
          value={filters.assigneeId}
          onChange={set('assigneeId')}
          allowDeselect={false}
          searchable
          data={[
            any,
            { value: me.member.id, label: t('inbox.filters.me') },
            { value: 'none', label: t('inbox.unassigned') },
            ...users
              .filter((u) => u.id !== me.member.id)
              .map((u) => ({ value: u.id, label: u.name })),
          ]}
        />
      ) : null}
      <Select
        size="xs"
        label={t('inbox.sort.label')}
        value={filters.sort}
        onChange={set('sort')}
        allowDeselect={false}
        data={[
          { value: 'priority', label: t('inbox.sort.priority') },
          { value: 'recent', label: t('inbox.sort.recent') },
        ]}
      />
      <Select
        size="xs"
        label={t('inbox.filters.read')}
        value={filters.unread}
        onChange={set('unread')}
        allowDeselect={false}
        data={[
          any,
          { value: 'true', label: t('inbox.filters.unreadOnly') },
          { value: 'false', label: t('inbox.filters.readOnly') },
        ]}
      />
    </SimpleGrid>
  );
}
