import { entities } from '@voronka/contract';
import { Button, Group, Loader, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { useCanRead } from '../../lib/session';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { useActiveUsers } from '../teams';
import { AuditTable } from './AuditTable';
import { emptyAuditFilters, useAuditLog, type AuditFilters } from './use-audit';

type Filters = AuditFilters;
const emptyFilters = emptyAuditFilters;

export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>(emptyFilters);
  const [query] = useDebouncedValue(filters, 300);
  const canReadUsers = useCanRead('users');
  const users = useActiveUsers(canReadUsers);
  const pages = useAuditLog(query);
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
