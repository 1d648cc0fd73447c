import type { Channel } from '@voronka/contract';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../lib/i18n';
import { json, renderWith } from '../inbox/test-helpers';
import { ChannelDialog } from './ChannelDialog';
import { ChannelsPage } from './ChannelsPage';
import { MemoryRouter } from 'react-router';

// Settings → Channels against a stubbed API: the Telegram "Connect" button and the kind-specific
// form fields (choices as selects, secrets as password fields, the addresses to paste).
function channel(over: Partial<Channel> = {}): Channel {
  return {
    id: 'tg1',
    kind: 'telegram',
    name: 'Бот магазина',
    enabled: true,
    disabledReason: null,
    settings: { mode: 'webhook' },
    hasSecrets: { botToken: true },
    webhookUrls: [{ name: 'webhook', url: 'https://crm.example.ru/api/public/telegram/KEY' }],
    createdAt: '2026-11-27T10:00:00.000Z',
    updatedAt: '2026-11-27T10:00:00.000Z',
    ...over,
  };
}

let channels: Channel[];
let forms: unknown[];
let connectAnswer: () => Response;
let calls: { method: string; url: string; body: unknown }[];
let postAnswer: () => Response;

beforeEach(async () => {
  await setLanguage('ru');
  calls = [];
  channels = [channel()];
  postAnswer = () => json(channel({ id: 'new' }), 201);
  forms = [];
  connectAnswer = () =>
    json(
      channel({
        settings: { mode: 'webhook', botUsername: 'romashka_shop_bot' },
        hasSecrets: { botToken: true, webhookSecret: true },
      }),
    );
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    if (url === '/api/v1/channels' && method === 'GET')
      return json({ items: channels, mailDomains: ['crm.example.ru'] });
    if (url === '/api/v1/forms' && method === 'GET') return json({ items: forms });
    if (url === '/api/v1/channels/tg1/telegram/connect' && method === 'POST') {
      const res = connectAnswer();
      if (res.ok) channels = [(await res.clone().json()) as Channel];
      return res;
    }
    if (url === '/api/v1/channels' && method === 'POST') return postAnswer();
    return json({ items: [], unread: 0, channels: [] });
  });
});
afterEach(() => vi.unstubAllGlobals());

describe('Telegram connect', () => {
  it('connects the bot and names it', async () => {
    renderWith(<ChannelsPage />);
    expect(await screen.findByText('Режим: Вебхук')).toBeTruthy();
    fireEvent.click(await screen.findByRole('button', { name: 'Подключить' }));
    expect(
      await screen.findByText(
        'Бот @romashka_shop_bot подключён: Telegram будет присылать сообщения в Voronka.',
      ),
    ).toBeTruthy();
    expect(calls.filter((c) => c.url.endsWith('/telegram/connect'))).toHaveLength(1);
    expect(await screen.findByText('Секрет вебхука: сохранён')).toBeTruthy();
  });

  it('shows Telegram’s own reason when it refuses', async () => {
    connectAnswer = () =>
      json(
        {
          type: 'x',
          title: 'channel.connect_failed',
          status: 502,
          detail: 'Telegram refused: Unauthorized',
          code: 'channel.connect_failed',
        },
        502,
      );
    renderWith(<ChannelsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Подключить' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Telegram не принял подключение: Telegram refused: Unauthorized',
    );
  });

  it('asks for the token first, and warns that a webhook needs https', async () => {
    channels = [
      channel({
        hasSecrets: {},
        webhookUrls: [{ name: 'webhook', url: 'http://192.168.1.5:3000/api/public/telegram/KEY' }],
      }),
    ];
    renderWith(<ChannelsPage />);
    expect(await screen.findByText('Сначала укажите токен бота в настройках канала.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Подключить' })).toHaveProperty('disabled', true);
    expect(screen.getByText(/только на адреса https/)).toBeTruthy();
  });
});

describe('ChannelDialog', () => {
  it('offers Telegram’s mode as a choice and saves it; the token is a password field', async () => {
    renderWith(<ChannelDialog channel={null} onClose={() => {}} />);
    const mode = screen.getByRole('combobox', { name: /Режим/ });
    expect(mode).toHaveProperty('value', 'Вебхук');
    fireEvent.click(mode);
    fireEvent.click(await screen.findByRole('option', { name: 'Опрос' }));
    expect(screen.getByLabelText('Токен бота')).toHaveProperty('type', 'password');
    fireEvent.change(screen.getByRole('textbox', { name: /Название/ }), {
      target: { value: 'Бот' },
    });
    fireEvent.change(screen.getByLabelText('Токен бота'), { target: { value: '123:ABC' } });
    fireEvent.click(screen.getByRole('button', { name: 'Добавить канал' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      kind: 'telegram',
      name: 'Бот',
      enabled: true,
      settings: { mode: 'polling' },
      secrets: { botToken: '123:ABC' },
    });
  });

  it('shows an existing VK channel’s callback address with where to paste it', () => {
    const vk = channel({
      id: 'vk1',
      kind: 'vk',
      settings: { groupId: '123' },
      hasSecrets: { secretKey: true },
      webhookUrls: [{ name: 'callback', url: 'https://crm.example.ru/api/public/vk/KEY' }],
    });
    renderWith(<ChannelDialog channel={vk} onClose={() => {}} />);
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByTestId('webhook-vk1-callback').textContent).toBe(
      'https://crm.example.ru/api/public/vk/KEY',
    );
    expect(within(dialog).getByText(/«Callback API» → «Адрес сервера»/)).toBeTruthy();
    expect(
      within(dialog).getByRole('button', { name: 'Копировать: Адрес Callback API' }),
    ).toBeTruthy();
    expect(within(dialog).getByLabelText('Секретный ключ')).toHaveProperty(
      'placeholder',
      'сохранён',
    );
  });
});

describe('the e-mail intake address', () => {
  const taken = () =>
    json(
      {
        type: 'x',
        title: 'channel.address_taken',
        status: 409,
        detail: 'the intake address sales@crm.example.ru is already taken',
        code: 'channel.address_taken',
        field: 'settings.intakeAddress',
      },
      409,
    );

  it.each([
    [
      'ru',
      'Адрес в домене @crm.example.ru; он принадлежит только этому каналу.',
      'Этот адрес для входящих писем уже занят. Выберите другой.',
      'Адрес для входящих писем',
      'Добавить канал',
    ],
    [
      'en',
      'An address in @crm.example.ru; it belongs to this channel alone.',
      'This intake address is already taken. Choose another one.',
      'Intake address',
      'Add channel',
    ],
  ] as const)(
    'shows the served domain and a taken address under the field (%s)',
    async (lang, domainHint, takenText, label, submit) => {
      await setLanguage(lang);
      postAnswer = taken;
      renderWith(
        <ChannelDialog
          channel={channel({
            id: 'e1',
            kind: 'email',
            name: 'Почта',
            settings: {},
            hasSecrets: {},
            webhookUrls: [],
          })}
          onClose={() => {}}
        />,
      );
      expect(await screen.findByText(domainHint)).toBeTruthy();
      const input = screen.getByRole('textbox', { name: label });
      expect(input).toHaveProperty('placeholder', 'sales@crm.example.ru');
      fireEvent.change(input, { target: { value: 'sales@crm.example.ru' } });
      // An edit of an existing channel: the same field error comes from PATCH.
      vi.stubGlobal('fetch', async (url: string, init?: RequestInit) =>
        url.endsWith('/channels/e1') && init?.method === 'PATCH'
          ? taken()
          : json({ items: [], mailDomains: ['crm.example.ru'] }),
      );
      fireEvent.click(
        screen
          .getAllByRole('button')
          .find((b) => b.textContent === submit || b.getAttribute('type') === 'submit')!,
      );
      expect(await screen.findByText(takenText)).toBeTruthy();
    },
  );

  it('says why the system switched a channel off', async () => {
    channels = [
      channel({
        id: 'e2',
        kind: 'email',
        name: 'Почта',
        enabled: false,
        disabledReason: 'intake address sales@crm.example.ru belongs to an older channel',
        settings: {},
        hasSecrets: {},
        webhookUrls: [],
      }),
    ];
    renderWith(<ChannelsPage />);
    expect(
      await screen.findByText(
        'Отключён: intake address sales@crm.example.ru belongs to an older channel',
      ),
    ).toBeTruthy();
  });
});

describe('a website form’s channel', () => {
  it('shows the form’s one embed snippet (the same as on the form’s page), not a second one', async () => {
    const embedCode =
      '<script src="https://crm.example.ru/widget.js" data-form="FORMKEY" async></script>';
    forms = [{ id: 'f1', name: 'Заявка с сайта', embedCode }];
    channels = [
      channel({
        id: 'web1',
        kind: 'web',
        name: 'Заявка с сайта',
        settings: { formId: 'f1' },
        hasSecrets: {},
        webhookUrls: [
          { name: 'widget', url: 'https://crm.example.ru/widget.js?channel=CHANNELKEY' },
        ],
      }),
    ];
    renderWith(
      <MemoryRouter>
        <ChannelsPage />
      </MemoryRouter>,
    );
    const snippet = await screen.findByTestId('channel-embed-web1');
    expect(snippet.textContent).toContain('data-form="FORMKEY"');
    expect(screen.queryByText(/channel=CHANNELKEY/)).toBeNull();
    expect(screen.getByRole('link', { name: 'Открыть форму' }).getAttribute('href')).toBe(
      '/settings/forms/f1',
    );
  });
});
