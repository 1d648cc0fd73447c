import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll } from 'vitest';
import { rowsOf } from '../../platform/db/rls.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { signUp, type Browser } from '../../test/client.js';

// The public form endpoints over real HTTP (the app listening on a port, node:http as the client).
// Visitors from different addresses are real: the client binds its socket to 127.0.0.2, .3, …
// (the whole 127/8 is loopback on Linux), so the server sees different client IPs.

// The app under test, set up by useWebFormApp() in each test file.
export const kit = {
  env: undefined as unknown as TestEnv,
  owner: undefined as unknown as Browser,
  ws: '',
  port: 0,
};
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export type Res = { status: number; headers: http.IncomingHttpHeaders; text: string; body: any };

export function send(
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string | Buffer; from?: string } = {},
): Promise<Res> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      {
        host: '127.0.0.1',
        port: kit.port,
        method,
        path,
        headers: opts.headers ?? {},
        localAddress: opts.from ?? '127.0.0.1',
        agent: opts.from ? undefined : agent,
      },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = null;
          try {
            body = text ? JSON.parse(text) : null;
          } catch {
            body = text;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body });
        });
      },
    );
    // A server that refuses a too-large body may close before it is all written.
    req.on('error', (err) => (answered ? undefined : reject(err)));
    req.end(opts.body);
  });
}

export const postJson = (
  key: string,
  body: unknown,
  opts: { headers?: Record<string, string>; from?: string } = {},
) =>
  send('POST', `/api/public/forms/${key}/submissions`, {
    ...opts,
    headers: { 'content-type': 'application/json', ...opts.headers },
    body: JSON.stringify(body),
  });

export const asProblem = (r: Res) => ({
  status: r.status,
  body: r.body,
  headers: r.headers as Record<string, unknown>,
});

export async function count(
  table: 'leads' | 'conversations' | 'form_submissions',
  workspaceId = kit.ws,
): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await kit.env.database.db.execute(
      sql`select count(*)::int as n from ${sql.identifier(table)} where workspace_id = ${workspaceId}`,
    ),
  );
  return Number(rows[0]!.n);
}

export const fields = [
  { key: 'name', label: 'Имя', type: 'text', required: true },
  { key: 'phone', label: 'Телефон', type: 'phone', required: true },
  { key: 'email', label: 'E-mail', type: 'email' },
  { key: 'comment', label: 'Комментарий', type: 'textarea' },
  { key: 'topic', label: 'Тема', type: 'select', options: ['Доставка', 'Оплата'] },
  { key: 'subscribe', label: 'Присылать новости', type: 'checkbox' },
];
export const CONSENT = 'Я согласен на обработку персональных данных';

export async function createForm(overrides: Record<string, unknown> = {}, by: Browser = kit.owner) {
  const res = await by.call('POST', '/api/v1/forms', {
    name: 'Заявка с сайта',
    fields,
    consentText: CONSENT,
    thankYou: 'Спасибо, перезвоним!',
    allowedDomains: ['shop.example.ru', '*.partner.ru'],
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`form create: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as {
    id: string;
    publicKey: string;
    channelId: string;
    consentVersion: number;
    hostedUrl: string;
    embedCode: string;
  };
}

export const valid = {
  name: 'Мария',
  phone: '8 (912) 345-67-89',
  email: 'Maria@Example.ru',
  comment: 'Нужна доставка',
  topic: 'Доставка',
  consent: true,
};

export function useWebFormApp(): void {
  beforeAll(async () => {
    kit.env = await createTestApp();
    await kit.env.app.listen({ port: 0, host: '127.0.0.1' });
    kit.port = (kit.env.app.server.address() as AddressInfo).port;
    kit.owner = await signUp(kit.env.app);
    kit.ws = kit.owner.info.me!.workspace.id;
  });
  afterAll(async () => {
    agent.destroy();
    await kit.env?.close();
  });
}
