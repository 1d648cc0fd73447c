import type { Me } from '@voronka/contract';
import { MantineProvider } from '@mantine/core';
import { Notifications, notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { MeContext } from '../../lib/session';
import { emptyInboxFilters, useInbox } from '../inbox/use-inbox';
import { useActiveUsers } from '../teams';
import { RoutingNotifications } from './RoutingNotifications';

// The server's event stream is a fake EventSource (jsdom has none) and the API a fetch stub that
// counts the inbox list requests, so a refetch after an event can be seen.

class FakeEventSource extends EventTarget {
  static instances = 0;
  static current: FakeEventSource | null = null;
  constructor(readonly url: string) {
    super();
    FakeEventSource.instances += 1;
    FakeEventSource.current = this;
  }
  close() {
    FakeEventSource.current = null;
  }
}

const emit = (type: string, data: unknown) =>
  act(
    () =>
      void FakeEventSource.current!.dispatchEvent(
        new MessageEvent(type, { data: JSON.stringify(data) }),
      ),
  );
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const head = {
  member: { id: 'h1', role: 'head', teamId: 't1' },
  permissions: { leads: { read: true, visibility: 'team' }, users: { read: true } },
} as unknown as Me;

let inboxRequests: number;

function InboxProbe() {
  const inbox = useInbox(emptyInboxFilters, 'h1');
  const users = useActiveUsers();
  return (
    <span data-testid="probe">{`${inbox.data?.pages[0]?.items.length ?? '-'} rows, ${users.data?.length ?? '-'} users`}</span>
  );
}
function Where() {
  const loc = useLocation();
  return <span data-testid="where">{loc.pathname + loc.search}</span>;
}

function renderApp() {
  return render(
    <MantineProvider env="test">
      <Notifications />
      <QueryClientProvider
        client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
      >
        <MemoryRouter initialEntries={['/']}>
          <MeContext.Provider value={head}>
            <RoutingNotifications />
            <InboxProbe />
            <Routes>
              <Route path="*" element={<Where />} />
            </Routes>
          </MeContext.Provider>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

beforeEach(async () => {
  await setLanguage('ru');
  inboxRequests = 0;
  FakeEventSource.instances = 0;
  vi.stubGlobal('EventSource', FakeEventSource);
  vi.stubGlobal('fetch', async (url: string) => {
    const u = new URL(url, 'http://x');
    if (u.pathname === '/api/v1/inbox') {
      inboxRequests += 1;
      return json({ items: [], nextCursor: null });
    }
    if (u.pathname === '/api/v1/users')
      return json({ items: [{ id: 'm7', name: 'Анна Смирнова' }], nextCursor: null });
    return json(
      { code: 'resource.not_found', title: 'nf', status: 404, detail: 'nf', type: 'x' },
      404,
    );
  });
});
afterEach(() => {
  act(() => notifications.clean());
  vi.unstubAllGlobals();
});

describe('RoutingNotifications', () => {
  it('shows a routing.assigned event with a link to the conversation and refetches the inbox', async () => {
    renderApp();
    await waitFor(() => expect(inboxRequests).toBe(1));
    emit('routing.assigned', { leadId: 'l1', conversationId: 'c1' });
    expect(await screen.findByText('Новая заявка для вас')).toBeTruthy();
    await waitFor(() => expect(inboxRequests).toBe(2));
    fireEvent.click(screen.getByRole('link', { name: 'Открыть разговор' }));
    expect(screen.getByTestId('where').textContent).toBe('/inbox?c=c1');
    await waitFor(() => expect(screen.queryByText('Новая заявка для вас')).toBeNull());
    // The inbox's stream, not a second connection.
    expect(FakeEventSource.instances).toBe(1);
  });

  it("names the manager who missed a deadline to the head, and ignores the inbox's own events", async () => {
    renderApp();
    await waitFor(() => expect(inboxRequests).toBe(1));
    await waitFor(() => expect(FakeEventSource.current).not.toBeNull());
    emit('inbox.message', { conversationId: 'c1' });
    // The member list loaded (the same query the notifications read names from).
    await waitFor(() => expect(screen.getByTestId('probe').textContent).toBe('0 rows, 1 users'));
    expect(screen.queryByRole('alert')).toBeNull();
    emit('routing.breach', { leadId: 'l1', conversationId: 'c1', memberId: 'm7' });
    expect(await screen.findByText('Пропущен срок ответа')).toBeTruthy();
    expect(screen.getByText('Анна Смирнова не ответил(а) клиенту вовремя.')).toBeTruthy();
  });

  it('links a request with no conversation to the leads', async () => {
    renderApp();
    await waitFor(() => expect(FakeEventSource.current).not.toBeNull());
    emit('routing.queued', { leadId: 'l2', conversationId: null, teamId: 't1' });
    expect(await screen.findByText('Заявка ждёт в очереди')).toBeTruthy();
    fireEvent.click(screen.getByRole('link', { name: 'Открыть заявки' }));
    expect(screen.getByTestId('where').textContent).toBe('/leads');
  });

  it('tells a head that a request stopped routing itself and must be assigned by hand', async () => {
    renderApp();
    await waitFor(() => expect(FakeEventSource.current).not.toBeNull());
    emit('routing.stuck', { leadId: 'l3', conversationId: 'c3', kind: 'route' });
    expect(await screen.findByText('Заявка не распределяется сама')).toBeTruthy();
    expect(screen.getByText(/назначьте ответственного вручную/)).toBeTruthy();
  });
});
