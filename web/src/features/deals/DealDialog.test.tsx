import type { Deal, DealLines } from '@voronka/contract';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { DealDialog } from './DealDialog';
import { minorToInput } from '../../lib/money';

// The deal form against a fetch stub standing in for the API: a deal with line items shows their
// total as a read-only amount ("Сумма по позициям") and does not send an amount; a deal without
// lines keeps the amount typed by hand.

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
const deal = {
  id: '00000000-0000-4000-8000-000000000007',
  title: 'Окна',
  amount: 3_300_150,
  currency: 'RUB',
  pipelineId: '00000000-0000-4000-8000-000000000001',
  stageId: '00000000-0000-4000-8000-000000000002',
  companyId: null,
  companyName: null,
  contactIds: [],
  contacts: [],
  expectedCloseDate: null,
  custom: {},
} as unknown as Deal;
const totals = (totalKopecks: number) => ({
  grossKopecks: totalKopecks,
  discountKopecks: 0,
  netKopecks: totalKopecks,
  vatKopecks: 0,
  totalKopecks,
  vatByRate: [],
});
const withLines = {
  dealId: deal.id,
  vatMode: 'included',
  lines: [{ position: 1, name: 'Окно', totalKopecks: 3_300_150 }],
  totals: totals(3_300_150),
} as unknown as DealLines;
const noLines = { dealId: deal.id, vatMode: 'included', lines: [], totals: totals(0) };

function renderDialog(lines: unknown) {
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => {
    if (init.method === 'PATCH') return json(deal);
    if (String(url).includes('/lines')) return json(lines);
    return json({ items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetch);
  render(
    <MantineProvider env="test">
      <QueryClientProvider client={new QueryClient()}>
        <MemoryRouter>
          <DealDialog pipelineId={deal.pipelineId} deal={deal} onClose={() => {}} />
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return fetch;
}
const patched = async (fetch: ReturnType<typeof renderDialog>) => {
  fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
  await waitFor(() => expect(fetch.mock.calls.some(([, i]) => i?.method === 'PATCH')).toBe(true));
  return JSON.parse(String(fetch.mock.calls.find(([, i]) => i?.method === 'PATCH')![1]!.body));
};

describe('the deal form’s amount', () => {
  beforeAll(() => setLanguage('ru'));
  afterEach(() => vi.unstubAllGlobals());

  it('is the lines’ total, read-only, and is not sent when the deal has line items', async () => {
    const fetch = renderDialog(withLines);
    await screen.findByText('Сумма по позициям');
    const amount = screen.getByLabelText('Сумма') as HTMLInputElement;
    expect(amount.readOnly).toBe(true);
    expect(amount.value).toBe(minorToInput(3_300_150));
    const body = await patched(fetch);
    expect(body).not.toHaveProperty('amount');
    expect(body.title).toBe('Окна');
  });

  it('is typed by hand when the deal has no line items', async () => {
    const fetch = renderDialog(noLines);
    await waitFor(() =>
      expect(fetch.mock.calls.some(([u]) => String(u).includes('/lines'))).toBe(true),
    );
    const amount = screen.getByLabelText('Сумма') as HTMLInputElement;
    expect(amount.readOnly).toBe(false);
    expect(screen.queryByText('Сумма по позициям')).toBeNull();
    fireEvent.change(amount, { target: { value: '1 500,25' } });
    expect((await patched(fetch)).amount).toBe(150_025);
  });
});
