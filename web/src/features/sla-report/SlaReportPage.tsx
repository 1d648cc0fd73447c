import type { SlaReport, SlaReportRow } from '@voronka/contract';
import { Group, Paper, SegmentedControl, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/error-message';
import { currentLanguage } from '../../lib/i18n';
import { formatDate, formatPercent } from '../../lib/format';
import { DataTable } from '../../ui/DataTable';
import { FormAlert } from '../../ui/FormAlert';
import { PageHeader } from '../../ui/PageHeader';
import { SlaChart } from './SlaChart';
import { breachPercent, defaultPeriod, formatResponseTime, type SlaBy } from './sla-format';
import { useSlaReport } from './use-sla-report';

// A row's name: the manager as the server names them, a channel in words, a week by its Monday.
export function rowLabel(t: TFunction, by: SlaBy, key: string, label: string): string {
  if (by === 'channel') return t(`leads.channels.${key}`, { defaultValue: label });
  if (by === 'week') {
    if (Number.isNaN(new Date(`${key}T00:00:00`).getTime())) return label;
    return t('slaReport.weekOf', { date: formatDate(key) });
  }
  return label;
}

// First-response times and missed deadlines over a period, by manager, channel or week.
export function SlaReportPage() {
  const { t } = useTranslation();
  const [by, setBy] = useState<SlaBy>('manager');
  const [period, setPeriod] = useState(defaultPeriod);
  const [debounced] = useDebouncedValue(period, 300);
  const report = useSlaReport({ by, ...debounced });
  const badPeriod = Boolean(period.from && period.to && period.from > period.to);
  const label = (key: string, fallback: string) =>
    rowLabel(t, report.data?.by ?? by, key, fallback);

  return (
    <Stack gap="md">
      <PageHeader title={t('slaReport.title')} description={t('slaReport.description')} />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="sla-by">
            {t('slaReport.by')}
          </Text>
          <SegmentedControl
            aria-labelledby="sla-by"
            value={by}
            onChange={(v) => setBy(v as SlaBy)}
            data={[
              { value: 'manager', label: t('slaReport.byManager') },
              { value: 'channel', label: t('slaReport.byChannel') },
              { value: 'week', label: t('slaReport.byWeek') },
            ]}
          />
        </Stack>
        <TextInput
          type="date"
          label={t('slaReport.from')}
          value={period.from}
          onChange={(e) => setPeriod((p) => ({ ...p, from: e.currentTarget.value }))}
          w={{ base: '100%', xs: 170 }}
        />
        <TextInput
          type="date"
          label={t('slaReport.to')}
          value={period.to}
          onChange={(e) => setPeriod((p) => ({ ...p, to: e.currentTarget.value }))}
          error={badPeriod ? t('slaReport.badPeriod') : undefined}
          w={{ base: '100%', xs: 170 }}
        />
      </Group>
      <FormAlert message={report.error ? errorMessage(report.error) : null} />
      {report.data && report.data.rows.length > 0 ? (
        <Paper withBorder p="sm">
          <SlaChart report={report.data} label={label} />
        </Paper>
      ) : null}
      <ReportTable report={report.data} loading={report.isPending && !badPeriod} label={label} />
    </Stack>
  );
}

function ReportTable({
  report,
  loading,
  label,
}: {
  report: SlaReport | undefined;
  loading: boolean;
  label: (key: string, fallback: string) => string;
}) {
  const { t } = useTranslation();
  // The first column is what the rows are: managers, channels or weeks.
  const first = report ? t(`slaReport.col.name_${report.by}`) : t('slaReport.col.name_manager');
  const columns = [
    first,
    ...['assignments', 'responded', 'median', 'p90', 'breaches', 'breachRate'].map((c) =>
      t(`slaReport.col.${c}`),
    ),
  ];
  return (
    <DataTable
      rows={report ? [...report.rows, { ...report.total, key: '__total' }] : []}
      columns={columns}
      minWidth={680}
      loading={loading}
      loadingLabel={t('common.loading')}
      emptyText={t('slaReport.empty')}
      renderRow={(row) => (
        <ReportRow
          key={row.key}
          row={row}
          name={row.key === '__total' ? t('slaReport.total') : label(row.key, row.label)}
          total={row.key === '__total'}
        />
      )}
    />
  );
}

function ReportRow({ row, name, total }: { row: SlaReportRow; name: string; total: boolean }) {
  const lng = currentLanguage();
  const fw = total ? 700 : undefined;
  const rate = breachPercent(row);
  return (
    <Table.Tr data-testid={total ? 'sla-total' : 'sla-row'} fw={fw}>
      <Table.Td>{name}</Table.Td>
      <Table.Td>{row.assignments}</Table.Td>
      <Table.Td>{row.responded}</Table.Td>
      <Table.Td>{formatResponseTime(row.medianSeconds, lng)}</Table.Td>
      <Table.Td>{formatResponseTime(row.p90Seconds, lng)}</Table.Td>
      <Table.Td c={row.breaches > 0 ? 'red' : undefined}>{row.breaches}</Table.Td>
      <Table.Td c={rate >= 10 ? 'red' : undefined}>{formatPercent(row.breachRate)}</Table.Td>
    </Table.Tr>
  );
}
