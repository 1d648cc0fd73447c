import type {
  ConversationSummary,
  Dashboard,
  QueueOverview,
  SlaReport,
  Task,
} from '@voronka/contract';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter } from 'react-router';
import { setLanguage } from '../../lib/i18n';
import { MeContext } from '../../lib/session';
import { memberAs } from '../../lib/role-fixtures';
import { HomePage } from './HomePage';

// The start page per role, against a stubbed API that answers as the server would.
const minute = 60_000;
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();

function conv(
  id: string,
  name: string,
  dueIn: number | null,
  over: Partial<ConversationSummary> = {},
): ConversationSummary {
  return {
    id,
    channel: { id: 'ch', kind: 'web', name: 'Сайт' },
    subject: null,
    clientName: name,
    clientAddress: null,
    contact: null,
    leadId: `l-${id}`,
    status: 'open',
    assigneeId: 'm-manager',
    unread: 1,
    lastMessageAt: iso(-10 * minute),
    preview: `Нужен расчёт от ${name}`,
    createdAt: iso(-10 * minute),
    priority: { score: 72, reasons: [] },
    firstResponseDueAt: dueIn === null ? null : iso(dueIn),
    firstRespondedAt: null,
    ...over,
  };
}
function task(id: string, title: string, kind: Task['kind'], dueIn: number): Task {
  return {
    id,
    kind,
    title,
    description: null,
    dueAt: iso(dueIn),
    remindAt: null,
    doneAt: null,
    ownerId: 'm-manager',
    contactId: null,
    companyId: null,
    dealId: null,
    leadId: null,
    createdAt: iso(-86_400_000),
    updatedAt: iso(-86_400_000),
  };
}

const inbox = [
  conv('c1', 'Анна Котова', -3 * minute),
  conv('c2', 'ООО «Лист»', 20 * minute),
  conv('c3', 'Пётр', null, { firstRespondedAt: iso(-minute), unread: 0 }),
];
const overdueTasks = [task('t1', 'Перезвонить Анне', 'call', -2 * 86_400_000)];
const todayTasks = [
  task('t2', 'Встреча с ООО «Лист»', 'meeting', 2 * 3_600_000),
  task('t3', 'Отправить КП', 'email', 3 * 3_600_000),
];
const overview: QueueOverview = {
  queued: [{ team: { id: 't1', name: 'Продажи' }, count: 2 }],
  members: [
    {
      memberId: 'm1',
      name: 'Анна Смирнова',
      teamId: 't1',
      role: 'manager',
      timeZone: 'Europe/Moscow',
      hours: null,
      vacations: [],
      away: false,
      capacity: 10,
      telegramLinked: false,
      openLoad: 9,
      eligible: true,
      reason: null,
      overdue: 1,
      breaches7d: 3,
    },
    {
      memberId: 'm2',
      name: 'Пётр Иванов',
      teamId: 't1',
      role: 'manager',
      timeZone: 'Europe/Moscow',
      hours: null,
      vacations: [],
      away: true,
      capacity: null,
      telegramLinked: false,
      openLoad: 2,
      eligible: false,
      reason: 'away',
      overdue: 0,
      breaches7d: 1,
    },
  ],
};
const row = {
  key: 'all',
  label: 'Итого',
  assignments: 40,
  responded: 36,
  breaches: 4,
  breachRate: 0.1,
  medianSeconds: 252,
  p90Seconds: 4800,
};
const sla: SlaReport = {
  by: 'manager',
  from: '2026-11-27',
  to: '2026-12-03',
  rows: [row],
  total: row,
};

const dashboard: Dashboard = {
  today: '2026-12-04',
  newRequestsToday: 11,
  newRequestsWeek: 37,
  overdueTasks: 13,
  slaBreachesWeek: 17,
  wonThisMonth: { deals: 5, amount: 123_456_789 },
  plan: { basis: 'won', amount: 200_000_000, fact: 123_456_789 },
  receivables: 98_765_400,
};

let requested: string[];
beforeEach(async () => {
  await setLanguage('ru');
  requested = [];
  vi.stubGlobal('fetch', async (url: string) => {
    requested.push(url);
    const u = new URL(url, 'http://x');
    const body =
      u.pathname === '/api/v1/inbox'
        ? { items: inbox, nextCursor: null }
        : u.pathname === '/api/v1/inbox/counts'
          ? { unread: 2, channels: [] }
          : u.pathname === '/api/v1/tasks'
            ? {
                items: u.searchParams.get('status') === 'overdue' ? overdueTasks : todayTasks,
                nextCursor: null,
              }
            : u.pathname === '/api/v1/routing/queue'
              ? overview
              : u.pathname === '/api/v1/reports/sla'
                ? sla
                : u.pathname === '/api/v1/reports/dashboard'
                  ? dashboard
                  : { items: [] };
    return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
  });
  vi.stubGlobal(
    'EventSource',
    class {
      addEventListener() {}
      close() {}
    },
  );
});
afterEach(() => vi.unstubAllGlobals());

function renderAs(role: Parameters<typeof memberAs>[0]) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MantineProvider env="test">
      <QueryClientProvider client={client}>
        <MeContext.Provider value={memberAs(role)}>
          <MemoryRouter>
            <HomePage />
          </MemoryRouter>
        </MeContext.Provider>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('HomePage', { timeout: 30_000 }, () => {
  it("gives a manager their day: requests awaiting a reply (one overdue), unread, overdue tasks and today's tasks and meetings — and no 'coming soon'", async () => {
    renderAs('manager');
    const day = await screen.findByTestId('home-day');
    expect(await within(screen.getByTestId('stat-awaiting')).findByText('2')).toBeTruthy();
    expect(within(screen.getByTestId('stat-late')).getByText('1')).toBeTruthy();
    expect(await within(screen.getByTestId('stat-unread')).findByText('2')).toBeTruthy();
    expect(await within(screen.getByTestId('stat-overdue-tasks')).findByText('1')).toBeTruthy();
    const items = await within(screen.getByTestId('home-queue')).findAllByTestId('home-queue-item');
    expect(items.map((i) => within(i).getByRole('link').textContent)).toEqual([
      'Анна Котова',
      'ООО «Лист»',
      'Пётр',
    ]);
    expect(within(items[0]!).getByRole('link').getAttribute('href')).toBe('/inbox?c=c1');
    expect(within(items[0]!).getByTestId('sla-countdown').dataset.state).toBe('overdue');
    expect(
      await within(screen.getByTestId('home-overdue')).findByText('Перезвонить Анне'),
    ).toBeTruthy();
    const today = screen.getByTestId('home-today');
    expect(within(today).getByText('Сегодня: задачи и 1 встреча')).toBeTruthy();
    expect(within(today).getByText('Встреча с ООО «Лист»')).toBeTruthy();
    // Only the manager's own: their requests and tasks, nothing of the department.
    expect(screen.queryByTestId('home-department')).toBeNull();
    expect(requested.some((u) => u.includes('/routing/queue') || u.includes('/reports/sla'))).toBe(
      false,
    );
    expect(requested.find((u) => u.startsWith('/api/v1/inbox?'))).toContain('assigneeId=m-manager');
    expect(
      requested
        .filter((u) => u.startsWith('/api/v1/tasks'))
        .every((u) => u.includes('ownerId=m-manager')),
    ).toBe(true);
    expect(day.ownerDocument.body.textContent).not.toMatch(/Скоро появятся|coming soon|\{\{/i);
  });

  it('gives a head the department first: queued with no manager, replies overdue now, breaches and median of 7 days, and the load of each member', async () => {
    renderAs('head');
    await screen.findByTestId('home-department');
    expect(await within(screen.getByTestId('stat-queued')).findByText('2')).toBeTruthy();
    expect(within(screen.getByTestId('stat-dept-overdue')).getByText('1')).toBeTruthy();
    expect(
      (
        await within(screen.getByTestId('stat-breaches')).findByText(/^4 · 10/)
      ).textContent!.replace(/\s/g, ' '),
    ).toBe('4 · 10 %');
    expect(within(screen.getByTestId('stat-median')).getByText('4 мин 12 с')).toBeTruthy();
    const rows = screen.getAllByTestId('home-load-member');
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]!.textContent)).toEqual([
      'Анна СмирноваМожет взять',
      'Пётр ИвановОтошёл',
    ]);
    expect(within(rows[0]!).getByText('9 из 10')).toBeTruthy();
    expect(within(rows[1]!).getByText('Отошёл')).toBeTruthy();
    expect(screen.getByTestId('home-day')).toBeTruthy();
  });

  it('shows the key figures of the day and week, each a link to the report or records behind it', async () => {
    renderAs('head');
    const tile = async (id: string) => {
      await screen.findByTestId(id);
      const el = screen.getByTestId(id);
      return { href: el.getAttribute('href'), text: el.textContent!.replace(/\s/g, ' ') };
    };
    expect(await tile('tile-new-today')).toEqual({
      href: '/leads',
      text: 'Новые заявки сегодня11',
    });
    expect((await tile('tile-overdue')).href).toBe('/tasks');
    expect((await tile('tile-breaches')).href).toBe('/reports/sla');
    expect(await tile('tile-won')).toEqual({
      href: '/reports/funnel?from=2026-12-01&to=2026-12-04&drill=won_closed',
      text: 'Выиграно в этом месяце5 · 1 234 567,89 ₽',
    });
    expect((await tile('tile-plan')).text).toBe('План месяца62 % от 2 000 000,00 ₽');
    expect(await tile('tile-receivables')).toEqual({
      href: '/receivables',
      text: 'Дебиторка987 654,00 ₽',
    });
  });

  it('speaks English with English numbers', async () => {
    await setLanguage('en');
    renderAs('head');
    expect(await screen.findByText('My day')).toBeTruthy();
    expect(
      (await within(screen.getByTestId('stat-breaches')).findByText(/^4 · 10/)).textContent,
    ).toBe('4 · 10%');
    expect(within(screen.getByTestId('stat-median')).getByText('4 min 12 s')).toBeTruthy();
  });
});
