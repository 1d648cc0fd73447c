import type { CallJournalEntry, CallStatsRow } from '@voronka/contract';
import {
  Anchor,
  Badge,
  Card,
  Button,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  useComputedColorScheme,
} from '@mantine/core';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  LegendComponent,
  type LegendComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import ReactECharts from 'echarts-for-react/esm/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../../lib/format';
import { PageHeader } from '../../ui/PageHeader';
import { useActiveUsers } from '../teams';
import { useCallJournal, useCallStats } from './use-calls';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);
type Option = echarts.ComposeOption<
  BarSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption
>;

const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const length = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

// Calls out, in and answered per day/week, summed over the managers shown.
export function statsOption(
  rows: CallStatsRow[],
  labels: { out: string; in: string; answered: string },
  text: string,
): Option {
  const buckets = [...new Set(rows.map((r) => r.bucket))].sort();
  const sum = (b: string, f: (r: CallStatsRow) => number) =>
    rows.filter((r) => r.bucket === b).reduce((s, r) => s + f(r), 0);
  return {
    textStyle: { color: text },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: text } },
    grid: { left: 8, right: 8, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: buckets },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: labels.out, data: buckets.map((b) => sum(b, (r) => r.outbound)) },
      { type: 'bar', name: labels.in, data: buckets.map((b) => sum(b, (r) => r.inbound)) },
      { type: 'bar', name: labels.answered, data: buckets.map((b) => sum(b, (r) => r.answered)) },
    ],
  };
}

// The call journal with filters and recordings, and per-manager statistics with a chart.
export function CallJournalPage() {
  const { t } = useTranslation();
  const scheme = useComputedColorScheme('light');
  const users = useActiveUsers();
  const [managerId, setManagerId] = useState<string | null>(null);
  const [direction, setDirection] = useState<'' | 'in' | 'out'>('');
  const [result, setResult] = useState<'' | 'answered' | 'missed'>('');
  const [from, setFrom] = useState(day(-6));
  const [to, setTo] = useState(day(0));
  const [period, setPeriod] = useState<'day' | 'week'>('day');
  const filter = {
    ...(managerId ? { managerId } : {}),
    ...(direction ? { direction } : {}),
    ...(result ? { result } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
  const journal = useCallJournal(filter);
  const stats = useCallStats({
    period,
    from: from || day(-6),
    to: to || day(0),
    ...(managerId ? { managerId } : {}),
  });
  const name = (id: string | null) => users.data?.find((u) => u.id === id)?.name ?? '—';
  const perManager = new Map<string | null, CallStatsRow>();
  for (const r of stats.data?.items ?? []) {
    const m = perManager.get(r.managerId);
    perManager.set(
      r.managerId,
      m
        ? {
            ...m,
            inbound: m.inbound + r.inbound,
            outbound: m.outbound + r.outbound,
            answered: m.answered + r.answered,
            totalSec: m.totalSec + r.totalSec,
          }
        : { ...r },
    );
  }
  return (
    <Stack>
      <PageHeader title={t('calls.journal.title')} actions={<ExportButtons filter={filter} />} />
      <Card withBorder>
        <Group align="flex-end" wrap="wrap">
          <Select
            label={t('calls.journal.manager')}
            clearable
            data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            value={managerId}
            onChange={setManagerId}
            maw={220}
          />
          <Select
            label={t('calls.journal.direction')}
            data={[
              { value: '', label: t('calls.journal.any') },
              { value: 'out', label: t('calls.journal.out') },
              { value: 'in', label: t('calls.journal.in') },
            ]}
            value={direction}
            onChange={(v) => setDirection((v ?? '') as typeof direction)}
            maw={160}
          />
          <Select
            label={t('calls.journal.result')}
            data={[
              { value: '', label: t('calls.journal.any') },
              { value: 'answered', label: t('calls.journal.answered') },
              { value: 'missed', label: t('calls.journal.missed') },
            ]}
            value={result}
            onChange={(v) => setResult((v ?? '') as typeof result)}
            maw={160}
          />
          <TextInput
            type="date"
            label={t('calls.journal.from')}
            value={from}
            onChange={(e) => setFrom(e.currentTarget.value)}
          />
          <TextInput
            type="date"
            label={t('calls.journal.to')}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
          />
        </Group>
      </Card>
      <Card withBorder component="section" aria-label={t('calls.stats.title')}>
        <Group justify="space-between" mb="xs">
          <Text fw={600}>{t('calls.stats.title')}</Text>
          <SegmentedControl
            size="xs"
            value={period}
            onChange={(v) => setPeriod(v as 'day' | 'week')}
            data={[
              { value: 'day', label: t('calls.stats.day') },
              { value: 'week', label: t('calls.stats.week') },
            ]}
          />
        </Group>
        <ReactECharts
          echarts={echarts}
          style={{ height: 240 }}
          option={statsOption(
            stats.data?.items ?? [],
            {
              out: t('calls.journal.out'),
              in: t('calls.journal.in'),
              answered: t('calls.journal.answered'),
            },
            scheme === 'dark' ? '#ddd' : '#333',
          )}
          notMerge
        />
        <Table mt="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('calls.journal.manager')}</Table.Th>
              <Table.Th>{t('calls.journal.out')}</Table.Th>
              <Table.Th>{t('calls.journal.in')}</Table.Th>
              <Table.Th>{t('calls.journal.answered')}</Table.Th>
              <Table.Th>{t('calls.stats.total')}</Table.Th>
              <Table.Th>{t('calls.stats.average')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...perManager.values()].map((r) => (
              <Table.Tr key={r.managerId ?? 'none'}>
                <Table.Td>{name(r.managerId)}</Table.Td>
                <Table.Td>{r.outbound}</Table.Td>
                <Table.Td>{r.inbound}</Table.Td>
                <Table.Td>{r.answered}</Table.Td>
                <Table.Td>{length(r.totalSec)}</Table.Td>
                <Table.Td>{length(r.answered ? Math.round(r.totalSec / r.answered) : 0)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <JournalTable items={journal.data?.items ?? []} name={name} />
    </Stack>
  );
}

function JournalTable({
  items,
  name,
}: {
  items: CallJournalEntry[];
  name: (id: string | null) => string;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder component="section" aria-label={t('calls.journal.title')}>
      <Table.ScrollContainer minWidth={640}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('calls.journal.when')}</Table.Th>
              <Table.Th>{t('calls.journal.direction')}</Table.Th>
              <Table.Th>{t('calls.journal.phone')}</Table.Th>
              <Table.Th>{t('calls.journal.manager')}</Table.Th>
              <Table.Th>{t('calls.journal.duration')}</Table.Th>
              <Table.Th>{t('calls.journal.recording')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{formatDateTime(c.at)}</Table.Td>
                <Table.Td>
                  <Badge color={c.answered ? 'teal' : 'red'} variant="light">
                    {t(`calls.journal.${c.direction}`)} ·{' '}
                    {t(c.answered ? 'calls.journal.answered' : 'calls.journal.missed')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  {c.contactId ? (
                    <Anchor component={Link} to={`/contacts/${c.contactId}`} size="sm">
                      {c.phone ?? '—'}
                    </Anchor>
                  ) : (
                    (c.phone ?? '—')
                  )}
                </Table.Td>
                <Table.Td>{name(c.managerId)}</Table.Td>
                <Table.Td>{length(c.durationSec)}</Table.Td>
                <Table.Td>
                  {c.recordingUrl ? (
                    <audio controls preload="none" src={c.recordingUrl} style={{ height: 32 }} />
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {items.length === 0 ? <Text c="dimmed">{t('calls.journal.empty')}</Text> : null}
    </Card>
  );
}

// The journal as filtered, downloaded through transfer's export (CSV with ";" for Excel, XLSX).
function ExportButtons({ filter }: { filter: Record<string, string> }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs">
      {(['csv', 'xlsx'] as const).map((format) => (
        <Button
          key={format}
          component="a"
          variant="default"
          href={`/api/v1/calls/export?${new URLSearchParams({ ...filter, format, separator: 'semicolon' }).toString()}`}
          download
        >
          {t('calls.journalExport', { format: format.toUpperCase() })}
        </Button>
      ))}
    </Group>
  );
}
