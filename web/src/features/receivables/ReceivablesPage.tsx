import { type AgingBucket, type AgingRow, agingBuckets } from '@voronka/contract';
import {
  Anchor,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../lib/error-message';
import { formatDate, formatMoney } from '../../lib/format';
import { useMe } from '../../lib/session';
import { DataTable } from '../../ui/DataTable';
import { FormAlert } from '../../ui/FormAlert';
import { PageHeader } from '../../ui/PageHeader';
import { AgingChart } from './AgingChart';
import {
  type AgingFilters,
  type Drill,
  exportUrl,
  useAging,
  useLegalEntities,
  useManagers,
  useReceivableInvoices,
} from './use-receivables';

// Who owes what and since when: the aging buckets as a chart and a table by client, manager or
// legal entity; a click on a bar or a client opens its invoices; the invoices download as XLSX/CSV.
export function ReceivablesPage() {
  const { t } = useTranslation();
  const me = useMe();
  const seesAll = me.permissions.finance?.visibility !== 'own';
  const canExport = me.permissions.finance?.export === true;
  const [f, setF] = useState<AgingFilters>({
    groupBy: 'client',
    asOf: '',
    legalEntityId: '',
    managerId: '',
  });
  const [drill, setDrill] = useState<Drill | null>(null);
  const aging = useAging(f);
  const entities = useLegalEntities();
  const managers = useManagers(seesAll);
  const set = (patch: Partial<AgingFilters>) => setF((x) => ({ ...x, ...patch }));
  return (
    <Stack gap="md">
      <PageHeader
        title={t('receivables.title')}
        description={t('receivables.description')}
        actions={
          canExport ? (
            <Group gap="xs">
              <Button component="a" href={exportUrl(f, 'xlsx', drill)} variant="default" download>
                {t('receivables.exportXlsx')}
              </Button>
              <Button component="a" href={exportUrl(f, 'csv', drill)} variant="default" download>
                {t('receivables.exportCsv')}
              </Button>
            </Group>
          ) : null
        }
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="aging-by">
            {t('receivables.groupBy')}
          </Text>
          <SegmentedControl
            aria-labelledby="aging-by"
            value={f.groupBy}
            onChange={(v) => set({ groupBy: v as AgingFilters['groupBy'] })}
            data={(['client', 'manager', 'legal_entity'] as const).map((g) => ({
              value: g,
              label: t(`receivables.by.${g}`),
            }))}
          />
        </Stack>
        <TextInput
          type="date"
          label={t('receivables.asOf')}
          value={f.asOf}
          onChange={(e) => set({ asOf: e.currentTarget.value })}
          w={{ base: '100%', xs: 170 }}
        />
        <Select
          label={t('receivables.legalEntity')}
          placeholder={t('receivables.all')}
          clearable
          value={f.legalEntityId || null}
          onChange={(v) => set({ legalEntityId: v ?? '' })}
          data={(entities.data?.items ?? []).map((e) => ({ value: e.id, label: e.name }))}
          w={{ base: '100%', xs: 220 }}
        />
        {seesAll && (
          <Select
            label={t('receivables.manager')}
            placeholder={t('receivables.all')}
            clearable
            searchable
            value={f.managerId || null}
            onChange={(v) => set({ managerId: v ?? '' })}
            data={(managers.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))}
            w={{ base: '100%', xs: 220 }}
          />
        )}
      </Group>
      <FormAlert message={aging.error ? errorMessage(aging.error) : null} />
      {aging.data && aging.data.totals.total > 0 ? (
        <Paper withBorder p="sm">
          <Text size="sm" c="dimmed">
            {t('receivables.totalAsOf', {
              date: formatDate(aging.data.asOf),
              total: formatMoney(aging.data.totals.total),
              overdue: formatMoney(aging.data.totals.overdue),
            })}
          </Text>
          <AgingChart totals={aging.data.totals} onPick={(bucket) => setDrill({ bucket })} />
        </Paper>
      ) : null}
      <AgingTable
        rows={aging.data?.rows ?? []}
        totals={aging.data?.totals}
        loading={aging.isPending}
        byClient={f.groupBy === 'client'}
        onPick={setDrill}
      />
      {drill && <Invoices filters={f} drill={drill} onClose={() => setDrill(null)} />}
    </Stack>
  );
}

function AgingTable({
  rows,
  totals,
  loading,
  byClient,
  onPick,
}: {
  rows: AgingRow[];
  totals: AgingRow | Omit<AgingRow, 'id' | 'name'> | undefined;
  loading: boolean;
  byClient: boolean;
  onPick: (d: Drill) => void;
}) {
  const { t } = useTranslation();
  const columns = [
    t('receivables.col.name'),
    ...agingBuckets.map((b) => t(`receivables.buckets.${b}`)),
    t('receivables.col.total'),
  ];
  const all = totals ? [...rows, { ...totals, id: '__total', name: t('receivables.total') }] : rows;
  return (
    <DataTable
      rows={rows.length ? all : []}
      columns={columns}
      minWidth={760}
      loading={loading}
      loadingLabel={t('common.loading')}
      emptyText={t('receivables.empty')}
      renderRow={(r) => {
        const total = r.id === '__total';
        const pick = (bucket?: AgingBucket) =>
          onPick({ bucket, companyId: byClient && r.id && !total ? r.id : undefined });
        return (
          <Table.Tr key={r.id ?? r.name} fw={total ? 700 : undefined} data-testid="aging-row">
            <Table.Td>{r.name}</Table.Td>
            {agingBuckets.map((b) => (
              <Table.Td key={b} c={b !== 'current' && r[b] > 0 ? 'red' : undefined}>
                {r[b] > 0 ? (
                  <Anchor component="button" type="button" onClick={() => pick(b)}>
                    {formatMoney(r[b])}
                  </Anchor>
                ) : (
                  '—'
                )}
              </Table.Td>
            ))}
            <Table.Td>
              <Anchor component="button" type="button" onClick={() => pick()}>
                {formatMoney(r.total)}
              </Anchor>
            </Table.Td>
          </Table.Tr>
        );
      }}
    />
  );
}

function Invoices({
  filters,
  drill,
  onClose,
}: {
  filters: AgingFilters;
  drill: Drill;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const list = useReceivableInvoices(filters, drill);
  const columns = ['client', 'invoice', 'due', 'open', 'late', 'manager'].map((c) =>
    t(`receivables.inv.${c}`),
  );
  return (
    <Paper withBorder p="sm" aria-labelledby="aging-invoices">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="aging-invoices">
          {t('receivables.invoices')}
          {drill.bucket ? ` · ${t(`receivables.buckets.${drill.bucket}`)}` : ''}
          {list.data ? ` (${list.data.total})` : ''}
        </Title>
        <Button variant="subtle" size="xs" onClick={onClose}>
          {t('receivables.close')}
        </Button>
      </Group>
      <FormAlert message={list.error ? errorMessage(list.error) : null} />
      <DataTable
        rows={list.data?.items ?? []}
        columns={columns}
        minWidth={720}
        loading={list.isPending}
        loadingLabel={t('common.loading')}
        emptyText={t('receivables.empty')}
        renderRow={(i) => (
          <Table.Tr key={i.invoiceId} data-testid="aging-invoice">
            <Table.Td>
              {i.companyId ? (
                <Anchor component={Link} to={`/companies/${i.companyId}`}>
                  {i.clientName}
                </Anchor>
              ) : (
                i.clientName
              )}
            </Table.Td>
            <Table.Td>
              <Anchor component={Link} to={`/documents/${i.invoiceId}`}>
                № {i.number} {t('receivables.of')} {formatDate(i.date)}
              </Anchor>
            </Table.Td>
            <Table.Td>{i.dueDate ? formatDate(i.dueDate) : '—'}</Table.Td>
            <Table.Td>{formatMoney(i.openKopecks)}</Table.Td>
            <Table.Td c={i.overdueDays > 0 ? 'red' : undefined}>{i.overdueDays}</Table.Td>
            <Table.Td>{i.managerName ?? '—'}</Table.Td>
          </Table.Tr>
        )}
      />
    </Paper>
  );
}
