import type { Browser } from '../../test/client.js';

// Shared by the e-mail channel's tests: everything goes through the public API, as a team would.

export async function createEmailChannel(
  owner: Browser,
  settings: Record<string, string | number | boolean>,
  secrets: Record<string, string> = {},
  name = 'Почта отдела продаж',
) {
  const res = await owner.call('POST', '/api/v1/channels', {
    kind: 'email',
    name,
    settings,
    secrets,
  });
  if (res.status !== 201)
    throw new Error(`channel not created: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; settings: Record<string, unknown> };
}

export type ConversationView = {
  id: string;
  subject: string | null;
  clientName: string | null;
  clientAddress: string | null;
  leadId: string | null;
  unread: number;
  messages: {
    id: string;
    direction: 'in' | 'out';
    text: string | null;
    html: string | null;
    status: string;
    error: string | null;
    attachments: { fileId: string | null; name: string; type: string; size: number }[];
  }[];
};

// The channel's conversations, newest activity first, each with its messages.
export async function conversationsOf(
  owner: Browser,
  channelId: string,
): Promise<ConversationView[]> {
  const list = await owner.call('GET', `/api/v1/inbox?channelId=${channelId}&limit=100`);
  if (list.status !== 200) throw new Error(`inbox: ${list.status} ${JSON.stringify(list.body)}`);
  const out: ConversationView[] = [];
  for (const c of list.body.items as { id: string }[]) {
    const res = await owner.call('GET', `/api/v1/conversations/${c.id}`);
    out.push(res.body as ConversationView);
  }
  return out;
}

export async function leadsOf(owner: Browser): Promise<
  {
    id: string;
    channel: string;
    title: string | null;
    message: string | null;
    contactEmail: string | null;
    contactName: string | null;
  }[]
> {
  const res = await owner.call('GET', '/api/v1/leads?limit=100');
  if (res.status !== 200) throw new Error(`leads: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.items;
}
