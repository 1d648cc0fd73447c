import {
  entities,
  type Contact,
  type Conversation,
  type Deal,
  type Me,
  type PermissionMatrix,
} from '@voronka/contract';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { MeContext } from '../../lib/session';
import { ContactPage } from '../contacts/ContactPage';
import { DealPage } from '../deals/DealPage';
import { ClientCard } from '../inbox/ClientCard';
import { conversation, message } from '../inbox/test-helpers';
import { Timeline } from '../timeline';

// Cards that connect: the deal card links its company and contacts, the contact card lists its
// deals and how its consent was given, the conversation of a converted request links what it became,
// and the timeline links a request and a message to where they live.

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

const ids = {
  deal: '00000000-0000-4000-8000-0000000000d1',
  company: '00000000-0000-4000-8000-0000000000c1',
  contact: '00000000-0000-4000-8000-0000000000a1',
  lead: '00000000-0000-4000-8000-0000000000e1',
  pipeline: '00000000-0000-4000-8000-0000000000f1',
  stage: '00000000-0000-4000-8000-0000000000f2',
};
const deal: Deal = {
  id: ids.deal,
  title: 'Стеллажи складские',
  pipelineId: ids.pipeline,
  stageId: ids.stage,
  amount: 4800000,
  currency: 'RUB',
  expectedCloseDate: null,
  companyId: ids.company,
  companyName: 'ООО «Склад»',
  contactIds: [ids.contact],
  contacts: [{ id: ids.contact, name: 'Анна Смирнова' }],
  ownerId: null,
  lostReasonId: null,
  boardPosition: 1,
  stageEnteredAt: '2026-11-27T10:00:00Z',
  closedAt: null,
  tags: [],
  custom: {},
  createdAt: '2026-11-27T10:00:00Z',
  updatedAt: '2026-11-27T10:00:00Z',
  stageHistory: [],
};
const contact: Contact = {
  id: ids.contact,
  firstName: 'Анна',
  lastName: 'Смирнова',
  middleName: null,
  fullName: 'Анна Смирнова',
  position: null,
  companyId: ids.company,
  companyName: 'ООО «Склад»',
  phones: [],
  emails: [],
  messengers: { telegram: null, vk: null, whatsapp: null },
  birthday: null,
  timezone: null,
  ownerId: null,
  consent: 'given',
  consentRecord: {
    version: 2,
    text: 'Я согласен на обработку персональных данных',
    at: '2026-11-27T10:00:00Z',
    ip: '203.0.113.7',
    formId: null,
    formName: 'Заявка с сайта',
    leadId: ids.lead,
  },
  tags: [],
  custom: {},
  createdAt: '2026-11-27T10:00:00Z',
  updatedAt: '2026-11-27T10:00:00Z',
};
const pipeline = {
  id: ids.pipeline,
  name: 'Продажи',
  position: 0,
  isDefault: true,
  createdAt: '2026-11-27T10:00:00Z',
  stages: [
    {
      id: ids.stage,
      pipelineId: ids.pipeline,
      name: 'Переговоры',
      position: 0,
      probability: 50,
      kind: 'open',
    },
  ],
};
const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

function stubApi(timeline: unknown[] = []) {
  vi.stubGlobal('fetch', async (input: string) => {
    const url = new URL(input, 'http://localhost');
    if (url.pathname === `/api/v1/deals/${ids.deal}`) return json(deal);
    if (url.pathname === `/api/v1/contacts/${ids.contact}`) return json(contact);
    if (url.pathname === '/api/v1/pipelines') return json({ items: [pipeline] });
    if (url.pathname === '/api/v1/deals' && url.searchParams.get('contactId') === ids.contact)
      return json({ items: [deal], nextCursor: null });
    if (url.pathname === '/api/v1/timeline') return json({ items: timeline, nextCursor: null });
    return json({ items: [], nextCursor: null });
  });
}

function renderAt(path: string, routes: { path: string; element: ReactNode }[]) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
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
}

const hrefOf = (name: string | RegExp, scope: HTMLElement = document.body) =>
  within(scope).getByRole('link', { name }).getAttribute('href');

describe('cards that connect', () => {
  beforeAll(() => setLanguage('ru'));
  afterEach(() => vi.unstubAllGlobals());

  it('links the deal’s company and contacts from the deal card', async () => {
    stubApi();
    renderAt(`/deals/${ids.deal}`, [{ path: '/deals/:id', element: <DealPage /> }]);
    const details = await screen.findByRole('region', { name: 'О сделке' });
    expect(hrefOf('ООО «Склад»', details)).toBe(`/companies/${ids.company}`);
    expect(hrefOf('Анна Смирнова', details)).toBe(`/contacts/${ids.contact}`);
  });

  it('lists the contact’s deals as links and says how the consent was given', async () => {
    stubApi();
    renderAt(`/contacts/${ids.contact}`, [{ path: '/contacts/:id', element: <ContactPage /> }]);
    const deals = await screen.findByRole('region', { name: 'Сделки' });
    expect(
      (await within(deals).findByRole('link', { name: 'Стеллажи складские' })).getAttribute('href'),
    ).toBe(`/deals/${ids.deal}`);
    expect(await within(deals).findByText('Переговоры')).toBeTruthy();
    const consent = screen.getByTestId('consent-record');
    expect(consent.textContent).toContain('Форма «Заявка с сайта»');
    expect(consent.textContent).toContain('Версия 2');
    expect(consent.textContent).toContain('IP 203.0.113.7');
    expect(hrefOf('Открыть заявку', consent)).toBe(`/leads?lead=${ids.lead}`);
  });

  it('shows a converted request’s conversation with links to the contact, company and deal, and no «Создать контакт»', async () => {
    stubApi();
    const c: Conversation = conversation(
      [message(1, { sender: { name: 'Анна', phone: '+79123004050' } })],
      {
        contact: { id: ids.contact, name: 'Анна Смирнова' },
        company: { id: ids.company, name: 'ООО «Склад»' },
        deal: { id: ids.deal, name: 'Стеллажи складские' },
        lead: { id: ids.lead, status: 'converted', title: null },
      },
    );
    renderAt('/inbox', [{ path: '/inbox', element: <ClientCard conversation={c} /> }]);
    expect(hrefOf('Анна Смирнова')).toBe(`/contacts/${ids.contact}`);
    expect(hrefOf('ООО «Склад»')).toBe(`/companies/${ids.company}`);
    expect(hrefOf('Стеллажи складские')).toBe(`/deals/${ids.deal}`);
    expect(screen.queryByRole('button', { name: 'Создать контакт' })).toBeNull();
  });

  it('links a request and a message on the timeline to where they live', async () => {
    const base = {
      actorId: null,
      contactId: ids.contact,
      companyId: null,
      dealId: null,
      leadId: ids.lead,
    };
    stubApi([
      {
        ...base,
        id: '0190a000-0000-7000-8000-000000000002',
        kind: 'message',
        at: '2026-11-27T10:05:00Z',
        body: 'Добрый день! Доставка бесплатная.',
        data: {
          conversationId: 'conv-1',
          direction: 'out',
          status: 'sent',
          channelName: 'Заявка с сайта',
        },
      },
      {
        ...base,
        id: '0190a000-0000-7000-8000-000000000001',
        kind: 'request',
        at: '2026-11-27T10:00:00Z',
        body: 'Нужны стеллажи',
        data: { channel: 'web' },
      },
    ]);
    renderAt('/c', [
      { path: '/c', element: <Timeline subject={{ contactId: ids.contact }} canLog={false} /> },
    ]);
    await screen.findByText('Нужны стеллажи');
    expect(screen.getByText('Заявка')).toBeTruthy();
    expect(screen.getByText('Наш ответ · Заявка с сайта')).toBeTruthy();
    expect(hrefOf('Открыть переписку')).toBe('/inbox?c=conv-1');
    expect(hrefOf('Открыть заявку')).toBe(`/leads?lead=${ids.lead}`);
  });
});
