import type { SlaReport } from '@voronka/contract';
import { useComputedColorScheme } from '@mantine/core';
import { BarChart, type BarSeriesOption, LineChart, type LineSeriesOption } from 'echarts/charts';
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
// The core build takes echarts as a prop, so only what is registered below reaches the bundle.
import ReactECharts from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import { breachPercent } from './sla-format';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

type Option = echarts.ComposeOption<
  | BarSeriesOption
  | LineSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

const minutes = (s: number | null) => (s === null ? null : Math.round((s / 60) * 10) / 10);

// Median and 90th-percentile first-response time (minutes) as bars per row, the breach rate (%) as a
// line on its own axis; by week the rows are a time series.
export function slaChartOption(
  report: SlaReport,
  labels: { median: string; p90: string; breachRate: string; minutes: string },
  label: (key: string, fallback: string) => string,
  text: string,
): Option {
  const weekly = report.by === 'week';
  const point = (key: string, value: number | null) => (weekly ? [key, value] : value);
  const rows = report.rows;
  return {
    textStyle: { color: text },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, textStyle: { color: text } },
    grid: {
      left: 8,
      right: 8,
      top: 40,
      bottom: 8,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    xAxis: weekly
      ? { type: 'time' }
      : {
          type: 'category',
          data: rows.map((r) => label(r.key, r.label)),
          axisLabel: { interval: 0, overflow: 'truncate', width: 90 },
        },
    yAxis: [
      { type: 'value', name: labels.minutes, min: 0 },
      { type: 'value', name: '%', min: 0, max: 100, splitLine: { show: false } },
    ],
    series: [
      {
        type: 'bar',
        name: labels.median,
        data: rows.map((r) => point(r.key, minutes(r.medianSeconds))),
      },
      { type: 'bar', name: labels.p90, data: rows.map((r) => point(r.key, minutes(r.p90Seconds))) },
      {
        type: 'line',
        name: labels.breachRate,
        yAxisIndex: 1,
        smooth: false,
        data: rows.map((r) => point(r.key, breachPercent(r))),
      },
    ],
  } as Option;
}

export function SlaChart({
  report,
  label,
}: {
  report: SlaReport;
  label: (key: string, fallback: string) => string;
}) {
  const { t } = useTranslation();
  const scheme = useComputedColorScheme('light');
  const option = slaChartOption(
    report,
    {
      median: t('slaReport.col.median'),
      p90: t('slaReport.col.p90'),
      breachRate: t('slaReport.col.breachRate'),
      minutes: t('slaReport.minutes'),
    },
    label,
    scheme === 'dark' ? '#c9c9c9' : '#495057',
  );
  return (
    <div role="img" aria-label={t('slaReport.chart')} data-testid="sla-chart">
      <ReactECharts
        echarts={echarts}
        option={option}
        notMerge
        style={{ height: 320, width: '100%' }}
        opts={{ renderer: 'svg' }}
      />
    </div>
  );
}
