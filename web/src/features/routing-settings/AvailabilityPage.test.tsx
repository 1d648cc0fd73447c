import type { Availability, Me } from '@voronka/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { AvailabilityPage } from './AvailabilityPage';
import { type Call, head, json, renderPage, stubApi } from './test-utils';

// "My schedule" against a stubbed fetch: a manager's own page and the head's list of everyone.
function availability(over: Partial<Availability> = {}): Availability {
  return {
    memberId: 'm2',
    name: 'Пётр Смирнов',
    teamId: 't1',
    role: 'manager',
    timeZone: 'Europe/Moscow',
    hours: { mon: [['09:00', '18:00']] },
    vacations: [],
    away: false,
    capacity: 10,
    openLoad: 3,
    eligible: true,
    reason: null,
    telegramLinked: false,
    ...over,
  };
}
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
        'GET /availability/m2': () => json(availability()),
        'PUT /availability/m2': (body) => json(availability(body as Partial<Availability>)),
        'GET /availability': () =>
          json({
            items: [
              availability(),
              availability({
                memberId: 'm3',
                name: 'Олег Ли',
                eligible: false,
                reason: 'vacation',
                capacity: null,
                openLoad: 0,
              }),
            ],
          }),
      },
      calls,
    ),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('AvailabilityPage', { timeout: 30_000 }, () => {
  it('marks yourself away in one click and shows your load', async () => {
    renderPage(<AvailabilityPage />, manager, '/availability');
    expect(await screen.findByText('Открытых заявок: 3 из 10.')).toBeTruthy();
    expect(screen.getByTestId('availability-status').textContent).toBe(
      'Сейчас может получать новые заявки.',
    );
    fireEvent.click(screen.getByRole('switch', { name: /Я отошёл/ }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PUT')).toEqual({
        method: 'PUT',
        url: '/api/v1/availability/m2',
        body: { away: true },
      }),
    );
    expect(screen.queryByRole('region', { name: 'Сотрудники сейчас' })).toBeNull();
  });

  it('saves any-time hours as null, vacations and an empty capacity as no limit', async () => {
    renderPage(<AvailabilityPage />, manager, '/availability');
    fireEvent.click(await screen.findByRole('switch', { name: /В любое время/ }));
    fireEvent.click(screen.getByRole('button', { name: '+ Отпуск' }));
    fireEvent.change(screen.getByLabelText('С'), { target: { value: '2026-12-29' } });
    fireEvent.change(screen.getByLabelText('По'), { target: { value: '2026-12-20' } });
    fireEvent.change(screen.getByRole('textbox', { name: /Не больше открытых заявок/ }), {
      target: { value: '' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    expect(await screen.findByText('Конец не может быть раньше начала.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('По'), { target: { value: '2027-01-08' } });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({
      timeZone: 'Europe/Moscow',
      hours: null,
      vacations: [{ from: '2026-12-29', to: '2027-01-08' }],
      capacity: null,
    });
  });

  it('shows the head everyone with their status, each opening their schedule', async () => {
    renderPage(
      <AvailabilityPage />,
      { ...head, member: { id: 'm2', role: 'head', teamId: 't1' } } as unknown as Me,
      '/availability',
    );
    const list = await screen.findByRole('region', { name: 'Сотрудники сейчас' });
    const oleg = await within(list).findByRole('link', { name: 'Олег Ли' });
    expect(oleg.getAttribute('href')).toBe('/availability/m3');
    expect(within(list).getByText('в отпуске')).toBeTruthy();
  });
});
