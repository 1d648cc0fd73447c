import { type AgingAmounts, type AgingBucket, agingBuckets } from '@voronka/contract';
import { useComputedColorScheme } from '@mantine/core';
import { BarChart, type BarSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  type GridComponentOption,
  TooltipComponent,
  type TooltipComponentOption,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
// The core build takes echarts as a prop, so only what is registered below reaches the bundle.
import ReactECharts from 'echarts-for-react/esm/core';
import { useTranslation } from 'react-i18next';
import { formatMoney, formatNumber } from '../../lib/format';

echarts.use([BarChart, GridComponent, TooltipComponent, SVGRenderer]);

type Option = echarts.ComposeOption<BarSeriesOption | GridComponentOption | TooltipComponentOption>;

// Green while not yet due, then warmer as the debt ages.
const colors: Record<AgingBucket, string> = {
  current: '#2f9e44',
  d1_30: '#f59f00',
  d31_60: '#f76707',
  d61_90: '#e03131',
  d90_plus: '#862e9c',
};

export function agingChartOption(
  totals: AgingAmounts,
  label: (b: AgingBucket) => string,
  text: string,
): Option {
  return {
    // Drawn at once: a report read, not a show (and nothing moves for those who prefer it so).
    animation: false,
    textStyle: { color: text },
    tooltip: { trigger: 'axis', valueFormatter: (v) => formatMoney(Math.round(Number(v) * 100)) },
    grid: {
      left: 8,
      right: 8,
      top: 16,
      bottom: 8,
      outerBoundsMode: 'same',
      outerBoundsContain: 'axisLabel',
    },
    xAxis: { type: 'category', data: agingBuckets.map(label), axisLabel: { interval: 0 } },
    yAxis: { type: 'value', min: 0, axisLabel: { formatter: (v: number) => formatNumber(v) } },
    series: [
      {
        type: 'bar',
        data: agingBuckets.map((b) => ({
          value: totals[b] / 100,
          itemStyle: { color: colors[b] },
        })),
      },
    ],
  } as Option;
}

// The buckets' totals as bars; a click on a bar drills down to its invoices.
export function AgingChart({
  totals,
  onPick,
}: {
  totals: AgingAmounts;
  onPick: (bucket: AgingBucket) => void;
}) {
  const { t } = useTranslation();
  const scheme = useComputedColorScheme('light');
  const option = agingChartOption(
    totals,
    (b) => t(`receivables.buckets.${b}`),
    scheme === 'dark' ? '#c9c9c9' : '#495057',
  );
  return (
    <div role="img" aria-label={t('receivables.chart')} data-testid="aging-chart">
      <ReactECharts
        echarts={echarts}
        option={option}
        notMerge
        style={{ height: 260, width: '100%' }}
        opts={{ renderer: 'svg' }}
        onEvents={{
          click: (e: { dataIndex: number }) => onPick(agingBuckets[e.dataIndex]!),
        }}
      />
    </div>
  );
}
