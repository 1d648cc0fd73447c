import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter } from 'react-router';
import { setLanguage } from '../lib/i18n';
import { MeContext } from '../lib/session';
import { landingPath } from '../lib/nav-rules';
import { Navigation } from './Navigation';
import { memberAs } from '../lib/role-fixtures';

// The navigation a member gets is what they can use, by the permission matrix in the session.
function links(role: Parameters<typeof memberAs>[0]) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <MantineProvider env="test">
      <QueryClientProvider client={client}>
        <MeContext.Provider value={memberAs(role)}>
          <MemoryRouter>
            <Navigation />
          </MemoryRouter>
        </MeContext.Provider>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return screen.getAllByRole('link').map((a) => a.getAttribute('href'));
}

beforeEach(async () => {
  await setLanguage('ru');
  vi.stubGlobal(
    'fetch',
    async (url: string) =>
      new Response(
        JSON.stringify(url.includes('/inbox/counts') ? { unread: 0, channels: [] } : { items: [] }),
        { headers: { 'content-type': 'application/json' } },
      ),
  );
  vi.stubGlobal(
    'EventSource',
    class {
      addEventListener() {}
      close() {}
    },
  );
});
afterEach(() => vi.unstubAllGlobals());

describe('Navigation', { timeout: 30_000 }, () => {
  it("shows a manager only what a manager can use: their records, tasks, the catalog, own hours, tokens and security — not the department's queue, reports or settings they cannot change", () => {
    expect(links('manager')).toEqual([
      '/inbox',
      '/',
      '/leads',
      '/companies',
      '/contacts',
      '/duplicates',
      '/deals',
      '/pipeline',
      '/tasks',
      '/calendar',
      '/call-lists',
      '/calls',
      '/catalog',
      '/price-lists',
      '/documents',
      '/reports/funnel',
      '/availability',
      '/settings/templates',
      '/settings/tokens',
      '/settings/security',
    ]);
  });

  it('shows a head the department (queue, SLA report, audit) and the settings they run (teams, routing)', () => {
    const head = links('head');
    expect(head).toEqual(
      expect.arrayContaining([
        '/queue',
        '/reports/sla',
        '/discounts',
        '/reports/funnel',
        '/audit',
        '/settings/teams',
        '/settings/routing',
        '/settings/automations',
      ]),
    );
    expect(head).not.toEqual(expect.arrayContaining(['/settings/users']));
    expect(head).not.toContain('/settings/workspace');
    expect(head).not.toContain('/settings/channels');
  });

  it('shows an owner everything', () => {
    expect(links('owner')).toHaveLength(42);
  });

  it('lands a manager in the inbox after sign-in and whoever runs the department on the start page', () => {
    expect(landingPath(memberAs('manager'))).toBe('/inbox');
    expect(landingPath(memberAs('head'))).toBe('/');
    expect(landingPath(memberAs('owner'))).toBe('/');
    expect(landingPath(null)).toBe('/');
  });
});
