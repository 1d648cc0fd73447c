import type { Me, QueueOverview } from '@voronka/contract';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { json, renderWith } from '../inbox/test-helpers';
import { QueuePage } from './QueuePage';
import { loadPercent } from './use-queue';

// GET /routing/queue is a fetch stub; no EventSource in jsdom, so the page runs on its interval alone.
const member = (
  over: Partial<QueueOverview['members'][number]>,
): QueueOverview['members'][number] => ({
  memberId: 'm1',
  name: 'Анна Смирнова',
  teamId: 't1',
  role: 'manager',
  timeZone: 'Europe/Moscow',
  hours: null,
  vacations: [],
  away: false,
  capacity: 10,
  openLoad: 4,
  eligible: true,
  reason: null,
  telegramLinked: false,
  overdue: 0,
  breaches7d: 0,
  ...over,
});
const overview: QueueOverview = {
  queued: [
    { team: { id: 't1', name: 'Отдел продаж' }, count: 3 },
    { team: null, count: 1 },
  ],
  members: [
    member({}),
    member({
      memberId: 'm2',
      name: 'Пётр Иванов',
      openLoad: 10,
      eligible: false,
      reason: 'at_capacity',
      overdue: 2,
      breaches7d: 5,
    }),
    member({
      memberId: 'm3',
      name: 'Ольга Ким',
      capacity: null,
      openLoad: 7,
      eligible: false,
      reason: 'vacation',
    }),
  ],
};
const head = {
  member: { id: 'h1', role: 'head', teamId: 't1' },
  workspace: { isReadOnly: false },
  permissions: { routing: { read: true } },
} as unknown as Me;

beforeEach(async () => {
  await setLanguage('ru');
  vi.stubGlobal('fetch', async (url: string) =>
    url === '/api/v1/routing/queue' ? json(overview) : json({}, 404),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('QueuePage', () => {
  it('shows what waits per team and each member’s load, overdue, breaches and whether they can take one', async () => {
    renderWith(<QueuePage />, head);
    await waitFor(() => expect(screen.getAllByTestId('queue-member')).toHaveLength(3));
    expect(screen.getAllByTestId('queued-team').map((el) => el.textContent)).toEqual([
      'Отдел продаж3',
      'Без отдела1',
    ]);
    const [anna, petr, olga] = screen.getAllByTestId('queue-member').map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    );
    expect(anna).toEqual(['Анна СмирноваМенеджер', '4 из 10', '0', '0', 'Может взять']);
    expect(petr).toEqual(['Пётр ИвановМенеджер', '10 из 10', '2', '5', 'Загружен до предела']);
    expect(olga).toEqual(['Ольга КимМенеджер', '7, без лимита', '0', '0', 'В отпуске']);
    expect(screen.getByRole('progressbar', { name: '10 из 10' })).toBeTruthy();
  });
});

describe('loadPercent', () => {
  it('is the share of capacity in use, capped at 100, and none without a limit', () => {
    expect([
      loadPercent(4, 10),
      loadPercent(12, 10),
      loadPercent(0, 0),
      loadPercent(1, 0),
      loadPercent(3, null),
    ]).toEqual([40, 100, 0, 100, null]);
  });
});
