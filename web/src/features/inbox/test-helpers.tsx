import type { Conversation, Me, Message } from '@voronka/contract';
import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MeContext } from '../../lib/session';

// jsdom has no FontFaceSet; Mantine's autosizing Textarea listens on document.fonts.
if (typeof document !== 'undefined' && !('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    configurable: true,
    value: { addEventListener: () => {}, removeEventListener: () => {}, ready: Promise.resolve() },
  });
}

// A member who may reply, and builders for the conversations and messages the API would answer.
export const replier = {
  workspace: { isReadOnly: false },
  permissions: { leads: { read: true, update: true }, workspace: { read: true, update: true } },
} as unknown as Me;

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

// UUIDv7-like ids that sort as n does.
export const messageId = (n: number) =>
  `0190${String(n).padStart(4, '0')}-0000-7000-8000-000000000000`;

export function message(n: number, over: Partial<Message> = {}): Message {
  return {
    id: messageId(n),
    direction: 'in',
    text: `сообщение ${n}`,
    html: null,
    sender: {},
    attachments: [],
    call: null,
    status: 'received',
    error: null,
    delivery: null,
    channelId: 'ch1',
    authorId: null,
    sentAt: null,
    createdAt: '2026-11-27T10:00:00.000Z',
    ...over,
  };
}

export function conversation(messages: Message[], over: Partial<Conversation> = {}): Conversation {
  return {
    id: 'c1',
    channel: { id: 'ch1', kind: 'telegram', name: 'Бот' },
    subject: null,
    clientName: 'Клиент',
    clientAddress: null,
    contact: null,
    leadId: null,
    status: 'open',
    assigneeId: null,
    unread: 0,
    lastMessageAt: '2026-11-27T10:00:00.000Z',
    preview: null,
    createdAt: '2026-11-27T10:00:00.000Z',
    priority: null,
    firstResponseDueAt: null,
    firstRespondedAt: null,
    company: null,
    deal: null,
    lead: null,
    messages,
    hasOlder: false,
    olderCursor: null,
    ...over,
  };
}

export function renderWith(ui: ReactNode, me: Me = replier) {
  const client = new QueryClient({
    defaultOptions: { queries: { retry: false }, mutations: { retry: false } },
  });
  const wrap = (node: ReactNode) => (
    <MantineProvider env="test">
      <QueryClientProvider client={client}>
        <MeContext.Provider value={me}>{node}</MeContext.Provider>
      </QueryClientProvider>
    </MantineProvider>
  );
  const result = render(wrap(ui));
  return { ...result, rerender: (next: ReactNode) => result.rerender(wrap(next)) };
}
