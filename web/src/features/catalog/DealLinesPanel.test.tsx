import type { DealLines } from '@voronka/contract';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { formatMoney } from '../../lib/money';
import { LinesEditor } from './DealLinesPanel';

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

// A deal saved with one line: 2.5 × 1 234,56 ₽ − 10 %, VAT 22 % inside the price.
const saved: DealLines = {
  dealId: '00000000-0000-4000-8000-000000000001',
  vatMode: 'included',
  lines: [
    {
      position: 1,
      productId: null,
      sku: null,
      name: 'Кирпич облицовочный',
      quantity: '2.5',
      okei: '796',
      unit: 'шт',
      priceKopecks: 123456,
      discount: { kind: 'percent', value: '10' },
      vatRate: 22,
      grossKopecks: 308640,
      discountKopecks: 30864,
      netKopecks: 227685,
      vatKopecks: 50091,
      totalKopecks: 277776,
    },
  ],
  totals: {
    grossKopecks: 308640,
    discountKopecks: 30864,
    netKopecks: 227685,
    vatKopecks: 50091,
    totalKopecks: 277776,
    vatByRate: [{ rate: 22, netKopecks: 227685, vatKopecks: 50091 }],
  },
};

function renderEditor() {
  // The product picker asks the catalog; the save is a PUT of the whole list.
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) =>
    init.method === 'PUT' ? json(saved) : json({ items: [], nextCursor: null }),
  );
  vi.stubGlobal('fetch', fetch);
  render(
    <MantineProvider env="test">
      <QueryClientProvider client={new QueryClient()}>
        <LinesEditor
          dealId={saved.dealId}
          saved={saved}
          rates={[22, 10, 0, null].map((rate) => ({
            id: String(rate),
            rate,
            label: '',
            validFrom: '2026-01-01',
            validTo: null,
          }))}
          canEdit
          title="Позиции"
        />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return fetch;
}
const total = () => screen.getByTestId('lines-total').textContent;

describe('the deal card’s line items', () => {
  beforeAll(() => setLanguage('ru'));
  afterEach(() => vi.unstubAllGlobals());

  it('recomputes totals live, to the kopeck, in both VAT modes, and saves the whole list', async () => {
    const fetch = renderEditor();
    expect(total()).toBe(formatMoney(277776));
    expect(document.body.textContent).toContain(formatMoney(50091)); // в т. ч. НДС 22 %
    // 3 × 1 234,56 = 3 703,68 − 10 % = 3 333,31 (370,368 rounds to 370,37)
    fireEvent.change(screen.getByLabelText('Кол-во 1'), { target: { value: '3' } });
    expect(screen.getByTestId('line-total-1').textContent).toBe(formatMoney(333331));
    expect(total()).toBe(formatMoney(333331));
    // VAT on top: 3 333,31 + 22 % (733,3282 → 733,33) = 4 066,64
    fireEvent.click(screen.getByText('НДС сверху'));
    expect(total()).toBe(formatMoney(406664));
    // A negative quantity is marked and blocks saving; nothing is sent.
    fireEvent.change(screen.getByLabelText('Кол-во 1'), { target: { value: '-1' } });
    expect(screen.getByRole('button', { name: 'Сохранить' })).toHaveProperty('disabled', true);
    fireEvent.change(screen.getByLabelText('Кол-во 1'), { target: { value: '3' } });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(fetch.mock.calls.some(([, i]) => i?.method === 'PUT')).toBe(true));
    const put = fetch.mock.calls.find(([, i]) => i?.method === 'PUT')!;
    expect(String(put[0])).toContain(`/deals/${saved.dealId}/lines`);
    expect(JSON.parse(String(put[1]!.body))).toEqual({
      vatMode: 'on_top',
      lines: [
        {
          productId: null,
          name: 'Кирпич облицовочный',
          quantity: '3',
          okei: '796',
          priceKopecks: 123456,
          discount: { kind: 'percent', value: '10' },
          vatRate: 22,
        },
      ],
    });
  });
});
