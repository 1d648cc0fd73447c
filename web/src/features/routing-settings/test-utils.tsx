import type { Me } from '@voronka/contract';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { MeContext } from '../../lib/session';

// jsdom has no FontFaceSet; Mantine's autosizing Textarea listens on document.fonts.
if (typeof document !== 'undefined' && !('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() },
  });
}

// A head of sales: reads and changes routing.
export const head = {
  user: {
    id: 'u-head',
    name: 'Ирина',
    email: 'head@example.ru',
    twoFactorEnabled: false,
    locale: 'ru',
  },
  member: { id: 'm-head', role: 'head', teamId: 't1' },
  workspace: { isReadOnly: false },
  permissions: {
    routing: { read: true, create: true, update: true, delete: true },
    users: { read: true },
    teams: { read: true },
    workspace: { read: true },
  },
} as unknown as Me;

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

export type Call = { method: string; url: string; body: unknown };

// fetch stubbed by a route table: "METHOD /path" → the answer; every call is recorded.
export function stubApi(routes: Record<string, (body: unknown) => Response>, calls: Call[]) {
  return async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, url, body });
    const path = url.replace(/^\/api\/v1/, '').split('?')[0];
    const answer = routes[`${method} ${path}`];
    return answer ? answer(body) : json({ items: [] });
  };
}

export function renderPage(ui: ReactNode, me: Me = head, path = '/') {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  return render(
    <MantineProvider env="test">
      <QueryClientProvider client={client}>
        <MeContext.Provider value={me}>
          <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
        </MeContext.Provider>
      </QueryClientProvider>
    </MantineProvider>,
  );
}
