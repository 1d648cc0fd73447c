import type { SessionInfo, SignUpBody } from '@voronka/contract';
import type { TestApp } from './app.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type Response = { status: number; body: any; headers: Record<string, unknown> };

let counter = 0;
export const uniqueEmail = (prefix = 'user') =>
  `${prefix}.${process.pid}.${++counter}.${Date.now()}@example.ru`;

// A signed-in browser: session cookie plus the CSRF token, as the web app holds them.
export type Browser = {
  cookie: string;
  csrf: string;
  info: SessionInfo;
  call(
    method: Method,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
};

export async function call(
  app: TestApp,
  method: Method,
  url: string,
  body?: unknown,
  headers: Record<string, string> = {},
  from?: { remoteAddress: string },
): Promise<Response> {
  const res = await app.inject({
    method,
    url,
    ...(from ?? {}),
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined
      ? { payload: typeof body === 'string' ? body : JSON.stringify(body) }
      : {}),
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
  const first = (Array.isArray(set) ? set : [set]).find(
    (c) => typeof c === 'string' && c.startsWith('voronka_session='),
  );
  if (!first)
    throw new Error(`no session cookie (status ${res.status}: ${JSON.stringify(res.body)})`);
  return String(first).split(';')[0]!;
}

export function browserFrom(app: TestApp, res: Response): Browser {
  const cookie = cookieFrom(res);
  const info = res.body as SessionInfo;
  const b: Browser = {
    cookie,
    csrf: info.csrfToken,
    info,
    call: (method, url, body, headers = {}) =>
      call(app, method, url, body, { cookie: b.cookie, 'x-csrf-token': b.csrf, ...headers }),
  };
  return b;
}

// Each test customer signs up from an address of their own, as separate customers do: sign-up is
// limited per address (its own test bursts from one address).
let signUps = 0;
export const nextSignUpAddress = () =>
  `10.77.${Math.floor(++signUps / 250) % 250}.${(signUps % 250) + 1}`;

export async function signUp(app: TestApp, overrides: Partial<SignUpBody> = {}): Promise<Browser> {
  const body: SignUpBody = {
    name: 'Иван Петров',
    email: uniqueEmail('owner'),
    password: 'correct-horse-battery',
    companyName: 'ООО «Ромашка»',
    ...overrides,
  };
  const res = await call(
    app,
    'POST',
    '/api/v1/auth/sign-up',
    body,
    {},
    { remoteAddress: nextSignUpAddress() },
  );
  if (res.status !== 201)
    throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return browserFrom(app, res);
}

export async function signIn(app: TestApp, email: string, password: string): Promise<Browser> {
  return browserFrom(app, await call(app, 'POST', '/api/v1/auth/sign-in', { email, password }));
}

// Invite someone with a role (and team), accept as them, return their signed-in browser.
export async function addMember(
  app: TestApp,
  owner: Browser,
  role: 'admin' | 'head' | 'manager' | 'assistant',
  teamId: string | null = null,
  password = 'member-password-1',
) {
  const email = uniqueEmail(role);
  const inv = await owner.call('POST', '/api/v1/invitations', { email, role, teamId });
  if (inv.status !== 201)
    throw new Error(`invite failed: ${inv.status} ${JSON.stringify(inv.body)}`);
  const token = String(inv.body.url).split('/invite/')[1]!;
  const res = await call(app, 'POST', `/api/v1/invitations/by-token/${token}/accept`, {
    name: `Сотрудник ${role}`,
    password,
  });
  const browser = browserFrom(app, res);
  return { browser, email, password, memberId: browser.info.me!.member.id };
}

export const bearer = (app: TestApp, token: string) => ({
  call: (method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    call(app, method, url, body, { authorization: `Bearer ${token}`, ...headers }),
});

// An API token created through the API by this browser's member, and a client that uses it.
export async function createApiToken(app: TestApp, owner: Browser, name = 'Интеграция') {
  const res = await owner.call('POST', '/api/v1/tokens', { name });
  if (res.status !== 201)
    throw new Error(`token create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return {
    id: res.body.apiToken.id as string,
    token: res.body.token as string,
    client: bearer(app, res.body.token),
  };
}

// A problem+json answer with this status and stable code (and, if given, the field it names).
export function expectProblem(res: Response, status: number, code: string, field?: string) {
  const ctx = `${status} ${code} expected, got ${res.status} ${JSON.stringify(res.body)}`;
  if (res.status !== status) throw new Error(ctx);
  if (!String(res.headers['content-type']).startsWith('application/problem+json'))
    throw new Error(`not problem+json: ${ctx}`);
  if (res.body?.code !== code) throw new Error(ctx);
  if (field !== undefined && res.body?.field !== field)
    throw new Error(`field ${field} expected: ${ctx}`);
}

// Every operation the OpenAPI document declares under /api/v1, so that a new route is covered by
// the enumerating tests (isolation, bad input) without anyone remembering to add it.
export type JsonSchema = {
  type?: string;
  items?: JsonSchema;
  minItems?: number;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  format?: string;
  nullable?: boolean;
  additionalProperties?: unknown;
  minLength?: number;
  minimum?: number;
  anyOf?: JsonSchema[];
  // A tagged union (z.discriminatedUnion) and a literal (its tag).
  oneOf?: JsonSchema[];
  const?: unknown;
};
export type Operation = {
  method: Method;
  path: string;
  tags: string[];
  params: { name: string; in: string }[];
  body: JsonSchema | null;
};

export async function apiOperations(app: TestApp): Promise<Operation[]> {
  const res = await call(app, 'GET', '/api/openapi.json');
  if (res.status !== 200) throw new Error(`no OpenAPI document: ${res.status}`);
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries<Record<string, any>>(res.body.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const [method, op] of Object.entries<any>(item)) {
      // A Server-Sent Events stream does not end: its suites open it over real HTTP (inbox routes test).
      if (op.responses?.['200']?.content?.['text/event-stream']) continue;
      ops.push({
        method: method.toUpperCase() as Method,
        path,
        tags: op.tags ?? [],
        params: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  }
  return ops;
}

// Routes a stranger may call without credentials: they are not a workspace's to protect by login
// (sign-up and sign-in create the session; an invitation link is its own credential).
export const isPublicOperation = (o: Pick<Operation, 'path'>) =>
  /\/auth\/sign-(up|in)$|\/auth\/password-reset(\/confirm)?$|\/invitations\/by-token\//.test(
    o.path,
  );

export const withPathParams = (path: string, values: Record<string, string>) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`no value for path parameter ${name} in ${path}`);
    return encodeURIComponent(values[name]!);
  });

// A body that satisfies the schema, with realistic values for the properties we know by name.
// Fields whose schema asks more than a type (a URL, a recurrence rule, a checksummed INN): a valid
// sample, so a walk's request is refused only for what the walk puts wrong in it.
const wellFormed: Record<string, unknown> = {
  videoUrl: 'https://meet.example.ru/probe',
  rrule: 'FREQ=WEEKLY;COUNT=2',
  payerInn: '7707083893',
  payerKpp: '770701001',
};

export function sampleValue(
  schema: JsonSchema,
  known: Record<string, unknown>,
  name = '',
): unknown {
  if (name in known) return known[name];
  if (name in wellFormed) return wellFormed[name];
  if (schema.anyOf)
    return sampleValue(
      schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0]!,
      known,
      name,
    );
  if (schema.oneOf) return sampleValue(schema.oneOf[0]!, known, name);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  if (schema.type === 'boolean') return false;
  if (schema.type === 'integer' || schema.type === 'number')
    return Math.max(1, schema.minimum ?? 1);
  if (schema.type === 'string')
    return schema.format === 'email'
      ? uniqueEmail('sample')
      : schema.format === 'uuid'
        ? '00000000-0000-4000-8000-000000000000'
        : schema.format === 'date'
          ? '2026-01-15'
          : schema.format === 'date-time'
            ? '2026-01-15T10:00:00Z'
            : 'Значение'.padEnd(schema.minLength ?? 1, 'я');
  // An array that may not be empty gets one sample item (e.g. a form's fields).
  if (schema.type === 'array')
    return schema.minItems && schema.items ? [sampleValue(schema.items, known)] : [];
  if (schema.type === 'object')
    return Object.fromEntries(
      Object.entries(schema.properties ?? {}).map(([k, s]) => [k, sampleValue(s, known, k)]),
    );
  return null;
}

// What a workspace looks like through its own owner's eyes: compared before and after a request
// that must not have changed anything.
export async function snapshotWorkspace(owner: Pick<Browser, 'call'>) {
  const urls = [
    '/api/v1/workspace',
    '/api/v1/users?limit=200',
    '/api/v1/teams?limit=200',
    '/api/v1/invitations?limit=200',
    '/api/v1/tokens?limit=200',
    '/api/v1/roles',
    '/api/v1/audit?limit=200',
    '/api/v1/leads?limit=200',
    '/api/v1/custom-fields',
    '/api/v1/views',
    '/api/v1/forms',
    '/api/v1/products?limit=200&active=all',
    '/api/v1/price-lists',
  ];
  const out: Record<string, unknown> = {};
  for (const url of urls) {
    const res = await owner.call('GET', url);
    if (res.status !== 200)
      throw new Error(`snapshot ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    out[url] = res.body;
  }
  return out;
}
