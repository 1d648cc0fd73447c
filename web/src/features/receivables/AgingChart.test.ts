import { describe, expect, it } from 'vitest';
import { agingChartOption } from './AgingChart';

describe('the aging chart', () => {
  it('draws one bar per bucket in roubles, in the buckets’ order', () => {
    const option = agingChartOption(
      {
        current: 50_000,
        d1_30: 60_000,
        d31_60: 0,
        d61_90: 0,
        d90_plus: 300_000,
        total: 410_000,
        overdue: 360_000,
        invoices: 3,
      },
      (b) => `label:${b}`,
      '#000',
    ) as {
      xAxis: { data: string[] };
      series: { data: { value: number }[] }[];
    };
    expect(option.xAxis.data).toEqual([
      'label:current',
      'label:d1_30',
      'label:d31_60',
      'label:d61_90',
      'label:d90_plus',
    ]);
    expect(option.series[0]!.data.map((d) => d.value)).toEqual([500, 600, 0, 0, 3000]);
  });
});
