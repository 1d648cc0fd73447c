import type { Company } from '@voronka/contract';
import { Anchor, Badge, Button, Group, Select, Stack, Table, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { formatDate } from '../../app/format';
import { useCanRead } from '../../app/session';
import { useCanWrite } from '../../app/use-can-write';
import { DataTable } from '../../ui/DataTable';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { ExportButtons } from '../export/ExportButtons';
import { ImportButton } from '../import/ImportDialog';
import { useActiveUsers } from '../teams/use-teams';
import { CompanyForm } from './CompanyForm';
import { emptyCompanyFilters, useCompanies, type CompanyFilters } from './use-companies';

export const sortOptions = (t: (k: string) => string) =>
  [
    ['updatedAt:desc', t('companies.sorts.updatedDesc')],
    ['createdAt:desc', t('companies.sorts.createdDesc')],
    ['name:asc', t('companies.sorts.nameAsc')],
    ['name:desc', t('companies.sorts.nameDesc')],
  ].map(([value, label]) => ({ value: value!, label: label! }));

// The client base by company: search by name or INN, filters, sort, and "show more" by keyset.
export function CompaniesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<CompanyFilters>(emptyCompanyFilters);
  const [query] = useDebouncedValue(filters, 300);
  const companies = useCompanies(query);
  const users = useActiveUsers(useCanRead('users'));
  const canCreate = useCanWrite('companies', 'create');
  const [creating, setCreating] = useState(false);
  const set = (k: keyof CompanyFilters) => (v: string | null) => setFilters((f) => ({ ...f, [k]: v ?? '' }));
  const items = companies.data?.pages.flatMap((p) => p.items) ?? [];
  const userName = (id: string | null) => (id ? ((users.data ?? []).find((u) => u.id === id)?.name ?? '…') : '—');

  return (
    <Stack>
      <PageHeader
        title={t('companies.title')}
        actions={
          <Group gap="sm">
            <ImportButton entity="companies" />
            <ExportButtons entity="companies" filters={query} />
            <Button onClick={() => setCreating(true)} disabled={!canCreate}>
              {t('companies.create')}
            </Button>
          </Group>
        }
      />
      <Group gap="sm" align="flex-end">
        <TextInput label={t('companies.search')} placeholder={t('companies.searchPlaceholder')} value={filters.q} onChange={(e) => set('q')(e.currentTarget.value)} w={{ base: '100%', xs: 260 }} />
        <TextInput label={t('companies.fields.industry')} value={filters.industry} onChange={(e) => set('industry')(e.currentTarget.value)} w={{ base: 'calc(50% - 6px)', xs: 160 }} />
        <TextInput label={t('companies.tag')} value={filters.tag} onChange={(e) => set('tag')(e.currentTarget.value)} w={{ base: 'calc(50% - 6px)', xs: 130 }} />
        <Select
          label={t('companies.owner')}
          value={filters.ownerId}
          onChange={set('ownerId')}
          allowDeselect={false}
          searchable
          w={{ base: 'calc(50% - 6px)', xs: 190 }}
          data={[{ value: '', label: t('companies.anyOwner') }, ...(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))]}
        />
        <Select
          label={t('companies.sort')}
          value={`${filters.sort}:${filters.order}`}
          onChange={(v) => {
            const [sort, order] = (v ?? 'updatedAt:desc').split(':') as [CompanyFilters['sort'], CompanyFilters['order']];
            setFilters((f) => ({ ...f, sort, order }));
          }}
          allowDeselect={false}
          w={{ base: 'calc(50% - 6px)', xs: 190 }}
          data={sortOptions(t)}
        />
      </Group>
      <DataTable
        aria-label={t('companies.title')}
        highlightOnHover
        minWidth={720}
        loading={companies.isPending}
        loadingLabel={t('common.loading')}
        emptyText={t('companies.empty')}
        columns={[t('companies.fields.name'), t('companies.fields.inn'), t('companies.fields.industry'), t('companies.owner'), t('companies.updatedAt')]}
        rows={items}
        renderRow={(c: Company) => (
          <Table.Tr key={c.id} onClick={() => navigate(`/companies/${c.id}`)} style={{ cursor: 'pointer' }}>
            <Table.Td>
              <Anchor component={Link} to={`/companies/${c.id}`} onClick={(e) => e.stopPropagation()} fw={500}>
                {c.name}
              </Anchor>
              {c.tags.map((tag) => (
                <Badge key={tag} ml={6} size="xs" variant="light">
                  {tag}
                </Badge>
              ))}
            </Table.Td>
            <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{c.inn ?? '—'}</Table.Td>
            <Table.Td>{c.industry ?? '—'}</Table.Td>
            <Table.Td>{userName(c.ownerId)}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(c.updatedAt)}</Table.Td>
          </Table.Tr>
        )}
      />
      <LoadMore hasMore={Boolean(companies.hasNextPage)} loading={companies.isFetchingNextPage} onClick={() => void companies.fetchNextPage()} label={t('common.loadMore')} />
      {creating ? <CompanyForm company={null} onClose={() => setCreating(false)} onSaved={(c) => navigate(`/companies/${c.id}`)} /> : null}
    </Stack>
  );
}
