import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptInbound } from '../../src/modules/inbox/service.js';
import { systemActor } from '../../src/platform/context.js';
import { inWorkspace } from '../../src/platform/db/tenancy.js';
import { createTestApp, type TestEnv } from '../../src/test/app.js';
import {
  addMember,
  apiOperations,
  call,
  createApiToken,
  sampleValue,
  signUp,
  snapshotWorkspace,
  uniqueEmail,
  withPathParams,
  type Browser,
  type JsonSchema,
  type Operation,
  type Response,
} from '../../src/test/client.js';

let env: TestEnv;
let owner: Browser;
let writes: Operation[];
let reads: Operation[];
let pathValues: Record<string, Record<string, string>>;
let known: Record<string, unknown>;

beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app, { companyName: 'ООО «Проверка ввода»' });
  const team = (await owner.call('POST', '/api/v1/teams', { name: 'Отдел' })).body;
  const member = await addMember(env.app, owner, 'manager', team.id);
  const invite = (
    await owner.call('POST', '/api/v1/invitations', {
      email: uniqueEmail('pending'),
      role: 'assistant',
    })
  ).body;
  const token = await createApiToken(env.app, owner);
  // Real records for every {id}, so that a refusal is about the input, not a missing record.
  const lead = (await owner.call('POST', '/api/v1/leads', { title: 'Заявка' })).body;
  const field = (
    await owner.call('POST', '/api/v1/custom-fields', {
      entity: 'leads',
      key: 'probe',
      label: 'Поле',
      type: 'text',
    })
  ).body;
  const view = (
    await owner.call('POST', '/api/v1/views', { entity: 'leads', name: 'Вид', query: {} })
  ).body;
  const id = {
    users: member.memberId,
    teams: team.id,
    tokens: token.id,
    invitations: invite.invitation.id,
    leads: lead.id,
    'custom-fields': field.id,
    views: view.id,
  };
  pathValues = Object.fromEntries(Object.entries(id).map(([k, v]) => [k, { id: v }]));
  pathValues.other = { key: 'manager', token: String(invite.url).split('/invite/')[1]! };
  const pipeline = (await owner.call('GET', '/api/v1/pipelines')).body.items[0];
  const deal = (await owner.call('POST', '/api/v1/deals', { title: 'Сделка для проверок' })).body;
  const task = (await owner.call('POST', '/api/v1/tasks', { title: 'Задача для проверок' })).body;
  const lostReason = (await owner.call('GET', '/api/v1/lost-reasons')).body.items[0];
  const calendarEvent = (
    await owner.call('POST', '/api/v1/calendar/events', {
      title: 'Событие для проверок',
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 90_000_000).toISOString(),
    })
  ).body;
  Object.assign(pathValues, {
    events: { id: calendarEvent.id },
    pipelines: { id: pipeline.id, stageId: pipeline.stages[0].id },
    deals: { id: deal.id },
    tasks: { id: task.id },
    'lost-reasons': { id: lostReason.id },
  });
  const company = (await owner.call('POST', '/api/v1/companies', { name: 'Компания для проверок' }))
    .body;
  const contact = (
    await owner.call('POST', '/api/v1/contacts', { firstName: 'Контакт для проверок' })
  ).body;
  const request = (
    await owner.call('POST', '/api/v1/privacy/requests', { contactId: contact.id, kind: 'access' })
  ).body;
  const plan = (
    await owner.call('POST', '/api/v1/plans', {
      period: 'month',
      start: '2026-12-01',
      scope: 'department',
      amount: 100_00,
    })
  ).body;
  Object.assign(pathValues, {
    companies: { id: company.id },
    contacts: { id: contact.id },
    requests: { id: request.id },
    plans: { id: plan.id },
    'win-back': { id: company.id },
  });
  const upload = await env.app.inject({
    method: 'POST',
    url: '/api/v1/imports?entity=contacts',
    headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'text/csv' },
    payload: 'ФИО\r\nКонтакт из файла',
  });
  Object.assign(pathValues, { imports: { id: JSON.parse(upload.body).import.id } });
  const channel = (
    await owner.call('POST', '/api/v1/channels', { kind: 'telegram', name: 'Канал для проверок' })
  ).body;
  const wsId = owner.info.me!.workspace.id;
  const inbound = await inWorkspace(env.database.db, wsId, (tx) =>
    acceptInbound(
      { tx, workspaceId: wsId, actor: systemActor, ip: null, requestId: 'seed' },
      {
        channelId: channel.id,
        threadKey: 'chat',
        externalId: '1',
        text: 'Сообщение',
        from: {},
        attachments: [{ name: 'a.txt', type: 'text/plain', content: Buffer.from('a') }],
      },
    ),
  );
  const conversation = (await owner.call('GET', `/api/v1/conversations/${inbound.conversationId}`))
    .body;
  Object.assign(pathValues, {
    channels: { id: channel.id },
    conversations: { id: inbound.conversationId, messageId: conversation.messages[0].id },
    files: { id: conversation.messages[0].attachments[0].fileId },
  });
  const form = (
    await owner.call('POST', '/api/v1/forms', {
      name: 'Форма для проверок',
      fields: [{ key: 'phone', label: 'Телефон', type: 'phone' }],
    })
  ).body;
  Object.assign(pathValues, { forms: { id: form.id } });
  const entity = (await owner.call('POST', '/api/v1/legal-entities', { name: 'Наше юрлицо' })).body;
  const document = (
    await owner.call('POST', '/api/v1/documents', {
      type: 'invoice',
      legalEntityId: entity.id,
      lines: [{ name: 'Строка', quantity: '1', priceKopecks: 100, vatRate: null }],
    })
  ).body;
  const product = (await owner.call('POST', '/api/v1/products', { name: 'Товар для проверок' }))
    .body;
  const priceList = (
    await owner.call('POST', '/api/v1/price-lists', { name: 'Прайс для проверок' })
  ).body;
  Object.assign(pathValues, {
    products: { id: product.id },
    'price-lists': { id: priceList.id },
    'legal-entities': { id: entity.id },
    documents: { id: document.id },
    'document-templates': { id: '01a21b00-0000-7000-8000-000000000000' },
    exports: { id: '01a21b00-0000-7000-8000-000000000000' },
    payments: {
      id: (
        await owner.call('POST', '/api/v1/payments', {
          date: '2026-12-01',
          amountKopecks: 100,
          payerName: 'Плательщик для проверок',
        })
      ).body.id,
    },
    'meeting-types': {
      id: (
        await owner.call('POST', '/api/v1/meeting-types', {
          name: 'Встреча для проверок',
          slug: 'probe-meeting',
          durationMin: 30,
          hosts: [{ memberId: owner.info.me!.member.id, weight: 1 }],
        })
      ).body.id,
    },
    'bank-statements': { id: '01a21b00-0000-7000-8000-000000000000' },
    automations: {
      id: (
        await owner.call('POST', '/api/v1/automations', {
          name: 'Правило для проверок',
          definition: {
            trigger: { kind: 'deal.created' },
            actions: [{ kind: 'task.create', title: 'Позвонить' }],
          },
        })
      ).body.id,
    },
    templates: {
      id: (
        await owner.call('POST', '/api/v1/templates', {
          kind: 'message',
          name: 'Шаблон для проверок',
          body: 'Здравствуйте!',
        })
      ).body.id,
    },
    calculators: {
      id: (
        await owner.call('POST', '/api/v1/calculators', {
          name: 'Калькулятор для проверок',
          definition: { inputs: [{ key: 'area', type: 'number', label: { ru: 'Площадь' } }] },
        })
      ).body.id,
    },
    'dunning-policies': {
      id: (
        await owner.call('POST', '/api/v1/dunning-policies', {
          name: 'Лестница для проверок',
          steps: [
            { offsetDays: 3, channels: ['task'], subject: 'Счёт {{number}}', text: 'Оплатите' },
          ],
        })
      ).body.id,
    },
    invoices: { id: document.id },
    lines: { id: '01a21b00-0000-7000-8000-000000000000' },
  });
  const rule = (
    await owner.call('POST', '/api/v1/routing-rules', {
      name: 'Правило для проверок',
      strategy: 'least_load',
    })
  ).body;
  const policy = (
    await owner.call('POST', '/api/v1/sla-policies', {
      name: 'SLA для проверок',
      responseSeconds: 3600,
    })
  ).body;
  Object.assign(pathValues, {
    'routing-rules': { id: rule.id },
    'sla-policies': { id: policy.id },
    availability: { id: member.memberId },
  });
  // A call list with one client, handed to the owner (its item's outcome is a write under test).
  const callee = (
    await owner.call('POST', '/api/v1/contacts', {
      firstName: 'Клиент для обзвона',
      phones: [{ number: '+79161234567' }],
    })
  ).body;
  const callList = (
    await owner.call('POST', '/api/v1/call-lists', {
      name: 'Обзвон для проверок',
      managerIds: [owner.info.me!.member.id],
      contactIds: [callee.id],
    })
  ).body;
  const callItem = (await owner.call('POST', `/api/v1/call-lists/${callList.id}/next`)).body.item;
  pathValues['call-lists'] = { id: callList.id, itemId: callItem.id };
  // A webhook subscription (its deliveries are looked up after the input is checked) and a
  // do-not-call entry.
  const webhook = (
    await owner.call('POST', '/api/v1/webhooks', {
      url: 'https://hooks.example.com/voronka',
      events: ['deal.created'],
    })
  ).body;
  pathValues.webhooks = { id: webhook.id, deliveryId: '00000000-0000-4000-8000-000000000001' };
  const doNotCall = (
    await owner.call('POST', '/api/v1/calls/do-not-call', { phone: '+79161234568' })
  ).body.items[0];
  pathValues['do-not-call'] = { id: doNotCall.id };
  // No discount request exists: its input is checked before it is looked up.
  pathValues['discount-approvals'] = { id: '00000000-0000-4000-8000-000000000001' };
  const segment = (await owner.call('POST', '/api/v1/segments', { name: 'Сегмент', query: {} }))
    .body;
  pathValues.segments = { id: segment.id };
  // No campaign is made here (it needs a mail server): its input is checked before the lookup.
  pathValues.campaigns = { id: '00000000-0000-4000-8000-000000000001' };
  const matrix = (await owner.call('GET', '/api/v1/roles')).body.items.find(
    (r: { key: string }) => r.key === 'manager',
  ).permissions;
  known = {
    key: 'sample_key',
    // A calculator input's section: a key like the input's own.
    section: 'sample_key',
    currency: 'RUB',
    // An outgoing webhook's address: public, so it passes the SSRF check at save.
    url: 'https://hooks.example.com/voronka',
    // A discount limit: a percentage as a decimal string.
    maxPercent: '5',
    permissions: matrix,
    timezone: 'Europe/Moscow',
    timeZone: 'Europe/Moscow',
    code: '123456',
    slug: 'no-such-workspace',
    teamId: null,
    headId: null,
    password: 'long-enough-password',
    contactIds: [],
    extension: '101',
    tags: [],
    stages: [{ name: 'Этап', probability: 10, kind: 'open' }],
  };
  const all = await apiOperations(env.app);
  writes = all.filter((o) => o.method !== 'GET');
  reads = all.filter((o) => o.method === 'GET');
});
afterAll(async () => env?.close());

// The real values of every path parameter, so that only the one under test is bad.
const pathValuesOf = (op: Operation) =>
  pathValues[Object.keys(pathValues).find((r) => op.path.includes(`/${r}/{id}`)) ?? 'other']!;
// Query parameters a route needs before it reads a body (an upload names its entity).
const requiredQuery: Record<string, string> = {
  '/api/v1/imports': 'entity=contacts&fileName=clients.csv',
};
const urlOf = (op: Operation) => {
  const resource = Object.keys(pathValues).find((r) => op.path.includes(`/${r}/{id}`)) ?? 'other';
  const path = withPathParams(op.path, pathValues[resource]!);
  return requiredQuery[op.path] ? `${path}?${requiredQuery[op.path]}` : path;
};
const withQuery = (url: string, query: string) => `${url}${url.includes('?') ? '&' : '?'}${query}`;
const validBody = (op: Operation) => sampleValue(op.body!, known) as Record<string, unknown>;
const propsOf = (op: Operation) => Object.entries(op.body?.properties ?? {});
const wrongTypeFor = (s: JsonSchema) =>
  s.type === 'string'
    ? 12345
    : s.type === 'boolean'
      ? 'yes'
      : s.type === 'object'
        ? 'not an object'
        : 'not a number';

type Attempt = { label: string; payload: string; status: number; code?: string; field?: string };
type Outcome = { attempt: Attempt; res: Response };

// Sends each attempt as the owner and reports every answer that is not the expected refusal.
async function refusals(op: Operation, attempts: Attempt[]): Promise<string[]> {
  const outcomes: Outcome[] = [];
  for (const attempt of attempts) {
    const res = await env.app.inject({
      method: op.method,
      url: urlOf(op),
      headers: {
        cookie: owner.cookie,
        'x-csrf-token': owner.csrf,
        'content-type': 'application/json',
      },
      payload: attempt.payload,
    });
    outcomes.push({
      attempt,
      res: {
        status: res.statusCode,
        body: safeJson(res.body),
        headers: res.headers as Record<string, unknown>,
      },
    });
  }
  const problems = outcomes.flatMap(({ attempt: a, res }) => {
    const got = `${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;
    const where = `${op.method} ${op.path} ${a.label}`;
    if (res.status >= 500) return [`${where}: server error ${got}`];
    if (res.status !== a.status) return [`${where}: expected ${a.status}, got ${got}`];
    if (!String(res.headers['content-type']).startsWith('application/problem+json'))
      return [`${where}: not problem+json`];
    if (typeof res.body?.code !== 'string' || (a.code && res.body.code !== a.code))
      return [`${where}: expected code ${a.code}, got ${got}`];
    if (a.field !== undefined && res.body.field !== a.field)
      return [`${where}: expected field ${a.field}, got ${got}`];
    if (res.headers['set-cookie'] !== undefined) return [`${where}: started a session`];
    return [];
  });
  return problems;
}

function safeJson(text: string) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

// Nothing may be written by any refused attempt: the workspace (its lists and audit log) is
// compared whole before and after each walk.
async function walk(ops: Operation[], attemptsFor: (op: Operation) => Attempt[]) {
  const before = await snapshotWorkspace(owner);
  const problems: string[] = [];
  let sent = 0;
  for (const op of ops) {
    const attempts = attemptsFor(op);
    sent += attempts.length;
    if (attempts.length) problems.push(...(await refusals(op, attempts)));
  }
  expect(problems).toEqual([]);
  expect(await snapshotWorkspace(owner), 'a refused request wrote something').toEqual(before);
  return sent;
}

const withBody = () => writes.filter((o) => o.body);
const CONTROL = ['\u0000', '\u0007', '\u001b', '\u007f'];

describe('bad input on every write operation', () => {
  it('enumerates the write operations from the OpenAPI document', () => {
    expect(writes.length).toBeGreaterThanOrEqual(22);
    expect(withBody().length).toBeGreaterThanOrEqual(15);
  });

  it('answers malformed JSON with 400 request.malformed_json', async () => {
    const sent = await walk(writes, () => [
      {
        label: 'truncated JSON',
        payload: '{"name": "Отдел',
        status: 400,
        code: 'request.malformed_json',
      },
      {
        label: 'not JSON at all',
        payload: "name='Отдел'",
        status: 400,
        code: 'request.malformed_json',
      },
    ]);
    expect(sent).toBe(writes.length * 2);
  });

  it('names the field that has the wrong type', async () => {
    const sent = await walk(withBody(), (op) =>
      propsOf(op).map(([name, schema]) => ({
        label: `${name} of wrong type`,
        payload: JSON.stringify({ ...validBody(op), [name]: wrongTypeFor(schema) }),
        status: 400,
        code: 'request.invalid',
        field: name,
      })),
    );
    expect(sent).toBeGreaterThanOrEqual(25);
  });

  it('names a missing required field', async () => {
    const sent = await walk(withBody(), (op) =>
      (op.body!.required ?? []).map((name) => {
        const { [name]: _dropped, ...rest } = validBody(op);
        return {
          label: `without ${name}`,
          payload: JSON.stringify(rest),
          status: 400,
          code: 'request.invalid',
          field: name,
        };
      }),
    );
    expect(sent).toBeGreaterThanOrEqual(10);
  });

  it('refuses an unknown extra field and names it', async () => {
    await walk(withBody(), (op) => [
      {
        label: 'with isAdmin',
        payload: JSON.stringify({ ...validBody(op), isAdmin: true }),
        status: 400,
        code: 'request.invalid',
        field: 'isAdmin',
      },
    ]);
  });

  it('refuses JSON nested thousands of levels deep with 400, not a crash (sign-in included)', async () => {
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    const sent = await walk(writes, (op) => {
      const base = JSON.stringify(op.body ? validBody(op) : {}).slice(1, -1);
      return [5_000, 100_000].map((n) => ({
        label: `nested ${n} deep`,
        payload: `{${[`"deep":${deep(n)}`, base].filter(Boolean).join(',')}}`,
        status: 400,
        code: 'request.invalid',
        field: 'deep',
      }));
    });
    expect(sent).toBe(writes.length * 2);
    expect(writes.some((o) => o.path === '/api/v1/auth/sign-in')).toBe(true);
  });

  it('refuses a body over 1 MiB with 413', async () => {
    const huge = JSON.stringify({ name: 'я'.repeat(600 * 1024) });
    expect(Buffer.byteLength(huge)).toBeGreaterThan(1024 * 1024);
    await walk(writes, () => [
      { label: 'oversize', payload: huge, status: 413, code: 'request.too_large' },
    ]);
  });

  it('refuses NUL and other control characters in any string, naming the field', async () => {
    const sent = await walk(withBody(), (op) =>
      propsOf(op)
        .filter(([, s]) => s.type === 'string' && !s.enum)
        .flatMap(([name]) =>
          CONTROL.map((c) => ({
            label: `${name} with U+${c.charCodeAt(0).toString(16)}`,
            payload: JSON.stringify({ ...validBody(op), [name]: `Отдел${c}продаж` }),
            status: 400,
            field: name,
          })),
        ),
    );
    expect(sent).toBeGreaterThanOrEqual(40);
  });

  it('refuses __proto__ and constructor keys, at the top and nested', async () => {
    const sent = await walk(writes, (op) => {
      const base = JSON.stringify(op.body ? validBody(op) : {}).slice(1, -1);
      const join = (extra: string) => `{${[extra, base].filter(Boolean).join(',')}}`;
      return [
        { label: '__proto__ key', payload: join('"__proto__":{"isAdmin":true}'), status: 400 },
        {
          label: 'constructor.prototype',
          payload: join('"constructor":{"prototype":{"isAdmin":true}}'),
          status: 400,
        },
        {
          label: 'nested __proto__',
          payload: join('"meta":{"__proto__":{"role":"owner"}}'),
          status: 400,
        },
      ];
    });
    expect(sent).toBe(writes.length * 3);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});

describe('bad path and query values', () => {
  const badParam: Record<string, string> = { id: 'not-a-uuid', key: 'superuser', token: 'short' };

  it('answers 400 naming the path parameter that is not valid', async () => {
    const problems: string[] = [];
    const withParams = [...writes, ...reads].filter((o) => /\{\w+\}/.test(o.path));
    for (const op of withParams) {
      const name = /\{(\w+)\}/.exec(op.path)![1]!;
      const res = await owner.call(
        op.method,
        withPathParams(op.path, { ...pathValuesOf(op), [name]: badParam[name]! }),
        op.body ? validBody(op) : undefined,
      );
      if (res.status !== 400 || res.body?.code !== 'request.invalid' || res.body?.field !== name)
        problems.push(`${op.method} ${op.path}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    expect(problems).toEqual([]);
    expect(withParams.length).toBeGreaterThanOrEqual(10);
  });

  it('answers 400 for a cursor or limit that is not valid on every paged list', async () => {
    const paged = reads.filter((o) => o.params.some((p) => p.name === 'cursor'));
    expect(paged.length).toBeGreaterThanOrEqual(5);
    const problems: string[] = [];
    for (const op of paged) {
      const forged = (parts: unknown[]) =>
        `cursor=${Buffer.from(JSON.stringify(parts)).toString('base64url')}`;
      const attempts: [string, string | null][] = [
        ['cursor=garbage!!', 'cursor'],
        [forged([1, 2, 3]), 'cursor'],
        [`cursor=${'x'.repeat(300)}`, 'cursor'],
        ['limit=0', 'limit'],
        ['limit=lots', 'limit'],
        // Well-formed cursors whose key is not an id: PostgreSQL refuses them, which must stay a 400.
        [forged(['not-a-uuid']), null],
        [forged([12]), null],
        // Keys of the right arity and the wrong kind, each part checked before it reaches SQL.
        [forged([1e308, -1]), 'cursor'],
        [forged([1e308, '0190f3c4-0000-7000-8000-000000000000']), 'cursor'],
        [forged(['2026-01-01 00:00:00+00', 'not-a-uuid']), 'cursor'],
        [forged(['p', -5]), 'cursor'],
        [forged([{}, []]), 'cursor'],
      ];
      for (const [query, field] of attempts) {
        const res = await owner.call('GET', withQuery(urlOf(op), query));
        if (
          res.status !== 400 ||
          res.body?.code !== 'request.invalid' ||
          (field && res.body?.field !== field)
        )
          problems.push(
            `${op.path}?${query.slice(0, 30)}: ${res.status} ${JSON.stringify(res.body)}`,
          );
      }
    }
    expect(problems).toEqual([]);
  });

  it('answers 400 for control characters in a query string', async () => {
    const res = await owner.call('GET', '/api/v1/users?q=%00abc');
    expect(res).toMatchObject({ status: 400, body: { code: 'request.invalid', field: 'q' } });
  });
});

it('still serves the owner after all of that', async () => {
  expect(
    (await call(env.app, 'GET', '/api/v1/me', undefined, { cookie: owner.cookie })).status,
  ).toBe(200);
});
