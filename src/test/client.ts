import type { SessionInfo, SignUpBody } from '@voronka/contract';
import type { TestApp } from './app.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type Response = { status: number; body: any; headers: Record<string, unknown> };

let counter = 0;
export const uniqueEmail = (prefix = 'user') => `${prefix}.${process.pid}.${++counter}.${Date.now()}@example.ru`;

// A signed-in browser: session cookie plus the CSRF token, as the web app holds them.
export type Browser = {
  cookie: string;
  csrf: string;
  info: SessionInfo;
  call(method: Method, url: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
};

export async function call(app: TestApp, method: Method, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const res = await app.inject({
    method,
    url,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  let parsed: unknown = null;
  try {
    parsed = res.body ? JSON.parse(res.body) : null;
  } catch {
    parsed = res.body;
  }
  return { status: res.statusCode, body: parsed, headers: res.headers as Record<string, unknown> };
}

function cookieFrom(res: Response): string {
  const set = res.headers['set-cookie'];
  const first = (Array.isArray(set) ? set : [set]).find((c) => typeof c === 'string' && c.startsWith('voronka_session='));
  if (!first) throw new Error(`no session cookie (status ${res.status}: ${JSON.stringify(res.body)})`);
  return String(first).split(';')[0]!;
}

export function browserFrom(app: TestApp, res: Response): Browser {
  const cookie = cookieFrom(res);
  const info = res.body as SessionInfo;
  const b: Browser = {
    cookie,
    csrf: info.csrfToken,
    info,
    call: (method, url, body, headers = {}) => call(app, method, url, body, { cookie: b.cookie, 'x-csrf-token': b.csrf, ...headers }),
  };
  return b;
}

export async function signUp(app: TestApp, overrides: Partial<SignUpBody> = {}): Promise<Browser> {
  const body: SignUpBody = { name: 'Иван Петров', email: uniqueEmail('owner'), password: 'correct-horse-battery', companyName: 'ООО «Ромашка»', ...overrides };
  const res = await call(app, 'POST', '/api/v1/auth/sign-up', body);
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return browserFrom(app, res);
}

export async function signIn(app: TestApp, email: string, password: string): Promise<Browser> {
  return browserFrom(app, await call(app, 'POST', '/api/v1/auth/sign-in', { email, password }));
}

// Invite someone with a role (and team), accept as them, return their signed-in browser.
export async function addMember(app: TestApp, owner: Browser, role: 'admin' | 'head' | 'manager' | 'assistant', teamId: string | null = null, password = 'member-password-1') {
  const email = uniqueEmail(role);
  const inv = await owner.call('POST', '/api/v1/invitations', { email, role, teamId });
  if (inv.status !== 201) throw new Error(`invite failed: ${inv.status} ${JSON.stringify(inv.body)}`);
  const token = String(inv.body.url).split('/invite/')[1]!;
  const res = await call(app, 'POST', `/api/v1/invitations/by-token/${token}/accept`, { name: `Сотрудник ${role}`, password });
  const browser = browserFrom(app, res);
  return { browser, email, password, memberId: browser.info.me!.member.id };
}

export const bearer = (app: TestApp, token: string) => ({
  call: (method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) => call(app, method, url, body, { authorization: `Bearer ${token}`, ...headers }),
});
