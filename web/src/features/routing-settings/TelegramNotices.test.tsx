import type { Availability, Me } from '@voronka/contract';
import { fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { TelegramNotices } from './TelegramNotices';
import { head, json, renderPage, stubApi, type Call } from './test-utils';

// jsdom has no server: the API is a fetch stub (the server side is src/channels/telegram/notices.test.ts).
const availability = (over: Partial<Availability> = {}): Availability => ({
  memberId: 'm2',
  name: 'Пётр',
  teamId: null,
  role: 'manager',
  timeZone: 'Europe/Moscow',
  hours: null,
  vacations: [],
  away: false,
  capacity: null,
  openLoad: 0,
  eligible: true,
  reason: null,
  telegramLinked: false,
  ...over,
});
const manager = { ...head, member: { id: 'm2', role: 'manager', teamId: null } } as unknown as Me;

let calls: Call[];
beforeEach(async () => {
  await setLanguage('ru');
  calls = [];
  vi.stubGlobal(
    'fetch',
    stubApi(
      {
        'GET /channels': () =>
          json({
            items: [
              { id: 'c1', kind: 'telegram', name: 'Бот магазина', enabled: true },
              { id: 'c2', kind: 'email', name: 'Почта', enabled: true },
            ],
          }),
        'POST /availability/m2/telegram': () =>
          json(
            {
              url: 'https://t.me/shop_bot?start=vrkABC',
              code: 'vrkABC',
              expiresAt: '2026-11-27T12:00:00.000Z',
            },
            201,
          ),
      },
      calls,
    ),
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('TelegramNotices', () => {
  it('asks for a code for the workspace bot and shows the link and the command to send', async () => {
    renderPage(<TelegramNotices availability={availability()} own />, manager);
    fireEvent.click(await screen.findByRole('button', { name: 'Подключить Telegram' }));
    expect(
      (await screen.findByRole('link', { name: 'Открыть бота в Telegram' })).getAttribute('href'),
    ).toBe('https://t.me/shop_bot?start=vrkABC');
    expect(screen.getByText('/start vrkABC')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ channelId: 'c1' });
  });

  it('offers to unlink once linked', () => {
    renderPage(
      <TelegramNotices availability={availability({ telegramLinked: true })} own />,
      manager,
    );
    expect(screen.getByRole('button', { name: 'Отключить' })).toBeTruthy();
  });
});
