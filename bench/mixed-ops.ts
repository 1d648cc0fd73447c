// The users' side of bench/mixed.ts: one keep-alive HTTP client, what is gathered from each
// workspace before the run, and the operations users do with how often they do them.
import { randomBytes } from 'node:crypto';
import { Pool } from 'undici';

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)]!;

export type Ws = {
  token: string;
  formKey: string;
  intake: string | null;
  leadIds: string[];
  conversationIds: string[];
  replyConversationIds: string[];
  dealIds: string[];
  pipelineId: string;
  stageIds: string[];
  words: string[];
};

// One HTTP client (keep-alive pool) for the whole run, as a browser keeps its connections.
let http: Pool | undefined;
export const openClient = (port: number, connections: number) =>
  (http = new Pool(`http://127.0.0.1:${port}`, { connections, pipelining: 1 }));
export const closeClient = () => http?.close();
export async function call(
  token: string | null,
  method: string,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: () => Promise<unknown> }> {
  const res = await http!.request({
    method: method as 'GET',
    path: url,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // The body is read whole, as a browser would, before the answer counts as done.
  const text = await res.body.text();
  return { status: res.statusCode, json: async () => JSON.parse(text) as unknown };
}

async function get<T>(token: string, url: string): Promise<T> {
  const r = await call(token, 'GET', url);
  if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
  return (await r.json()) as T;
}

export async function collect(ws: Ws): Promise<void> {
  const t = ws.token;
  const leads = await get<{ items: { id: string; clientName?: string | null }[] }>(
    t,
    '/api/v1/leads?limit=100',
  );
  ws.leadIds = leads.items.map((l) => l.id);
  const inbox = await get<{ items: { id: string; kind?: string; channelKind?: string }[] }>(
    t,
    '/api/v1/inbox?limit=100',
  );
  ws.conversationIds = inbox.items.map((c) => c.id);
  const tg = await get<{ items: { id: string }[] }>(t, '/api/v1/inbox?kind=telegram&limit=100');
  ws.replyConversationIds = tg.items.map((c) => c.id);
  const deals = await get<{ items: { id: string }[] }>(t, '/api/v1/deals?limit=100');
  ws.dealIds = deals.items.map((d) => d.id);
  const pipelines = await get<{
    items: { id: string; isDefault: boolean; stages: { id: string; kind?: string }[] }[];
  }>(t, '/api/v1/pipelines');
  const p = pipelines.items.find((x) => x.isDefault) ?? pipelines.items[0]!;
  ws.pipelineId = p.id;
  ws.stageIds = p.stages.filter((s) => !s.kind || s.kind === 'open').map((s) => s.id);
  const contacts = await get<{ items: { fullName: string }[] }>(t, '/api/v1/contacts?limit=100');
  ws.words = [
    ...new Set(contacts.items.flatMap((c) => c.fullName.split(/\s+/)).filter((w) => w.length > 3)),
  ];
  const channels = await get<{ items: { kind: string; settings: Record<string, unknown> }[] }>(
    t,
    '/api/v1/channels',
  );
  const mail = channels.items.find((c) => c.kind === 'email');
  ws.intake = typeof mail?.settings.intakeAddress === 'string' ? mail.settings.intakeAddress : null;
  const form = await call(t, 'POST', '/api/v1/forms', {
    name: 'Заявка с сайта',
    fields: [
      { key: 'name', label: 'Имя', type: 'text', required: true },
      { key: 'phone', label: 'Телефон', type: 'phone', required: true },
      { key: 'message', label: 'Сообщение', type: 'textarea' },
    ],
    consentText: 'Я согласен на обработку персональных данных',
    allowedDomains: ['shop.example.ru'],
  });
  if (form.status !== 201) throw new Error(`form: ${form.status}`);
  ws.formKey = ((await form.json()) as { publicKey: string }).publicKey;
}

// What a user does, with how often (weights as shares of all operations).
export type Op = { name: string; weight: number; run: (ws: Ws) => Promise<number> };
export const ops: Op[] = [
  {
    name: 'open the inbox',
    weight: 18,
    run: async (ws) => (await call(ws.token, 'GET', '/api/v1/inbox?limit=50')).status,
  },
  {
    name: 'open a request',
    weight: 14,
    run: async (ws) => (await call(ws.token, 'GET', `/api/v1/leads/${pick(ws.leadIds)}`)).status,
  },
  {
    name: 'read a conversation',
    weight: 12,
    run: async (ws) =>
      (
        await call(
          ws.token,
          'GET',
          `/api/v1/conversations/${pick(ws.conversationIds)}/messages?limit=50`,
        )
      ).status,
  },
  {
    name: 'search',
    weight: 10,
    run: async (ws) =>
      (await call(ws.token, 'GET', `/api/v1/search?q=${encodeURIComponent(pick(ws.words))}`))
        .status,
  },
  {
    name: 'list contacts',
    weight: 12,
    run: async (ws) => (await call(ws.token, 'GET', '/api/v1/contacts?limit=50')).status,
  },
  {
    name: 'look at the board',
    weight: 10,
    run: async (ws) =>
      (await call(ws.token, 'GET', `/api/v1/pipelines/${ws.pipelineId}/board`)).status,
  },
  {
    name: 'who am I (/me)',
    weight: 8,
    run: async (ws) => (await call(ws.token, 'GET', '/api/v1/me')).status,
  },
  {
    name: 'create a deal',
    weight: 6,
    run: async (ws) => {
      const r = await call(ws.token, 'POST', '/api/v1/deals', {
        title: `Поставка ${randomBytes(3).toString('hex')}`,
        pipelineId: ws.pipelineId,
        amount: 100 * (10_000 + Math.floor(Math.random() * 1_000_000)), // kopecks
      });
      if (r.status === 201) ws.dealIds.push(((await r.json()) as { id: string }).id);
      return r.status;
    },
  },
  {
    name: 'move a deal',
    weight: 6,
    run: async (ws) =>
      (
        await call(ws.token, 'POST', `/api/v1/deals/${pick(ws.dealIds)}/move`, {
          stageId: pick(ws.stageIds),
        })
      ).status,
  },
  {
    name: 'reply in a messenger',
    weight: 4,
    run: async (ws) =>
      (
        await call(
          ws.token,
          'POST',
          `/api/v1/conversations/${pick(ws.replyConversationIds)}/messages`,
          {
            text: 'Добрый день! Счёт отправим сегодня до 18:00.',
          },
        )
      ).status,
  },
];
const totalWeight = ops.reduce((a, o) => a + o.weight, 0);
export const chooseOp = () => {
  let x = Math.random() * totalWeight;
  for (const o of ops) if ((x -= o.weight) < 0) return o;
  return ops[0]!;
};
