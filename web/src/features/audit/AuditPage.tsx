import { entities, type AuditEntry, type Page } from '@voronka/contract';
import { Button, Group, Loader, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/error-message';
import { useCanRead } from '../../lib/session';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { useActiveUsers } from '../teams/use-teams';
import { AuditTable } from './AuditTable';

type Filters = { entity: string; action: string; actorId: string; from: string; to: string };
const emptyFilters: Filters = { entity: '', action: '', actorId: '', from: '', to: '' };

// <input type="date"> gives a local calendar day; the API wants instants.
function dayStart(day: string): string | undefined {
  return day ? new Date(`${day}T00:00:00`).toISOString() : undefined;
}
function dayEnd(day: string): string | undefined {
  return day ? new Date(`${day}T23:59:59.999`).toISOString() : undefined;
}

export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  const [query] = useDebouncedValue(filters, 300);
  const canReadUsers = useCanRead('users');
  const users = useActiveUsers(canReadUsers);
  const pages = useInfiniteQuery({
    queryKey: ['audit', query],
    queryFn: ({ pageParam }) =>
      api.get<Page<AuditEntry>>('/audit', {
        limit: 50,
        cursor: pageParam,
        entity: query.entity,
        action: query.action.trim(),
        actorId: query.actorId,
        from: dayStart(query.from),
        to: dayEnd(query.to),
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const set = (k: keyof Filters) => (v: string | null) =>
    setFilters((f) => ({ ...f, [k]: v ?? '' }));
  const items = pages.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <Stack>
      <PageHeader title={t('audit.title')} />
      <Group gap="sm" align="flex-end">
        <Select
          label={t('audit.entity')}
          value={filters.entity}
          onChange={set('entity')}
          data={[
            { value: '', label: t('audit.any') },
            ...entities.map((e) => ({ value: e, label: t(`entities.${e}`) })),
          ]}
          allowDeselect={false}
          w={{ base: '100%', xs: 180 }}
        />
        <TextInput
          label={t('audit.action')}
          placeholder="user.update"
          value={filters.action}
          onChange={(e) => set('action')(e.currentTarget.value)}
          w={{ base: '100%', xs: 180 }}
        />
        {canReadUsers ? (
          <Select
            label={t('audit.actor')}
            value={filters.actorId}
            onChange={set('actorId')}
            data={[
              { value: '', label: t('audit.any') },
              ...(users.data ?? []).map((u) => ({ value: u.id, label: u.name })),
            ]}
            searchable
            allowDeselect={false}
            w={{ base: '100%', xs: 200 }}
          />
        ) : null}
        <TextInput
          label={t('audit.from')}
          type="date"
          value={filters.from}
          onChange={(e) => set('from')(e.currentTarget.value)}
          w={{ base: '100%', xs: 160 }}
        />
        <TextInput
          label={t('audit.to')}
          type="date"
          value={filters.to}
          onChange={(e) => set('to')(e.currentTarget.value)}
          w={{ base: '100%', xs: 160 }}
        />
        <Button variant="subtle" onClick={() => setFilters(emptyFilters)}>
          {t('audit.clear')}
        </Button>
      </Group>
      {pages.isPending ? <Loader aria-label={t('common.loading')} /> : null}
      {pages.isError ? <Text c="red">{errorMessage(pages.error)}</Text> : null}
      {pages.data ? (
        <AuditTable items={items} names={new Map((users.data ?? []).map((u) => [u.id, u.name]))} />
      ) : null}
      <LoadMore
        hasMore={pages.hasNextPage}
        loading={pages.isFetchingNextPage}
        onClick={() => void pages.fetchNextPage()}
        label={t('common.loadMore')}
      />
    </Stack>
  );
}
