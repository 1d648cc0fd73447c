import type { FunnelReport } from '@voronka/contract';
import { useComputedColorScheme } from '@mantine/core';
import ReactECharts from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import { formatNumber, formatPercent } from '../../lib/format';
import { echarts, grid, type Option } from './charts';

// Reached per stage as horizontal bars (open stages, then won): long names stay readable on a
// phone; the label shows the count and the share of the cohort.
export function funnelChartOption(report: FunnelReport, text: string): Option {
  const rows = report.stages.filter((s) => s.kind !== 'lost');
  const total = report.totals.deals || 1;
  return {
    animation: false,
    textStyle: { color: text },
    tooltip: { trigger: 'axis', valueFormatter: (v) => formatNumber(Number(v)) },
    grid: grid(8),
    yAxis: {
      type: 'category',
      inverse: true,
      data: rows.map((s) => s.name),
      axisLabel: { width: 120, overflow: 'truncate' },
    },
    xAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => formatNumber(v) } },
    series: [
      {
        type: 'bar',
        data: rows.map((s) => ({
          value: s.reached,
          itemStyle: { color: s.kind === 'won' ? '#2f9e44' : '#1c7ed6' },
        })),
        label: {
          show: true,
          position: 'insideLeft',
          color: '#fff',
          formatter: (p: { value: number }) =>
            `${formatNumber(p.value)} · ${formatPercent(p.value / total, 0)}`,
        },
      },
    ],
  } as Option;
}

export function FunnelChart({
  report,
  onPick,
}: {
  report: FunnelReport;
  onPick: (stageId: string) => void;
}) {
  const { t } = useTranslation();
  const scheme = useComputedColorScheme('light');
  const rows = report.stages.filter((s) => s.kind !== 'lost');
  return (
    <div role="img" aria-label={t('analytics.funnel.chart')} data-testid="funnel-chart">
      <ReactECharts
        echarts={echarts}
        option={funnelChartOption(report, scheme === 'dark' ? '#c9c9c9' : '#495057')}
        notMerge
        style={{ height: Math.max(180, rows.length * 34 + 24), width: '100%' }}
        opts={{ renderer: 'svg' }}
        onEvents={{ click: (e: { dataIndex: number }) => onPick(rows[e.dataIndex]!.stageId) }}
      />
    </div>
  );
}
