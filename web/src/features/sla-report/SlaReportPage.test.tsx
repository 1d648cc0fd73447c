import type { Me, SlaReport, SlaReportRow } from '@voronka/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { json, renderWith } from '../inbox/test-helpers';
import { slaChartOption } from './SlaChart';
import { SlaReportPage } from './SlaReportPage';

// GET /reports/sla is a fetch stub answering by the `by` asked; the chart (ECharts, SVG renderer)
// is checked only by its container, jsdom draws nothing.
const row = (over: Partial<SlaReportRow>): SlaReportRow => ({
  key: 'm1',
  label: 'Анна Смирнова',
  assignments: 40,
  responded: 38,
  breaches: 5,
  breachRate: 0.125,
  medianSeconds: 252,
  p90Seconds: 4800,
  ...over,
});
const reports: Record<string, SlaReport> = {
  manager: {
    by: 'manager',
    from: '2026-10-31',
    to: '2026-11-27',
    rows: [
      row({}),
      row({
        key: 'm2',
        label: 'Пётр Иванов',
        assignments: 10,
        responded: 0,
        breaches: 0,
        breachRate: 0,
        medianSeconds: null,
        p90Seconds: null,
      }),
    ],
    total: row({
      key: 'total',
      label: 'Итого',
      assignments: 50,
      responded: 38,
      breaches: 5,
      breachRate: 0.1,
      medianSeconds: 300,
      p90Seconds: 4000,
    }),
  },
  channel: {
    by: 'channel',
    from: '2026-10-31',
    to: '2026-11-27',
    rows: [row({ key: 'telegram', label: 'telegram' })],
    total: row({ key: 'total', label: 'Итого' }),
  },
};
const head = {
  member: { id: 'h1', role: 'head', teamId: 't1' },
  workspace: { isReadOnly: false },
  permissions: { routing: { read: true } },
} as unknown as Me;
let asked: URLSearchParams[];

beforeEach(async () => {
  await setLanguage('ru');
  // ECharts measures label text on a canvas; jsdom has none (it would log "not implemented").
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
  asked = [];
  vi.stubGlobal('fetch', async (url: string) => {
    const u = new URL(url, 'http://x');
    if (u.pathname !== '/api/v1/reports/sla') return json({}, 404);
    asked.push(u.searchParams);
    return json(reports[u.searchParams.get('by') ?? 'manager']);
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const cells = (el: HTMLElement) =>
  within(el)
    .getAllByRole('cell')
    .map((c) => c.textContent!.replace(/[\u00a0\u202f]/g, ' '));

describe('SlaReportPage', () => {
  it('renders the table and the chart from the report, for the last four weeks by manager', async () => {
    renderWith(<SlaReportPage />, head);
    await waitFor(() => expect(screen.getAllByTestId('sla-row')).toHaveLength(2));
    expect(asked[0]?.get('by')).toBe('manager');
    expect(asked[0]?.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(asked[0]?.get('to')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const [anna, petr] = screen.getAllByTestId('sla-row');
    expect(cells(anna!)).toEqual([
      'Анна Смирнова',
      '40',
      '38',
      '4 мин 12 с',
      '1 ч 20 мин',
      '5',
      '12,5 %',
    ]);
    expect(cells(petr!)).toEqual(['Пётр Иванов', '10', '0', '—', '—', '0', '0 %']);
    expect(cells(screen.getByTestId('sla-total'))).toEqual([
      'Итого',
      '50',
      '38',
      '5 мин',
      '1 ч 6 мин',
      '5',
      '10 %',
    ]);
    expect(screen.getByTestId('sla-chart')).toBeTruthy();
  });

  it('groups by channel, naming channels in words', async () => {
    renderWith(<SlaReportPage />, head);
    await screen.findAllByTestId('sla-row');
    fireEvent.click(screen.getByRole('radio', { name: 'По каналам' }));
    await waitFor(() => expect(cells(screen.getAllByTestId('sla-row')[0]!)[0]).toBe('Telegram'));
    expect(asked.at(-1)?.get('by')).toBe('channel');
  });
});

describe('slaChartOption', () => {
  it('draws weeks as a time series: [Monday, value] points on a time axis, the breach rate in per cent', () => {
    const weekly: SlaReport = {
      ...reports.manager!,
      by: 'week',
      rows: [
        row({ key: '2026-11-16', label: '2026-11-16' }),
        row({ key: '2026-11-23', label: '2026-11-23', breachRate: 0.25, medianSeconds: 90 }),
      ],
    };
    const option = slaChartOption(
      weekly,
      { median: 'M', p90: 'P', breachRate: 'B', minutes: 'min' },
      (_k, l) => l,
      '#000',
    );
    expect(option.xAxis).toMatchObject({ type: 'time' });
    const series = option.series as { type: string; data: unknown[] }[];
    expect(series.map((s) => s.type)).toEqual(['bar', 'bar', 'line']);
    expect(series[0]!.data).toEqual([
      ['2026-11-16', 4.2],
      ['2026-11-23', 1.5],
    ]);
    expect(series[2]!.data).toEqual([
      ['2026-11-16', 12.5],
      ['2026-11-23', 25],
    ]);
  });
});
