import type { Contact } from '@voronka/contract';
import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
import { ContactForm } from './ContactForm';
import { formatPhone } from './contact-format';

const spec: ListSpec = {
  filters: ['q', 'phone', 'email', 'tag', 'ownerId'],
  sorts: ['name', 'updatedAt', 'createdAt'],
  columns: ['name', 'company', 'position', 'phone', 'email', 'owner', 'updatedAt', 'createdAt'],
  defaults: {
    sort: 'updatedAt',
    order: 'desc',
    columns: ['name', 'company', 'phone', 'email', 'updatedAt'],
  },
};

// People of the client base: search by name, a phone in any format or an e-mail; filters (custom
// fields too), header sort, saved views and chosen columns, pages loaded as the list scrolls.
export function ContactsPage() {
  const { t } = useTranslation();
  const users = useActiveUsers(useCanRead('users'));
  const userName = useUserNames(users.data);
  const canCreate = useCanWrite('contacts', 'create');
  const [creating, setCreating] = useState(false);
  const f = (k: string) => t(`contacts.fields.${k}`);

  const primary: PrimaryColumn<Contact> = {
    id: 'name',
    label: f('name'),
    title: (c) => c.fullName,
    extra: (c) => (
      <>
        <TagBadges tags={c.tags} ml={6} />
        {c.position ? (
          <Text size="xs" c="dimmed">
            {c.position}
          </Text>
        ) : null}
      </>
    ),
    sort: { key: 'name', first: 'asc' },
  };
  const columns: ListColumn<Contact>[] = [
    { id: 'company', label: f('company'), render: (c) => c.companyName },
    { id: 'position', label: f('position'), render: (c) => c.position },
    {
      id: 'phone',
      label: f('phone'),
      render: (c) => (c.phones[0] ? formatPhone(c.phones[0].number) : null),
      nowrap: true,
    },
    { id: 'email', label: f('email'), render: (c) => c.emails[0]?.address },
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
      <RecordListPage<Contact>
        entity="contacts"
        title={t('contacts.title')}
        spec={spec}
        primary={primary}
        columns={columns}
        hrefOf={(c) => `/contacts/${c.id}`}
        search={{ label: t('contacts.search') }}
        inlineFilters={(c) => [
          <TextFilter key="phone" label={f('phone')} param="phone" type="tel" control={c} />,
          <TextFilter key="email" label={f('email')} param="email" control={c} />,
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
        ]}
        moreParams={['tag']}
        filterError={(e) =>
          e.code === 'contact.invalid_phone'
            ? { param: 'phone', message: t('contacts.invalidPhone') }
            : null
        }
        emptyText={t('contacts.empty')}
        onCreate={canCreate ? () => setCreating(true) : undefined}
        actions={(params) => (
          <Group gap="sm">
            <ImportButton entity="contacts" />
            <ExportButtons entity="contacts" filters={params} />
            <Button onClick={() => setCreating(true)} disabled={!canCreate}>
              {t('contacts.create')}
            </Button>
          </Group>
        )}
      />
      {creating ? <ContactForm contact={null} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
