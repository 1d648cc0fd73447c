import type { PlanFactReport } from '@voronka/contract';
import { useComputedColorScheme } from '@mantine/core';
import ReactECharts from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import { formatMoney, formatNumber } from '../../lib/format';
import { echarts, grid, type Option } from './charts';
import { periodLabel } from './report-bits';

type Labels = Record<'planWon' | 'factWon' | 'factPaid' | 'forecast' | 'runRate', string>;

// Plan as a light bar, won and paid as bars beside it (both named), forecast and run-rate as lines.
export function planFactOption(r: PlanFactReport, l: Labels, lng: string, text: string): Option {
  const rub = (k: number | null) => (k === null ? null : k / 100);
  const line = (name: string, data: (number | null)[], color: string, dashed = false) => ({
    type: 'line' as const,
    name,
    data,
    connectNulls: false,
    symbolSize: 6,
    lineStyle: { color, type: dashed ? ('dashed' as const) : ('solid' as const) },
    itemStyle: { color },
  });
  return {
    animation: false,
    textStyle: { color: text },
    legend: { top: 0, textStyle: { color: text }, type: 'scroll' },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v) =>
        v === null || v === undefined ? '—' : formatMoney(Math.round(Number(v) * 100)),
    },
    grid: grid(40),
    xAxis: { type: 'category', data: r.rows.map((x) => periodLabel(x.start, r.period, lng)) },
    yAxis: {
      type: 'value',
      min: 0,
      axisLabel: { formatter: (v: number) => formatNumber(v, { notation: 'compact' }) },
    },
    series: [
      {
        type: 'bar',
        name: l.planWon,
        data: r.rows.map((x) => rub(x.planWon)),
        itemStyle: { color: '#a5d8ff' },
      },
      {
        type: 'bar',
        name: l.factWon,
        data: r.rows.map((x) => rub(x.factWon)),
        itemStyle: { color: '#2f9e44' },
      },
      {
        type: 'bar',
        name: l.factPaid,
        data: r.rows.map((x) => rub(x.factPaid)),
        itemStyle: { color: '#f08c00' },
      },
      line(
        l.forecast,
        r.rows.map((x) => rub(x.forecast)),
        '#7048e8',
        true,
      ),
      line(
        l.runRate,
        r.rows.map((x) => rub(x.runRate)),
        '#e03131',
      ),
    ],
  } as Option;
}

export function PlanFactChart({ report }: { report: PlanFactReport }) {
  const { t, i18n } = useTranslation();
  const scheme = useComputedColorScheme('light');
  const labels = Object.fromEntries(
    (['planWon', 'factWon', 'factPaid', 'forecast', 'runRate'] as const).map((k) => [
      k,
      t(`analytics.planFact.${k}`),
    ]),
  ) as Labels;
  return (
    <div role="img" aria-label={t('analytics.planFact.chart')} data-testid="plan-fact-chart">
      <ReactECharts
        echarts={echarts}
        option={planFactOption(
          report,
          labels,
          i18n.language,
          scheme === 'dark' ? '#c9c9c9' : '#495057',
        )}
        notMerge
        style={{ height: 300, width: '100%' }}
        opts={{ renderer: 'svg' }}
      />
    </div>
  );
}
