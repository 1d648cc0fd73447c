import type { Me } from '@voronka/contract';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { MeContext } from '../../lib/session';
import { CallPopup } from './CallPopup';

// The server's event stream is stood in for by a fake EventSource (jsdom has none), and the API by
// a fetch stub answering the contact and conversation the pop-up asks for.

class FakeEventSource extends EventTarget {
  static current: FakeEventSource | null = null;
  constructor(readonly url: string) {
    super();
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

const me = {
  permissions: { contacts: { read: true }, leads: { read: true, create: true } },
} as unknown as Me;
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

function Where() {
  const loc = useLocation();
  return <span data-testid="where">{loc.pathname + loc.search}</span>;
}

function renderPopup() {
  return render(
    <MantineProvider env="test">
      <QueryClientProvider client={new QueryClient()}>
        <MemoryRouter initialEntries={['/']}>
          <MeContext.Provider value={me}>
            <CallPopup />
            <Routes>
              <Route path="*" element={<Where />} />
            </Routes>
          </MeContext.Provider>
        </MemoryRouter>
      </QueryClientProvider>
    </MantineProvider>,
  );
}

describe('CallPopup', () => {
  beforeEach(async () => {
    await setLanguage('ru');
    vi.stubGlobal('EventSource', FakeEventSource);
    vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
      if (url === '/api/v1/contacts/k1')
        return json({ id: 'k1', fullName: 'Мария Соколова', companyName: 'ООО «Ромашка»' });
      if (url === '/api/v1/conversations/c1')
        return json({
          id: 'c1',
          clientAddress: '+79151112233',
          contact: { id: 'k1', name: 'Мария Соколова' },
          company: null,
          lead: null,
        });
      if (url === '/api/v1/conversations/c2')
        return json({
          id: 'c2',
          clientAddress: '+79030001122',
          contact: null,
          company: null,
          lead: null,
        });
      if (url === '/api/v1/leads' && init?.method === 'POST')
        return json({ id: 'lead-9', ...JSON.parse(String(init.body)) }, 201);
      return json(
        {
          code: 'resource.not_found',
          title: 'resource.not_found',
          status: 404,
          detail: 'no',
          type: 'x',
        },
        404,
      );
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  it('shows a known caller’s name and company, opens the card, and closes when the call ends', async () => {
    renderPopup();
    expect(screen.queryByTestId('call-popup')).toBeNull();
    emit('call.ringing', { conversationId: 'c1', contactId: 'k1', leadId: null });
    expect(await screen.findByText('Мария Соколова')).toBeTruthy();
    expect(await screen.findByText('ООО «Ромашка»')).toBeTruthy();
    expect(screen.getByRole('alertdialog', { name: 'Входящий звонок' })).toBeTruthy();
    expect(await screen.findByText('+79151112233')).toBeTruthy();
    emit('call.ended', { conversationId: 'c1' });
    await waitFor(() => expect(screen.queryByTestId('call-popup')).toBeNull());

    emit('call.ringing', { conversationId: 'c1', contactId: 'k1', leadId: null });
    fireEvent.click(await screen.findByRole('button', { name: 'Открыть карточку' }));
    expect(screen.getByTestId('where').textContent).toBe('/contacts/k1');
    expect(screen.queryByTestId('call-popup')).toBeNull();
  });

  it('shows an unknown caller’s number and creates a request for it', async () => {
    renderPopup();
    emit('call.ringing', { conversationId: 'c2', contactId: null, leadId: null });
    expect(await screen.findByText('+79030001122')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Открыть карточку' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Создать заявку' }));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/leads?lead=lead-9'));
  });

  it('offers the open request instead of a new one', async () => {
    renderPopup();
    emit('call.ringing', { conversationId: 'c2', contactId: null, leadId: 'lead-1' });
    fireEvent.click(await screen.findByRole('button', { name: 'Открыть заявку' }));
    expect(screen.getByTestId('where').textContent).toBe('/leads?lead=lead-1');
  });
});
