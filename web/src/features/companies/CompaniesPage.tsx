import type { Company } from '@voronka/contract';
import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCanRead } from '../../lib/session';
import { useCanWrite } from '../../lib/use-can-write';
import { ExportButtons } from '../export';
import { ImportButton } from '../import';
import type { ListColumn, PrimaryColumn } from '../records/columns';
import { ChoiceFilter, TextFilter } from '../records/FilterInputs';
import type { ListSpec } from '../records/list-state';
import { RecordListPage } from '../records/RecordListPage';
import { formatListDate, TagBadges, useUserNames } from '../records/record-bits';
import { useActiveUsers } from '../teams';
import { CompanyForm } from './CompanyForm';

const spec: ListSpec = {
  filters: ['q', 'industry', 'tag', 'ownerId', 'inn'],
  sorts: ['name', 'updatedAt', 'createdAt'],
  columns: ['name', 'inn', 'kpp', 'industry', 'website', 'owner', 'updatedAt', 'createdAt'],
  defaults: {
    sort: 'updatedAt',
    order: 'desc',
    columns: ['name', 'inn', 'industry', 'owner', 'updatedAt'],
  },
};

// The client base by company: search by name or INN, filters (custom fields too), header sort,
// saved views and chosen columns, pages loaded as the list scrolls.
export function CompaniesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const users = useActiveUsers(useCanRead('users'));
  const userName = useUserNames(users.data);
  const canCreate = useCanWrite('companies', 'create');
  const [creating, setCreating] = useState(false);
  const f = (k: string) => t(`companies.fields.${k}`);

  const primary: PrimaryColumn<Company> = {
    id: 'name',
    label: f('name'),
    title: (c) => c.name,
    extra: (c) => <TagBadges tags={c.tags} ml={6} />,
    sort: { key: 'name', first: 'asc' },
  };
  const columns: ListColumn<Company>[] = [
    { id: 'inn', label: f('inn'), render: (c) => c.inn, nowrap: true },
    { id: 'kpp', label: f('kpp'), render: (c) => c.kpp, nowrap: true },
    { id: 'industry', label: f('industry'), render: (c) => c.industry },
    { id: 'website', label: f('website'), render: (c) => c.website },
    { id: 'owner', label: t('companies.owner'), render: (c) => userName(c.ownerId) },
    {
      id: 'updatedAt',
      label: t('records.updatedAt'),
      render: (c) => formatListDate(c.updatedAt),
      sort: { key: 'updatedAt', first: 'desc' },
      nowrap: true,
    },
    {
      id: 'createdAt',
      label: t('records.createdAt'),
      render: (c) => formatListDate(c.createdAt),
      sort: { key: 'createdAt', first: 'desc' },
      nowrap: true,
    },
  ];
  const owners = (users.data ?? []).map((u) => ({ value: u.id, label: u.name }));

  return (
    <>
      <RecordListPage<Company>
        entity="companies"
        title={t('companies.title')}
        spec={spec}
        primary={primary}
        columns={columns}
        hrefOf={(c) => `/companies/${c.id}`}
        search={{ label: t('companies.search'), placeholder: t('companies.searchPlaceholder') }}
        inlineFilters={(c) => [
          <TextFilter key="industry" label={f('industry')} param="industry" control={c} />,
          <ChoiceFilter
            key="owner"
            label={t('companies.owner')}
            param="ownerId"
            data={owners}
            control={c}
            searchable
          />,
        ]}
        moreFilters={(c) => [
          <TextFilter key="tag" label={t('companies.tag')} param="tag" control={c} />,
          <TextFilter key="inn" label={f('inn')} param="inn" control={c} />,
        ]}
        moreParams={['tag', 'inn']}
        emptyText={t('companies.empty')}
        onCreate={canCreate ? () => setCreating(true) : undefined}
        actions={(params) => (
          <Group gap="sm">
            <ImportButton entity="companies" />
            <ExportButtons entity="companies" filters={params} />
            <Button onClick={() => setCreating(true)} disabled={!canCreate}>
              {t('companies.create')}
            </Button>
          </Group>
        )}
      />
      {creating ? (
        <CompanyForm
          company={null}
          onClose={() => setCreating(false)}
          onSaved={(c) => navigate(`/companies/${c.id}`)}
        />
      ) : null}
    </>
  );
}
