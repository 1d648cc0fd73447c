import {
  entities,
  type CustomField,
  type Me,
  type PermissionMatrix,
  type SavedView,
} from '@voronka/contract';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { MeContext } from '../../lib/session';
import { CompaniesPage } from '../companies/CompaniesPage';

const all = {
  read: true,
  create: true,
  update: true,
  delete: true,
  export: true,
  visibility: 'all',
} as const;
const me: Me = {
  user: {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'Анна',
    email: 'anna@example.ru',
    twoFactorEnabled: false,
    locale: 'ru',
  },
  member: { id: '00000000-0000-4000-8000-000000000002', role: 'owner', teamId: null },
  workspace: {
    id: '00000000-0000-4000-8000-000000000003',
    slug: 'romashka',
    name: 'Ромашка',
    plan: 'trial',
    trialEndsAt: '2026-12-04T00:00:00Z',
    trialDaysLeft: 7,
    isReadOnly: false,
    timezone: 'Europe/Moscow',
    locale: 'ru',
    requireTwoFactor: false,
    createdAt: '2026-11-27T00:00:00Z',
  },
  permissions: Object.fromEntries(entities.map((e) => [e, { ...all }])) as PermissionMatrix,
  workspaces: [{ slug: 'romashka', name: 'Ромашка' }],
};
const segment: CustomField = {
  id: '00000000-0000-4000-8000-000000000010',
  entity: 'companies',
  key: 'segment',
  label: 'Сегмент',
  type: 'select',
  options: ['Крупный', 'Малый'],
  required: false,
  position: 0,
  createdAt: '2026-11-27T00:00:00Z',
};
const budget: CustomField = {
  ...segment,
  id: '00000000-0000-4000-8000-000000000011',
  key: 'budget',
  label: 'Бюджет',
  type: 'money',
  options: [],
  position: 1,
};
const smallOnes: SavedView = {
  id: '00000000-0000-4000-8000-000000000020',
  entity: 'companies',
  name: 'Малые',
  query: {
    'custom.segment': 'Малый',
    sort: 'name',
    order: 'asc',
    columns: ['name', 'custom.segment'],
  },
  createdAt: '2026-11-27T00:00:00Z',
};
const company = (name: string, seg: string) => ({
  id: `00000000-0000-4000-8000-0000000001${name.length}0`,
  name,
  legalForm: null,
  inn: null,
  kpp: null,
  ogrn: null,
  legalAddress: null,
  postalAddress: null,
  bankName: null,
  bik: null,
  corrAccount: null,
  settlementAccount: null,
  website: null,
  industry: null,
  timezone: null,
  ownerId: null,
  tags: [],
  custom: { segment: seg },
  createdAt: '2026-11-27T00:00:00Z',
  updatedAt: '2026-11-27T00:00:00Z',
});

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

// The API as the page sees it; every request is kept to check what the list asked for.
function stubApi() {
  const calls: { method: string; url: URL; body: unknown }[] = [];
  const fetch = vi.fn(async (input: string, init: RequestInit = {}) => {
    const url = new URL(input, 'http://localhost');
    calls.push({
      method: init.method ?? 'GET',
      url,
      body: init.body ? JSON.parse(String(init.body)) : undefined,
    });
    if (url.pathname === '/api/v1/custom-fields') return json({ items: [segment, budget] });
    if (url.pathname === '/api/v1/views' && init.method === 'POST')
      return json(
        {
          ...smallOnes,
          id: '00000000-0000-4000-8000-000000000021',
          ...(JSON.parse(String(init.body)) as object),
        },
        201,
      );
    if (url.pathname === '/api/v1/views') return json({ items: [smallOnes] });
    if (url.pathname === '/api/v1/companies')
      return json({
        items: [company('Альфа', url.searchParams.get('custom.segment') ?? 'Крупный')],
        nextCursor: null,
      });
    return json({ items: [], nextCursor: null });
  });
  vi.stubGlobal('fetch', fetch);
  const lists = () =>
    calls
      .filter((c) => c.url.pathname === '/api/v1/companies')
      .map((c) => Object.fromEntries(c.url.searchParams));
  return { calls, lists };
}

function renderAt(path: string) {
  const router = createMemoryRouter([{ path: '/companies', element: <CompaniesPage /> }], {
    initialEntries: [path],
  });
  render(
    <MantineProvider env="test">
      <QueryClientProvider
        client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}
      >
        <MeContext.Provider value={me}>
          <RouterProvider router={router} />
        </MeContext.Provider>
      </QueryClientProvider>
    </MantineProvider>,
  );
  return router;
}

describe('a record list', () => {
  beforeAll(() => setLanguage('ru'));
  afterEach(() => vi.unstubAllGlobals());

  it('asks for the custom-field filter named in the address, and sorts by the header clicked', async () => {
    const api = stubApi();
    renderAt('/companies?custom.segment=Крупный');
    expect(await screen.findByRole('link', { name: 'Альфа' })).toBeTruthy();
    expect(api.lists()[0]).toMatchObject({
      'custom.segment': 'Крупный',
      sort: 'updatedAt',
      order: 'desc',
      limit: '50',
    });
    fireEvent.click(
      within(screen.getByRole('columnheader', { name: /Название/ })).getByRole('button'),
    );
    await waitFor(() =>
      expect(api.lists().at(-1)).toMatchObject({
        'custom.segment': 'Крупный',
        sort: 'name',
        order: 'asc',
      }),
    );
    await waitFor(() =>
      expect(screen.getByRole('columnheader', { name: /Название/ }).getAttribute('aria-sort')).toBe(
        'ascending',
      ),
    );
  });

  it('applies a saved view: its filters, its sort and its columns', async () => {
    const api = stubApi();
    const router = renderAt('/companies');
    await screen.findByRole('link', { name: 'Альфа' });
    expect(screen.queryByRole('columnheader', { name: 'Сегмент' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Виды' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: /Малые/ }));
    await waitFor(() =>
      expect(api.lists().at(-1)).toMatchObject({
        'custom.segment': 'Малый',
        sort: 'name',
        order: 'asc',
      }),
    );
    expect(await screen.findByRole('columnheader', { name: 'Сегмент' })).toBeTruthy();
    expect(screen.queryByRole('columnheader', { name: 'ИНН' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Виды: Малые' })).toBeTruthy();
    expect(router.state.location.search).toContain('custom.segment=');
  });

  it('saves the current filters, sort and columns as a named view', async () => {
    const api = stubApi();
    renderAt('/companies?custom.segment=Крупный&sort=name&order=asc');
    await screen.findByRole('link', { name: 'Альфа' });
    fireEvent.click(screen.getByRole('button', { name: 'Виды' }));
    fireEvent.click(await screen.findByRole('menuitem', { name: 'Сохранить текущий вид…' }));
    fireEvent.change(await screen.findByRole('textbox', { name: /Название/ }), {
      target: { value: 'Крупные' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Сохранить' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'POST')).toBe(true));
    const saved = api.calls.find((c) => c.method === 'POST')!;
    expect(saved.url.pathname).toBe('/api/v1/views');
    expect(saved.body).toEqual({
      entity: 'companies',
      name: 'Крупные',
      query: {
        'custom.segment': 'Крупный',
        sort: 'name',
        order: 'asc',
        columns: ['name', 'inn', 'industry', 'owner', 'updatedAt'],
      },
    });
  });

  it("takes '/' to the search field and 'n' to a new record, but not while typing", async () => {
    stubApi();
    renderAt('/companies');
    await screen.findByRole('link', { name: 'Альфа' });
    fireEvent.keyDown(document.body, { key: '/', code: 'Slash' });
    expect(document.activeElement).toBe(screen.getByRole('searchbox', { name: 'Поиск' }));
    fireEvent.keyDown(document.activeElement!, { key: 'n', code: 'KeyN' });
    expect(screen.queryByRole('dialog')).toBeNull();
    fireEvent.keyDown(document.body, { key: 'т', code: 'KeyN' });
    expect(await screen.findByRole('dialog', { name: 'Новая компания' })).toBeTruthy();
  });

  it('sends a money range typed in roubles as kopecks, after the typing pauses', async () => {
    const api = stubApi();
    renderAt('/companies');
    await screen.findByRole('link', { name: 'Альфа' });
    fireEvent.click(screen.getByRole('button', { name: 'Фильтры' }));
    fireEvent.change(await screen.findByRole('textbox', { name: 'Бюджет: от' }), {
      target: { value: '1500,5' },
    });
    await waitFor(() =>
      expect(api.lists().at(-1)).toMatchObject({ 'custom.budget.gte': '150050' }),
    );
    expect(api.lists().filter((q) => 'custom.budget.gte' in q)).toHaveLength(1);
  });
});
