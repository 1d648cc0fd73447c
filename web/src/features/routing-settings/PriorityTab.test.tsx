import type { PriorityWeightsView } from '@voronka/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { PriorityTab } from './PriorityTab';
import { type Call, json, renderPage, stubApi } from './test-utils';

// The priority weights against a stubbed fetch.
const view: PriorityWeightsView = {
  bias: -0.4,
  features: { product: 1.1, price_only: -1.6, channel_phone: 0.3 },
  source: 'default',
  catalog: ['Цемент М500'],
  fittedAt: null,
  examples: null,
  lastFit: {
    at: '2026-11-26T03:00:00.000Z',
    fitted: false,
    reason: 'too_few_examples',
    examples: 12,
  },
};

let calls: Call[];
beforeEach(async () => {
  await setLanguage('ru');
  calls = [];
  vi.stubGlobal(
    'fetch',
    stubApi(
      { 'GET /priority-weights': () => json(view), 'PUT /priority-weights': () => json(view) },
      calls,
    ),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('PriorityTab', { timeout: 30_000 }, () => {
  it('reads each feature in words with its weight, and why the last fit was not made', async () => {
    renderPage(<PriorityTab canEdit={false} />);
    const product = await screen.findByTestId('weight-product');
    expect(within(product).getByText('назван товар из каталога')).toBeTruthy();
    expect(within(product).getByText('+1.10')).toBeTruthy();
    expect(within(screen.getByTestId('weight-price_only')).getByText('−1.60')).toBeTruthy();
    expect(screen.getByText('по умолчанию')).toBeTruthy();
    expect(screen.getByText(/веса не подобраны — пока мало завершённых заявок/)).toBeTruthy();
    expect(screen.getByText(/\(12 заявок\)/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Подобрать заново' })).toBeNull();
    expect(document.body.textContent).not.toMatch(/\{\{/);
  });

  it('says how many requests the last fit used, in words and without a raw placeholder, in both languages', async () => {
    const fitted = {
      ...view,
      source: 'fitted' as const,
      lastFit: { at: '2026-11-26T03:00:00.000Z', fitted: true, reason: null, examples: 21 },
    };
    vi.stubGlobal('fetch', stubApi({ 'GET /priority-weights': () => json(fitted) }, calls));
    const { unmount } = renderPage(<PriorityTab canEdit={false} />);
    expect(await screen.findByText(/по 21 заявке\./)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/\{\{/);
    unmount();
    await setLanguage('en');
    renderPage(<PriorityTab canEdit={false} />);
    expect(await screen.findByText(/on 21 requests\./)).toBeTruthy();
    expect(document.body.textContent).not.toMatch(/\{\{/);
  });

  it('saves edited weights, and resets to the defaults after asking', async () => {
    renderPage(<PriorityTab canEdit />);
    fireEvent.change(await screen.findByRole('textbox', { name: 'позвонил по телефону' }), {
      target: { value: '0.8' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({
      features: { product: 1.1, price_only: -1.6, channel_phone: 0.8 },
      bias: -0.4,
    });

    fireEvent.click(screen.getByRole('button', { name: 'Вернуть по умолчанию' }));
    fireEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Вернуть по умолчанию',
      }),
    );
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'PUT').at(-1)!.body).toEqual({ reset: true }),
    );
  });
});
