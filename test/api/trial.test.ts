import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setTrialEnd } from '../../src/modules/workspaces/service.js';
import { acceptInbound } from '../../src/modules/inbox/service.js';
import { recordingToken } from '../../src/channels/telephony/mango.js';
import { systemActor } from '../../src/platform/context.js';
import { inWorkspace } from '../../src/platform/db/tenancy.js';
import { createTestApp, type TestEnv } from '../../src/test/app.js';
import {
  addMember,
  apiOperations,
  createApiToken,
  expectProblem,
  sampleValue,
  signUp,
  snapshotWorkspace,
  uniqueEmail,
  withPathParams,
  type Browser,
  type Operation,
} from '../../src/test/client.js';

const DAY = 86_400_000;
let env: TestEnv;
let owner: Browser;
let workspaceId: string;
let ids: Record<string, string>;
let matrix: unknown;
let matrixOps: Operation[];

// What `voronka workspace trial SLUG --ends DATE` does.
const setTrialEndTo = (endsAt: Date) =>
  inWorkspace(env.database.db, workspaceId, (tx) =>
    setTrialEnd({ tx, workspaceId, actor: systemActor, ip: null, requestId: 'cli' }, endsAt),
  );

beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app, { companyName: 'ООО «Пробный период»' });
  workspaceId = owner.info.me!.workspace.id;
  const team = (await owner.call('POST', '/api/v1/teams', { name: 'Отдел' })).body;
  const member = await addMember(env.app, owner, 'manager', team.id);
  const invitation = (
    await owner.call('POST', '/api/v1/invitations', {
      email: uniqueEmail('later'),
      role: 'assistant',
    })
  ).body.invitation;
  const token = await createApiToken(env.app, owner);
  ids = {
    users: member.memberId,
    availability: member.memberId,
    teams: team.id,
    tokens: token.id,
    invitations: invitation.id,
    ...(await clientBaseRecords()),
  };
  matrix = (await owner.call('GET', '/api/v1/roles')).body.items.find(
    (r: { key: string }) => r.key === 'manager',
  ).permissions;
  // The matrix routes are every route outside the personal groups: "auth" and a member's own saved views.
  matrixOps = (await apiOperations(env.app)).filter(
    (o) => !o.tags.includes('auth') && !o.tags.includes('views'),
  );
});
afterAll(async () => env?.close());

// One record of each client-base resource, so that reads of a single record answer 200.
async function clientBaseRecords(): Promise<Record<string, string>> {
  const made = async (url: string, body: unknown) => {
    const res = await owner.call('POST', url, body);
    if (res.status !== 201 && res.status !== 200 && res.status !== 202)
      throw new Error(`${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };
  const pipeline = (await owner.call('GET', '/api/v1/pipelines')).body.items[0];
  const company = await made('/api/v1/companies', { name: 'ООО «Ромашка»' });
  const contact = await made('/api/v1/contacts', { firstName: 'Иван', lastName: 'Петров' });
  const deal = await made('/api/v1/deals', { title: 'Поставка кирпича', companyId: company.id });
  const request = await made('/api/v1/privacy/requests', { contactId: contact.id, kind: 'access' });
  return {
    requests: request.id,
    companies: company.id,
    contacts: contact.id,
    deals: deal.id,
    leads: (await made('/api/v1/leads', { contactName: 'Мария', message: 'Нужен расчёт' })).id,
    tasks: (await made('/api/v1/tasks', { kind: 'todo', title: 'Перезвонить' })).id,
    events: (
      await made('/api/v1/calendar/events', {
        title: 'Встреча',
        startsAt: new Date(Date.now() + 86_400_000).toISOString(),
        endsAt: new Date(Date.now() + 90_000_000).toISOString(),
      })
    ).id,
    'custom-fields': (
      await made('/api/v1/custom-fields', {
        entity: 'contacts',
        key: 'source_channel',
        label: 'Канал',
        type: 'text',
      })
    ).id,
    'lost-reasons': (await made('/api/v1/lost-reasons', { name: 'Долго' })).id,
    pipelines: pipeline.id,
    imports: await uploadedImport(),
    // A Mango phone channel: a call recording's link is a read (302 to the PBX).
    phoneChannel: (
      await made('/api/v1/channels', {
        kind: 'phone',
        name: 'АТС',
        secrets: { apiKey: 'vpbx-key', apiSalt: 'vpbx-salt' },
      })
    ).id,
    forms: (
      await made('/api/v1/forms', {
        name: 'Заявка с сайта',
        fields: [{ key: 'phone', label: 'Телефон', type: 'phone' }],
      })
    ).id,
    'routing-rules': (
      await made('/api/v1/routing-rules', { name: 'Все заявки', strategy: 'least_load' })
    ).id,
    'sla-policies': (await made('/api/v1/sla-policies', { name: 'Час', responseSeconds: 3600 })).id,
    stageId: pipeline.stages[0].id,
    ...(await inboxRecords(made)),
    ...(await documentRecords(made, company.id)),
  };
}

// Our legal entity with its logo, and an invoice from it.
async function documentRecords(
  made: (url: string, body: unknown) => Promise<{ id: string }>,
  companyId: string,
) {
  const entity = await made('/api/v1/legal-entities', { name: 'ООО «Наше»' });
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
  const logo = await env.app.inject({
    method: 'PUT',
    url: `/api/v1/legal-entities/${entity.id}/image?kind=logo`,
    headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'image/png' },
    payload: png,
  });
  if (logo.statusCode !== 204) throw new Error(`logo: ${logo.statusCode} ${logo.body}`);
  const document = await made('/api/v1/documents', {
    type: 'invoice',
    legalEntityId: entity.id,
    companyId,
    lines: [{ name: 'Кирпич', quantity: '1', priceKopecks: 100_00, vatRate: 22 }],
  });
  // A product and a price list holding it (catalog).
  const product = await made('/api/v1/products', { name: 'Кирпич', priceKopecks: 100_00 });
  const priceList = await made('/api/v1/price-lists', { name: 'Базовый' });
  const payment = await made('/api/v1/payments', {
    date: '2026-12-01',
    amountKopecks: 100_00,
    payerName: 'ООО «Ромашка»',
  });
  const meetingType = await made('/api/v1/meeting-types', {
    name: 'Консультация',
    slug: 'consult',
    durationMin: 30,
    hosts: [{ memberId: owner.info.me!.member.id, weight: 1 }],
  });
  const dunningPolicy = await made('/api/v1/dunning-policies', {
    name: 'Стандартная',
    steps: [{ offsetDays: 3, channels: ['task'], subject: 'Счёт {{number}}', text: 'Оплатите' }],
  });
  const automation = await made('/api/v1/automations', {
    name: 'Робот',
    definition: {
      trigger: { kind: 'deal.created' },
      actions: [{ kind: 'task.create', title: 'Позвонить' }],
    },
  });
  const template = await made('/api/v1/templates', {
    kind: 'message',
    name: 'Приветствие',
    body: 'Здравствуйте, {{ client.firstName }}!',
  });
  const callee = await made('/api/v1/contacts', {
    firstName: 'Клиент обзвона',
    phones: [{ number: '+79161234567' }],
  });
  const callList = await made('/api/v1/call-lists', {
    name: 'Обзвон',
    managerIds: [owner.info.me!.member.id],
    contactIds: [callee.id],
  });
  const callItem = (await owner.call('POST', `/api/v1/call-lists/${callList.id}/next`)).body.item;
  const plan = await made('/api/v1/plans', {
    period: 'month',
    start: '2026-12-01',
    scope: 'department',
    amount: 100_00,
  });
  const calculator = await made('/api/v1/calculators', {
    name: 'Калькулятор',
    definition: { inputs: [{ key: 'area', type: 'number', label: { ru: 'Площадь' } }] },
  });
  const webhook = await made('/api/v1/webhooks', {
    url: 'https://hooks.example.com/voronka',
    events: ['deal.created'],
  });
  const doNotCall = (
    await owner.call('POST', '/api/v1/calls/do-not-call', { phone: '+79161234569' })
  ).body.items[0];
  const segment = await made('/api/v1/segments', { name: 'Сегмент', query: {} });
  return {
    segments: segment.id,
    // No campaign is made here (it needs a mail server): its reads answer 404.
    campaigns: '01a21b00-0000-7000-8000-000000000000',
    webhooks: webhook.id,
    'do-not-call': doNotCall.id as string,
    'call-lists': callList.id,
    callItem: callItem.id as string,
    automations: automation.id,
    templates: template.id,
    plans: plan.id,
    calculators: calculator.id,
    'dunning-policies': dunningPolicy.id,
    'meeting-types': meetingType.id,
    payments: payment.id,
    invoices: document.id,
    lines: '01a21b00-0000-7000-8000-000000000000',
    // No statement is uploaded here (money.routes tests do): its reads answer 404.
    'bank-statements': '01a21b00-0000-7000-8000-000000000000',
    products: product.id,
    'price-lists': priceList.id,
    'legal-entities': entity.id,
    documents: document.id,
    // No template is uploaded here (its check is the print module's): its read answers 404.
    'document-templates': '01a21b00-0000-7000-8000-000000000000',
    // Its ZIP is made by a job this test does not run: the file answers 409 (not ready).
    exports: (await made('/api/v1/documents/exports', { ids: [document.id] })).id,
  };
}

// A channel, a conversation that came through it and the file it carried.
async function inboxRecords(made: (url: string, body: unknown) => Promise<{ id: string }>) {
  const channel = await made('/api/v1/channels', { kind: 'telegram', name: 'Бот' });
  const inbound = await inWorkspace(env.database.db, workspaceId, (tx) =>
    acceptInbound(
      { tx, workspaceId, actor: systemActor, ip: null, requestId: 'seed' },
      {
        channelId: channel.id,
        threadKey: 'chat',
        externalId: '1',
        text: 'Здравствуйте',
        from: {},
        attachments: [{ name: 'a.txt', type: 'text/plain', content: Buffer.from('a') }],
      },
    ),
  );
  const conversation = (await owner.call('GET', `/api/v1/conversations/${inbound.conversationId}`))
    .body;
  return {
    channels: channel.id,
    conversations: inbound.conversationId,
    files: conversation.messages[0].attachments[0].fileId as string,
  };
}

// Query parameters some routes require before anything else is looked at.
const requiredQuery = (): Record<string, string> => ({
  '/api/v1/duplicates': 'entity=contacts',
  '/api/v1/calendar/events': 'from=2026-12-01T00:00:00Z&to=2026-12-08T00:00:00Z',
  '/api/v1/calendar/working-hours': 'from=2026-12-01T00:00:00Z&to=2026-12-08T00:00:00Z',
  '/api/v1/legal-entities/{id}/image': 'kind=logo',
  '/api/v1/imports': 'entity=contacts&fileName=clients.csv',
  '/api/v1/timeline': `contactId=${ids.contacts}`,
  '/api/v1/privacy/handover': `memberId=${owner.info.me!.member.id}`,
  '/api/v1/search': 'q=%D0%A0%D0%BE%D0%BC%D0%B0%D1%88%D0%BA%D0%B0',
  '/api/v1/telephony/recording': `channelId=${ids.phoneChannel}&recordingId=r1&token=${recordingToken('vpbx-salt', ids.phoneChannel!, 'r1')}`,
});
// Reads that answer with a redirect rather than a body.
const readStatus: Record<string, number> = {
  '/api/v1/telephony/recording': 302,
  // The invoice uses the built-in layout: there is no DOCX of it; and no template was uploaded.
  '/api/v1/documents/{id}/docx': 404,
  '/api/v1/document-templates/{id}': 404,
  '/api/v1/documents/exports/{id}/file': 409,
  // No export was asked for on the privacy request.
  '/api/v1/privacy/requests/{id}/export/file': 409,
  // A feed token nobody was given.
  '/api/v1/calendar/feed/{token}': 404,
  '/api/v1/bank-statements/{id}': 404,
  '/api/v1/bank-statements/{id}/file': 404,
  '/api/v1/bank-statements/lines/{id}': 404,
  // The invoice here is a draft: it has no money yet.
  '/api/v1/payments/invoices/{id}': 404,
  // No retention run destroyed anything here: there is no act.
  '/api/v1/privacy/destruction-acts/{id}/pdf': 404,
  '/api/v1/campaigns/{id}': 404,
  '/api/v1/campaigns/{id}/recipients': 404,
};

async function uploadedImport(): Promise<string> {
  const res = await owner.call(
    'POST',
    '/api/v1/imports?entity=contacts&fileName=clients.csv',
    'Фамилия;Телефон\nПетров;+79123456789\n',
    { 'content-type': 'text/csv' },
  );
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.import.id;
}

function requestFor(op: Operation) {
  const resource = Object.keys(ids).find((r) => op.path.includes(`/${r}/{id}`));
  const path = withPathParams(op.path, {
    id: resource ? ids[resource]! : '01a21b00-0000-7000-8000-000000000000',
    stageId: ids.stageId!,
    itemId: ids.callItem!,
    deliveryId: '01a21b00-0000-7000-8000-000000000000',
    key: 'manager',
    messageId: '01a21b00-0000-7000-8000-000000000000',
    token: `${'x'.repeat(32)}.ics`,
  });
  const query = requiredQuery()[op.path];
  const url = query ? `${path}?${query}` : path;
  const body = op.body
    ? sampleValue(op.body, {
        name: 'Новое имя',
        email: uniqueEmail('new'),
        role: 'assistant',
        teamId: ids.teams,
        headId: null,
        timezone: 'Europe/Moscow',
        permissions: matrix,
      })
    : undefined;
  return { url, body };
}

describe('an expired trial', () => {
  it('makes the workspace read-only, with 0 days left', async () => {
    const ws = await setTrialEndTo(new Date(Date.now() - DAY));
    expect(ws).toMatchObject({ isReadOnly: true, trialDaysLeft: 0 });
    expect((await owner.call('GET', '/api/v1/workspace')).body).toMatchObject({
      plan: 'trial',
      isReadOnly: true,
      trialDaysLeft: 0,
    });
  });

  it('answers every write of the matrix routes with 402 and changes nothing', async () => {
    // A dry run, a dunning text's preview, a template's preview, a calculator's evaluation and a
    // segment's count write nothing (reads by POST): an expired trial still answers them.
    const writes = matrixOps.filter(
      (o) =>
        o.method !== 'GET' &&
        !o.path.endsWith('/dry-run') &&
        o.path !== '/api/v1/dunning-policies/preview' &&
        o.path !== '/api/v1/templates/{id}/preview' &&
        o.path !== '/api/v1/calculators/preview' &&
        o.path !== '/api/v1/segments/count' &&
        !o.path.endsWith('/evaluate'),
    );
    expect(writes.length).toBeGreaterThanOrEqual(12);
    const before = await snapshotWorkspace(owner);
    const wrong: string[] = [];
    for (const op of writes) {
      const { url, body } = requestFor(op);
      const res = await owner.call(op.method, url, body);
      if (
        res.status !== 402 ||
        res.body?.code !== 'workspace.trial_expired' ||
        !String(res.headers['content-type']).startsWith('application/problem+json')
      ) {
        wrong.push(`${op.method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await snapshotWorkspace(owner)).toEqual(before);
  });

  it('refuses writes through an API token too', async () => {
    const token = await (async () => {
      await setTrialEndTo(new Date(Date.now() + DAY));
      const t = await createApiToken(env.app, owner, 'Для истёкшего');
      await setTrialEndTo(new Date(Date.now() - DAY));
      return t;
    })();
    expectProblem(
      await token.client.call('POST', '/api/v1/teams', { name: 'Через токен' }),
      402,
      'workspace.trial_expired',
    );
    expect((await token.client.call('GET', '/api/v1/teams')).status).toBe(200);
  });

  it('still answers every read', async () => {
    const reads = matrixOps.filter((o) => o.method === 'GET');
    expect(reads.length).toBeGreaterThanOrEqual(8);
    for (const op of reads) {
      const res = await owner.call('GET', requestFor(op).url);
      expect(res.status, `${op.path}: ${JSON.stringify(res.body)}`).toBe(
        readStatus[op.path] ?? 200,
      );
    }
  });

  it('leaves personal routes working: profile and sign-out', async () => {
    const renamed = await owner.call('PATCH', '/api/v1/me', {
      name: 'Иван Иванович',
      locale: 'en',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.user).toMatchObject({ name: 'Иван Иванович', locale: 'en' });
    const member = await addMemberWhileLive();
    expect((await member.browser.call('POST', '/api/v1/auth/sign-out')).status).toBe(204);
    expect((await member.browser.call('GET', '/api/v1/me')).status).toBe(401);
  });

  it('takes writes again once the trial is extended', async () => {
    const ws = await setTrialEndTo(new Date(Date.now() + 3 * DAY));
    expect(ws).toMatchObject({ isReadOnly: false, trialDaysLeft: 3 });
    const team = await owner.call('POST', '/api/v1/teams', { name: 'После продления' });
    expect(team.status).toBe(201);
    expect((await owner.call('GET', '/api/v1/workspace')).body).toMatchObject({
      isReadOnly: false,
      trialDaysLeft: 3,
    });
  });
});

// Inviting is itself a write, so the trial is opened for a moment and closed again.
async function addMemberWhileLive() {
  await setTrialEndTo(new Date(Date.now() + DAY));
  const member = await addMember(env.app, owner, 'assistant');
  await setTrialEndTo(new Date(Date.now() - DAY));
  expect((await owner.call('GET', '/api/v1/workspace')).body.isReadOnly).toBe(true);
  return member;
}
