import { LeadChannel, LeadStatus, type Lead, type User } from '@voronka/contract';
import {
  Badge,
  Button,
  Drawer,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { type Dispatch, type SetStateAction, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { useCanRead } from '../../lib/session';
import { useCanWrite } from '../../lib/use-can-write';
import { DataTable } from '../../ui/DataTable';
import { LoadMore } from '../../ui/LoadMore';
import { PageHeader } from '../../ui/PageHeader';
import { ExportButtons } from '../export';
import { useActiveUsers } from '../teams';
import { CustomFiltersButton, useCustomFilterParams } from '../records/CustomFiltersButton';
import { ViewsMenu } from '../views';
import { queryStrings, sameQuery } from '../views';
import { LeadCard } from './LeadCard';
import { NewLeadDialog } from './NewLeadDialog';
import { leadStatusColor } from './lead-format';
import { emptyLeadFilters, useLeads, useNewLeadCount, type LeadFilters } from './use-leads';

// The inbox of requests: newest first, filters, saved views, and the card of the picked lead.
export function LeadsPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<LeadFilters>(emptyLeadFilters);
  const [query] = useDebouncedValue(filters, 300);
  const leads = useLeads(query);
  const count = useNewLeadCount();
  const users = useActiveUsers(useCanRead('users'));
  const canCreate = useCanWrite('leads', 'create');
  const [creating, setCreating] = useState(false);
  const [params, setParams] = useSearchParams();
  const openId = params.get('lead');
  const narrow = useMediaQuery('(max-width: 48em)');
  const open = (id: string | null) => setParams(id ? { lead: id } : {});
  const items = leads.data?.pages.flatMap((p) => p.items) ?? [];
  const userName = (id: string | null) =>
    id ? ((users.data ?? []).find((u) => u.id === id)?.name ?? '…') : t('leads.unassigned');
  const customKeys = useCustomFilterParams('leads');

  return (
    <Stack>
      <PageHeader
        title={t('leads.title')}
        description={count.data ? t('leads.newCount', { count: count.data.new }) : undefined}
        actions={
          <Group gap="sm">
            <ViewsMenu
              entity="leads"
              current={filters}
              isCurrent={(v) => sameQuery(v.query, filters)}
              onApply={(q) => {
                const given = queryStrings(q);
                const custom = Object.entries(given).filter(([k]) => customKeys.includes(k));
                setFilters({
                  ...(Object.fromEntries(
                    Object.entries(emptyLeadFilters).map(([k, empty]) => [k, given[k] ?? empty]),
                  ) as LeadFilters),
                  ...Object.fromEntries(custom),
                });
              }}
            />
            <CustomFiltersButton
              entity="leads"
              filters={filters}
              onChange={(next) => setFilters(next as LeadFilters)}
              error={leads.error}
            />
            <ExportButtons entity="leads" filters={query} />
            <Button onClick={() => setCreating(true)} disabled={!canCreate}>
              {t('leads.create')}
            </Button>
          </Group>
        }
      />
      <LeadFilterFields filters={filters} setFilters={setFilters} users={users.data ?? []} />
      {narrow ? (
        <LeadCards leads={items} loading={leads.isPending} onOpen={open} />
      ) : (
        <DataTable
          aria-label={t('leads.title')}
          highlightOnHover
          minWidth={720}
          loading={leads.isPending}
          loadingLabel={t('common.loading')}
          emptyText={t('leads.empty')}
          columns={[
            t('leads.receivedAt'),
            t('leads.lead'),
            t('leads.contact'),
            t('leads.channel'),
            t('leads.status'),
            t('leads.assignee'),
          ]}
          rows={items}
          renderRow={(lead: Lead) => (
            <Table.Tr key={lead.id} onClick={() => open(lead.id)} style={{ cursor: 'pointer' }}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(lead.receivedAt)}
              </Table.Td>
              <Table.Td>
                <Text fw={lead.status === 'new' ? 600 : 400} size="sm" lineClamp={1}>
                  {lead.title ?? lead.message ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {lead.contactName ?? lead.contactPhone ?? lead.contactEmail ?? '—'}
                </Text>
              </Table.Td>
              <Table.Td>{t(`leads.channels.${lead.channel}`)}</Table.Td>
              <Table.Td>
                <Badge color={leadStatusColor[lead.status]} variant="light">
                  {t(`leads.statuses.${lead.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{userName(lead.assigneeId)}</Table.Td>
            </Table.Tr>
          )}
        />
      )}
      <LoadMore
        hasMore={Boolean(leads.hasNextPage)}
        loading={leads.isFetchingNextPage}
        onClick={() => void leads.fetchNextPage()}
        label={t('common.loadMore')}
      />
      <Drawer
        opened={Boolean(openId)}
        onClose={() => open(null)}
        position="right"
        size={narrow ? '100%' : 'lg'}
        title={t('leads.card')}
      >
        {openId ? (
          <LeadCard id={openId} users={users.data ?? []} onDeleted={() => open(null)} />
        ) : null}
      </Drawer>
      {creating ? (
        <NewLeadDialog
          users={users.data ?? []}
          onClose={() => setCreating(false)}
          onCreated={(id) => open(id)}
        />
      ) : null}
    </Stack>
  );
}

// On a phone the inbox is a column of cards: a table would hide the title behind sideways scrolling.
function LeadCards({
  leads,
  loading,
  onOpen,
}: {
  leads: Lead[];
  loading: boolean;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  if (loading) return null;
  if (!leads.length)
    return (
      <Text c="dimmed" size="sm">
        {t('leads.empty')}
      </Text>
    );
  return (
    <Stack gap="xs">
      {leads.map((lead) => (
        <UnstyledButton key={lead.id} onClick={() => onOpen(lead.id)}>
          <Paper withBorder p="sm">
            <Group justify="space-between" wrap="nowrap" gap="xs">
              <Text fw={lead.status === 'new' ? 600 : 400} size="sm" lineClamp={2}>
                {lead.title ?? lead.message ?? '—'}
              </Text>
              <Badge color={leadStatusColor[lead.status]} variant="light" style={{ flexShrink: 0 }}>
                {t(`leads.statuses.${lead.status}`)}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed" mt={4}>
              {formatDateTime(lead.receivedAt)} · {t(`leads.channels.${lead.channel}`)} ·{' '}
              {lead.contactName ?? lead.contactPhone ?? lead.contactEmail ?? '—'}
            </Text>
          </Paper>
        </UnstyledButton>
      ))}
    </Stack>
  );
}

// The list's own filters: words, status, channel and assignee.
function LeadFilterFields({
  filters,
  setFilters,
  users,
}: {
  filters: LeadFilters;
  setFilters: Dispatch<SetStateAction<LeadFilters>>;
  users: User[];
}) {
  const { t } = useTranslation();
  const set = (k: keyof LeadFilters) => (v: string | null) =>
    setFilters((f) => ({ ...f, [k]: v ?? '' }));
  const any = { value: '', label: t('leads.any') };
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" maw={900}>
      <TextInput
        label={t('leads.search')}
        value={filters.q}
        onChange={(e) => set('q')(e.currentTarget.value)}
      />
      <Select
        label={t('leads.status')}
        value={filters.status}
        onChange={set('status')}
        allowDeselect={false}
        data={[
          any,
          ...LeadStatus.options.map((s) => ({
            value: s,
            label: t(`leads.statuses.${s}`),
          })),
        ]}
      />
      <Select
        label={t('leads.channel')}
        value={filters.channel}
        onChange={set('channel')}
        allowDeselect={false}
        data={[
          any,
          ...LeadChannel.options.map((c) => ({
            value: c,
            label: t(`leads.channels.${c}`),
          })),
        ]}
      />
      <Select
        label={t('leads.assignee')}
        value={filters.assigneeId}
        onChange={set('assigneeId')}
        allowDeselect={false}
        searchable
        data={[
          any,
          { value: 'none', label: t('leads.unassigned') },
          ...users.map((u) => ({ value: u.id, label: u.name })),
        ]}
      />
    </SimpleGrid>
  );
}
