import type { Me, RoutingRule } from '@voronka/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { RoutingSettingsPage } from './RoutingSettingsPage';
import { type Call, head, json, renderPage, stubApi } from './test-utils';

// The settings page against a stubbed fetch: a manager's read-only view, and the business-hours
// tab reached by its ?tab= link.
const rule: RoutingRule = {
  id: 'r1',
  name: 'Telegram — опт',
  position: 0,
  enabled: true,
  conditions: { channels: ['telegram'], utmSource: ['yandex'] },
  strategy: 'least_load',
  teamId: null,
  memberId: null,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
};
const manager = {
  ...head,
  member: { id: 'm2', role: 'manager', teamId: 't1' },
  permissions: { routing: { read: true } },
} as unknown as Me;

let calls: Call[];
beforeEach(async () => {
  await setLanguage('ru');
  calls = [];
  vi.stubGlobal(
    'fetch',
    stubApi(
      {
        'GET /routing-rules': () => json({ items: [rule] }),
        'GET /business-hours': () =>
          json({ timeZone: 'Europe/Moscow', hours: {}, productionCalendar: 'ru' }),
        'PUT /business-hours': (body) =>
          json({ timeZone: 'Europe/Moscow', productionCalendar: 'ru', ...(body as object) }),
      },
      calls,
    ),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('RoutingSettingsPage', { timeout: 30_000 }, () => {
  it('lets a manager read the rules and try them, but not change them', async () => {
    renderPage(<RoutingSettingsPage />, manager, '/settings/routing');
    const item = await screen.findByTestId('rule-r1');
    expect(within(item).getByText('Наименее загруженному: все активные менеджеры')).toBeTruthy();
    expect(within(item).getByText('Каналы: Telegram · UTM source: yandex')).toBeTruthy();
    expect(
      within(item).getByRole('button', { name: 'Проверить правило «Telegram — опт»' }),
    ).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Добавить правило' })).toBeNull();
    expect(
      within(item).queryByRole('button', { name: /Изменить|Удалить|Поднять|Опустить/ }),
    ).toBeNull();
  });

  it('says in the title of a rule without conditions that it takes any request, and not of one with conditions', async () => {
    const catchAll = {
      ...rule,
      id: 'r2',
      name: 'Сайт и почта — наименее загруженному',
      position: 1,
      conditions: {},
    };
    vi.stubGlobal(
      'fetch',
      stubApi({ 'GET /routing-rules': () => json({ items: [rule, catchAll] }) }, calls),
    );
    renderPage(<RoutingSettingsPage />, head, '/settings/routing');
    const item = await screen.findByTestId('rule-r2');
    expect(within(item).getByTestId('rule-r2-any').textContent).toBe('без условий — любая заявка');
    expect(within(screen.getByTestId('rule-r1')).queryByText(/без условий/)).toBeNull();
  });

  it('moves a rule with the keyboard buttons by PATCHing its position', async () => {
    const second = { ...rule, id: 'r2', name: 'Сайт', position: 1 };
    vi.stubGlobal(
      'fetch',
      stubApi(
        {
          'GET /routing-rules': () => json({ items: [rule, second] }),
          'PATCH /routing-rules/r2': () => json(second),
        },
        calls,
      ),
    );
    renderPage(<RoutingSettingsPage />, head, '/settings/routing');
    fireEvent.click(await screen.findByRole('button', { name: 'Поднять «Сайт» выше' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PATCH')).toEqual({
        method: 'PATCH',
        url: '/api/v1/routing-rules/r2',
        body: { position: 0 },
      }),
    );
    expect(screen.getByRole('button', { name: 'Поднять «Telegram — опт» выше' })).toHaveProperty(
      'disabled',
      true,
    );
  });

  it('opens the business hours tab from ?tab=hours, rejects a range that ends before it starts, and saves the week', async () => {
    renderPage(<RoutingSettingsPage />, head, '/settings/routing?tab=hours');
    fireEvent.click(await screen.findByRole('button', { name: 'Пн–Пт 9–18' }));
    fireEvent.change(screen.getByLabelText('Вторник, интервал 1: с'), {
      target: { value: '19:00' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    expect(
      await within(screen.getByTestId('hours-tue')).findByText(
        'Начало интервала должно быть раньше конца.',
      ),
    ).toBeTruthy();
    expect(calls.some((c) => c.method === 'PUT')).toBe(false);

    fireEvent.change(screen.getByLabelText('Вторник, интервал 1: с'), {
      target: { value: '10:00' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Суббота: добавить интервал' }));
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const nineToSix: [string, string][] = [['09:00', '18:00']];
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({
      timeZone: 'Europe/Moscow',
      productionCalendar: 'ru',
      hours: {
        mon: nineToSix,
        tue: [['10:00', '18:00']],
        wed: nineToSix,
        thu: nineToSix,
        fri: nineToSix,
        sat: nineToSix,
      },
    });
  });
});
