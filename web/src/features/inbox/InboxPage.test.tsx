import type { ConversationSummary, Me } from '@voronka/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { InboxPage } from './InboxPage';
import { json, renderWith } from './test-helpers';

// The API is a fetch stub: GET /inbox answers the rows in the order given (the server sorts), and
// records each query; Date alone is faked so the countdowns read a fixed "now".
const now = Date.parse('2026-11-27T10:00:00.000Z');
const at = (s: number) => new Date(now + s * 1000).toISOString();

function summary(id: string, over: Partial<ConversationSummary> = {}): ConversationSummary {
  return {
    id,
    channel: { id: 'ch1', kind: 'telegram', name: 'Бот' },
    subject: null,
    clientName: `Клиент ${id}`,
    clientAddress: null,
    contact: null,
    leadId: `lead-${id}`,
    status: 'open',
    assigneeId: 'm1',
    unread: 0,
    lastMessageAt: at(-60),
    preview: 'Нужен кирпич',
    createdAt: at(-600),
    priority: null,
    firstResponseDueAt: null,
    firstRespondedAt: null,
    ...over,
  };
}

const rows = [
  summary('c1', { priority: { score: 91, reasons: [] }, firstResponseDueAt: at(14 * 60 + 5) }),
  summary('c2', { priority: { score: 40, reasons: [] }, firstResponseDueAt: at(4 * 60) }),
  summary('c3', { priority: { score: 65, reasons: [] }, firstResponseDueAt: at(-125) }),
  summary('c4', {
    priority: { score: 12, reasons: [] },
    firstResponseDueAt: at(-3000),
    firstRespondedAt: at(-300),
  }),
];

const manager = {
  member: { id: 'm1', role: 'manager', teamId: 't1' },
  workspace: { isReadOnly: false },
  permissions: { leads: { read: true, update: true, visibility: 'own' } },
} as unknown as Me;
const head = {
  ...manager,
  member: { id: 'h1', role: 'head', teamId: 't1' },
  permissions: { leads: { read: true, update: true, visibility: 'team' } },
} as unknown as Me;

let queries: URLSearchParams[];

beforeEach(async () => {
  await setLanguage('ru');
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(now);
  queries = [];
  vi.stubGlobal('fetch', async (url: string) => {
    const u = new URL(url, 'http://x');
    if (u.pathname === '/api/v1/inbox') {
      queries.push(u.searchParams);
      return json({ items: rows, nextCursor: null });
    }
    if (u.pathname === '/api/v1/inbox/counts') return json({ unread: 0, channels: [] });
    return json(
      { code: 'resource.not_found', title: 'nf', status: 404, detail: 'nf', type: 'x' },
      404,
    );
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

const renderInbox = (me: Me) =>
  renderWith(
    <MemoryRouter initialEntries={['/inbox']}>
      <InboxPage />
    </MemoryRouter>,
    me,
  );

describe('InboxPage queues', () => {
  it("opens a manager's own queue warmest first and shows the rows in the server's order with badge and countdown", async () => {
    const setInterval = vi.spyOn(globalThis, 'setInterval');
    renderInbox(manager);
    const items = await screen.findAllByTestId('conversation-item');
    expect(queries[0]?.get('assigneeId')).toBe('m1');
    expect(queries[0]?.get('sort')).toBe('priority');
    expect(items.map((i) => within(i).getByTestId('priority-badge').textContent)).toEqual([
      '91',
      '40',
      '65',
      '12',
    ]);
    expect(within(items[0]!).getByLabelText('Приоритет 91 из 100')).toBeTruthy();
    const clocks = items.map((i) => within(i).getByTestId('sla-countdown'));
    expect(clocks.map((c) => c.textContent)).toEqual([
      'осталось 14:05',
      'осталось 04:00',
      'просрочено 02:05',
      'ответ за 05:00',
    ]);
    expect(clocks.map((c) => c.dataset.state)).toEqual(['running', 'soon', 'overdue', 'responded']);
    // One ticker for the whole list, not one per row.
    expect(setInterval.mock.calls.filter(([, ms]) => ms === 1000)).toHaveLength(1);
    // A manager who sees only their own has no "all" tab.
    expect(screen.queryByRole('radio', { name: 'Все' })).toBeNull();
  });

  it("switches to the team's unassigned queue and to the newest first", async () => {
    renderInbox(manager);
    await screen.findAllByTestId('conversation-item');
    fireEvent.click(screen.getByRole('radio', { name: 'Очередь команды' }));
    await waitFor(() => expect(queries.at(-1)?.get('assigneeId')).toBe('none'));
    fireEvent.click(screen.getByRole('combobox', { name: 'Порядок' }));
    fireEvent.click(await screen.findByRole('option', { name: 'Сначала новые' }));
    await waitFor(() => expect(queries.at(-1)?.get('sort')).toBe('recent'));
    expect(queries.at(-1)?.get('assigneeId')).toBe('none');
  });

  it('starts a head on everything the team has, with all three tabs', async () => {
    renderInbox(head);
    await screen.findAllByTestId('conversation-item');
    expect(queries[0]?.has('assigneeId')).toBe(false);
    expect(screen.getByRole('radio', { name: 'Все' })).toHaveProperty('checked', true);
    fireEvent.click(screen.getByRole('radio', { name: 'Мои' }));
    await waitFor(() => expect(queries.at(-1)?.get('assigneeId')).toBe('h1'));
  });

  it('moves between the rows with the arrow keys', async () => {
    renderInbox(manager);
    const items = await screen.findAllByTestId('conversation-item');
    items[0]!.focus();
    fireEvent.keyDown(items[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items[1]);
    fireEvent.keyDown(items[1]!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(items[0]);
  });
});
