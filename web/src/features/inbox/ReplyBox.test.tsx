import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { ReplyBox } from './ReplyBox';
import { conversation, json, message, renderWith } from './test-helpers';

// The reply box against a stubbed fetch: what it sends, how many times, and with which key.
type Sent = {
  key: string | null;
  body: {
    text: string;
    route?: unknown;
    attachments?: { name: string; type: string; contentBase64: string }[];
  };
};
let sent: Sent[];
let answer: (() => Promise<Response>) | null;
// GET reply-options; null: answered like any other list (the box then leaves the choice to the server).
let options: unknown;
// Quick replies: the message templates and what a preview was asked for.
let previews: { url: string; body: unknown }[];
const templates = [
  { id: 't1', kind: 'message', name: 'Приветствие', body: 'Здравствуйте, {{ client.firstName }}!' },
  { id: 't2', kind: 'message', name: 'Счёт отправлен', body: 'Счёт на {{ deal.amount | rub }}' },
].map((t) => ({
  ...t,
  scope: 'shared',
  locale: 'ru',
  subject: null,
  ownerId: null,
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:00:00.000Z',
}));

beforeEach(async () => {
  await setLanguage('ru');
  sent = [];
  answer = null;
  options = null;
  previews = [];
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    if (url === '/api/v1/templates?kind=message') return json({ items: templates });
    if (url.startsWith('/api/v1/templates/') && url.endsWith('/preview')) {
      previews.push({ url, body: JSON.parse(String(init?.body)) });
      return json({ subject: null, body: 'Счёт на 42 000,00 ₽', sample: false });
    }
    if (url === '/api/v1/conversations/c1/reply-options' && options) return json(options);
    if (url === '/api/v1/conversations/c1/messages' && init?.method === 'POST') {
      sent.push({
        key: new Headers(init.headers).get('idempotency-key'),
        body: JSON.parse(String(init.body)),
      });
      return answer
        ? answer()
        : json(message(9, { direction: 'out', status: 'queued', text: 'ok' }), 201);
    }
    return json({ items: [], nextCursor: null });
  });
});
afterEach(() => vi.unstubAllGlobals());

const box = () => screen.getByRole('textbox', { name: 'Ответ' });
const sendButton = () => screen.getByRole('button', { name: 'Отправить' });
const type = (text: string) => fireEvent.change(box(), { target: { value: text } });

describe('ReplyBox', () => {
  it('sends once on a double click, with an Idempotency-Key, and clears the box', async () => {
    let release!: () => void;
    answer = () =>
      new Promise(
        (r) => (release = () => r(json(message(9, { direction: 'out', status: 'queued' }), 201))),
      );
    renderWith(<ReplyBox conversation={conversation([message(1)])} />);
    type('Добрый день!');
    fireEvent.click(sendButton());
    fireEvent.click(sendButton());
    fireEvent.keyDown(box(), { key: 'Enter', ctrlKey: true });
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sendButton()).toHaveProperty('disabled', true);
    expect(sent[0]!.key).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(sent[0]!.body).toEqual({ text: 'Добрый день!' });
    await act(async () => release());
    await waitFor(() => expect(box()).toHaveProperty('value', ''));
    expect(sent).toHaveLength(1);
  });

  it('retries a failed send of the same text with the same key, and a new message gets a new key', async () => {
    answer = async () => {
      throw new TypeError('network down');
    };
    renderWith(<ReplyBox conversation={conversation([message(1)])} />);
    type('Счёт во вложении');
    fireEvent.click(sendButton());
    expect(await screen.findByText('Нет связи с сервером. Проверьте подключение.')).toBeTruthy();
    expect(box()).toHaveProperty('value', 'Счёт во вложении');
    answer = null;
    fireEvent.click(sendButton());
    await waitFor(() => expect(box()).toHaveProperty('value', ''));
    expect(sent).toHaveLength(2);
    expect(sent[1]!.key).toBe(sent[0]!.key);

    type('Ещё вопрос');
    fireEvent.click(sendButton());
    await waitFor(() => expect(sent).toHaveLength(3));
    expect(sent[2]!.key).not.toBe(sent[0]!.key);
  });

  it('gives an edited text a new key (the server would refuse the old key with other words)', async () => {
    answer = async () =>
      json(
        {
          type: 'x',
          title: 'server.unavailable',
          status: 503,
          detail: 'down',
          code: 'server.unavailable',
        },
        503,
      );
    renderWith(<ReplyBox conversation={conversation([message(1)])} />);
    type('Цена 100');
    fireEvent.click(sendButton());
    await screen.findByText('Сервер временно недоступен.');
    type('Цена 120');
    fireEvent.click(sendButton());
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]!.key).not.toBe(sent[0]!.key);
  });

  it('sends attached files as base64 with the reply, and refuses files too large for one reply', async () => {
    const { container } = renderWith(<ReplyBox conversation={conversation([message(1)])} />);
    const input = () =>
      container.ownerDocument.querySelector('input[type=file]') as HTMLInputElement;
    type('Счёт во вложении');
    fireEvent.change(input(), {
      target: { files: [new File(['Счёт №1'], 'счёт.txt', { type: 'text/plain' })] },
    });
    expect(await screen.findByText('счёт.txt')).toBeTruthy();
    fireEvent.click(sendButton());
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.body.attachments).toEqual([
      {
        name: 'счёт.txt',
        type: 'text/plain',
        contentBase64: Buffer.from('Счёт №1').toString('base64'),
      },
    ]);
    await waitFor(() => expect(screen.queryByText('счёт.txt')).toBeNull());
    fireEvent.change(input(), {
      target: {
        files: [new File([new Uint8Array(800 * 1024)], 'big.pdf', { type: 'application/pdf' })],
      },
    });
    expect(await screen.findByText(/больше 700 КБ/)).toBeTruthy();
    expect(screen.queryByText('big.pdf')).toBeNull();
  });

  it('answers a website request the way the member picks: e-mail to the address the client left, or a logged call', async () => {
    options = {
      routes: [
        {
          via: 'email',
          channelId: '01900000-0000-7000-8000-0000000000e1',
          channelName: 'Почта отдела',
          to: 'maria@example.ru',
        },
        { via: 'call', to: '+79123456789' },
      ],
      missing: ['no_sms_provider'],
    };
    renderWith(
      <ReplyBox
        conversation={conversation([message(1)], {
          channel: { id: 'ch1', kind: 'web', name: 'Заявка с сайта' },
        })}
      />,
    );
    const via = await screen.findByRole('combobox', { name: 'Ответить через' });
    expect(via).toHaveProperty('value', 'E-mail на maria@example.ru');
    expect(screen.getByText(/У формы на сайте нет обратного канала/)).toBeTruthy();
    expect(screen.getByText(/SMS — когда будет подключён SMS-провайдер/)).toBeTruthy();
    type('Здравствуйте, Мария!');
    fireEvent.click(sendButton());
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]!.body).toEqual({
      text: 'Здравствуйте, Мария!',
      route: {
        via: 'email',
        channelId: '01900000-0000-7000-8000-0000000000e1',
        to: 'maria@example.ru',
      },
    });
    await waitFor(() => expect(box()).toHaveProperty('value', ''));

    fireEvent.click(via);
    fireEvent.click(
      await screen.findByRole('option', { name: 'Звонок на +79123456789 — записать как ответ' }),
    );
    type('Позвонил, договорились');
    fireEvent.click(screen.getByRole('button', { name: 'Записать звонок' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]!.body).toEqual({ text: 'Позвонил, договорились', route: { via: 'call' } });
  });

  it('says plainly when there is no way to reach the client, and sends nothing', async () => {
    options = { routes: [], missing: ['no_email_address', 'no_outgoing_mail', 'no_phone'] };
    renderWith(
      <ReplyBox
        conversation={conversation([message(1)], {
          channel: { id: 'ch1', kind: 'web', name: 'Заявка с сайта' },
        })}
      />,
    );
    expect(await screen.findByText('Ответить клиенту нечем')).toBeTruthy();
    expect(screen.getByText('E-mail клиент не оставил.')).toBeTruthy();
    expect(box()).toHaveProperty('disabled', true);
    expect(sendButton()).toHaveProperty('disabled', true);
    fireEvent.keyDown(box(), { key: 'Enter', ctrlKey: true });
    expect(sent).toHaveLength(0);
  });

  it('"/" opens the message templates; the keyboard picks one, filled in for this client', async () => {
    renderWith(
      <ReplyBox
        conversation={conversation([message(1)], {
          contact: { id: 'p1', name: 'Мария' },
          deal: { id: 'd1', name: 'Поставка' },
        })}
      />,
    );
    type('/');
    expect(await screen.findByRole('option', { name: /Приветствие/ })).toBeTruthy();
    type('/сч');
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    fireEvent.keyDown(box(), { key: 'ArrowDown' });
    fireEvent.keyDown(box(), { key: 'Enter' });
    await waitFor(() => expect(box()).toHaveProperty('value', 'Счёт на 42 000,00 ₽'));
    expect(previews).toEqual([
      { url: '/api/v1/templates/t2/preview', body: { contactId: 'p1', dealId: 'd1' } },
    ]);
    // Enter picked the template: nothing was sent.
    expect(sent).toHaveLength(0);
    expect(screen.queryByRole('listbox')).toBeNull();
    type('/');
    await screen.findByRole('listbox');
    fireEvent.keyDown(box(), { key: 'Escape' });
    expect(screen.queryByRole('listbox')).toBeNull();
  });
});
