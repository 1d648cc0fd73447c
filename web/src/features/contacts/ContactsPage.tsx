import type { Contact } from '@voronka/contract';
import { Anchor, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { isApiError } from '../../app/api';
import { useCanRead } from '../../app/session';
import { useCanWrite } from '../../app/use-can-write';
import { DataTable } from '../../ui/DataTable';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { ExportButtons } from '../export/ExportButtons';
import { ImportButton } from '../import/ImportDialog';
import { sortOptions } from '../companies/CompaniesPage';
import { useActiveUsers } from '../teams/use-teams';
import { ContactForm } from './ContactForm';
import { formatPhone } from './contact-format';
import { emptyContactFilters, useContacts, type ContactFilters } from './use-contacts';

// People of the client base: search by name, a phone in any format or an e-mail; "show more" by keyset.
export function ContactsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<ContactFilters>(emptyContactFilters);
  const [query] = useDebouncedValue(filters, 300);
  const contacts = useContacts(query);
  const users = useActiveUsers(useCanRead('users'));
  const canCreate = useCanWrite('contacts', 'create');
  const [creating, setCreating] = useState(false);
  const set = (k: keyof ContactFilters) => (v: string | null) => setFilters((f) => ({ ...f, [k]: v ?? '' }));
  const items = contacts.data?.pages.flatMap((p) => p.items) ?? [];
  const badPhone = isApiError(contacts.error, 'contact.invalid_phone');

  return (
    <Stack>
      <PageHeader
        title={t('contacts.title')}
        actions={
          <Group gap="sm">
            <ImportButton entity="contacts" />
            <ExportButtons entity="contacts" filters={query} />
            <Button onClick={() => setCreating(true)} disabled={!canCreate}>
              {t('contacts.create')}
            </Button>
          </Group>
        }
      />
      <Group gap="sm" align="flex-end">
        <TextInput label={t('contacts.search')} value={filters.q} onChange={(e) => set('q')(e.currentTarget.value)} w={{ base: '100%', xs: 220 }} />
        <TextInput label={t('contacts.fields.phone')} type="tel" value={filters.phone} onChange={(e) => set('phone')(e.currentTarget.value)} error={badPhone ? t('contacts.invalidPhone') : undefined} w={{ base: 'calc(50% - 6px)', xs: 170 }} />
        <TextInput label={t('contacts.fields.email')} value={filters.email} onChange={(e) => set('email')(e.currentTarget.value)} w={{ base: 'calc(50% - 6px)', xs: 190 }} />
        <TextInput label={t('companies.tag')} value={filters.tag} onChange={(e) => set('tag')(e.currentTarget.value)} w={{ base: 'calc(50% - 6px)', xs: 120 }} />
        <Select
          label={t('companies.owner')}
          value={filters.ownerId}
          onChange={set('ownerId')}
          allowDeselect={false}
          searchable
          w={{ base: 'calc(50% - 6px)', xs: 180 }}
          data={[{ value: '', label: t('companies.anyOwner') }, ...(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))]}
        />
        <Select
          label={t('companies.sort')}
          value={`${filters.sort}:${filters.order}`}
          onChange={(v) => {
            const [sort, order] = (v ?? 'updatedAt:desc').split(':') as [ContactFilters['sort'], ContactFilters['order']];
            setFilters((f) => ({ ...f, sort, order }));
          }}
          allowDeselect={false}
          w={{ base: 'calc(50% - 6px)', xs: 180 }}
          data={sortOptions(t)}
        />
      </Group>
      <DataTable
        aria-label={t('contacts.title')}
        highlightOnHover
        minWidth={720}
        loading={contacts.isPending && !badPhone}
        loadingLabel={t('common.loading')}
        emptyText={t('contacts.empty')}
        columns={[t('contacts.fields.name'), t('contacts.fields.company'), t('contacts.fields.phone'), t('contacts.fields.email')]}
        rows={items}
        renderRow={(c: Contact) => (
          <Table.Tr key={c.id} onClick={() => navigate(`/contacts/${c.id}`)} style={{ cursor: 'pointer' }}>
            <Table.Td>
              <Anchor component={Link} to={`/contacts/${c.id}`} onClick={(e) => e.stopPropagation()} fw={500}>
                {c.fullName}
              </Anchor>
              {c.position ? (
                <Text size="xs" c="dimmed">
                  {c.position}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>{c.companyName ?? '—'}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{c.phones[0] ? formatPhone(c.phones[0].number) : '—'}</Table.Td>
            <Table.Td>{c.emails[0]?.address ?? '—'}</Table.Td>
          </Table.Tr>
        )}
      />
      <LoadMore hasMore={Boolean(contacts.hasNextPage)} loading={contacts.isFetchingNextPage} onClick={() => void contacts.fetchNextPage()} label={t('common.loadMore')} />
      {creating ? <ContactForm contact={null} onClose={() => setCreating(false)} /> : null}
    </Stack>
  );
}
