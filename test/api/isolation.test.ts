import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/platform/audit/tables.js';
import { inWorkspace } from '../../src/platform/db/tenancy.js';
import { newId } from '../../src/platform/ids.js';
import { encodeCursor } from '../../src/platform/http/pagination.js';
import { members, teams } from '../../src/modules/workspaces/tables.js';
import { acceptInbound } from '../../src/modules/inbox/service.js';
import { systemActor } from '../../src/platform/context.js';
import { createTestApp, type TestEnv } from '../../src/test/app.js';
import {
  addMember,
  apiOperations,
  createApiToken,
  expectProblem,
  signIn,
  signUp,
  snapshotWorkspace,
  uniqueEmail,
  type Operation,
} from '../../src/test/client.js';
import { walkRoutes } from '../../src/test/route-walk.js';

// Each workspace gets an owner, a team, a member in it, a pending invitation, an API token and the
// audit rows all of that wrote.
async function buildTenant(env: TestEnv, label: string, latin: string) {
  const owner = await signUp(env.app, {
    name: `${label} Владелец`,
    companyName: `ООО «${label}»`,
    email: uniqueEmail(latin),
  });
  const team = (await owner.call('POST', '/api/v1/teams', { name: `${label} отдел продаж` })).body;
  const member = await addMember(env.app, owner, 'manager', team.id);
  await owner.call('PATCH', `/api/v1/users/${member.memberId}`, { name: `${label} Менеджер` });
  const invited = uniqueEmail(`${latin}-invitee`);
  const invitation = (
    await owner.call('POST', '/api/v1/invitations', {
      email: invited,
      role: 'assistant',
      teamId: team.id,
    })
  ).body.invitation;
  const token = await createApiToken(env.app, owner, `${label} токен`);
  const me = owner.info.me!;
  const lead = (
    await owner.call('POST', '/api/v1/leads', {
      title: `${label} заявка`,
      contactName: `${label} Клиент`,
      assigneeId: member.memberId,
    })
  ).body;
  const field = (
    await owner.call('POST', '/api/v1/custom-fields', {
      entity: 'leads',
      key: `${latin}_field`,
      label: `${label} поле`,
      type: 'text',
    })
  ).body;
  const view = (
    await owner.call('POST', '/api/v1/views', {
      entity: 'leads',
      name: `${label} вид`,
      query: { status: 'new' },
    })
  ).body;
  const pipeline = (await owner.call('GET', '/api/v1/pipelines')).body.items[0];
  const lostReason = (await owner.call('GET', '/api/v1/lost-reasons')).body.items[0];
  const deal = (
    await owner.call('POST', '/api/v1/deals', { title: `${label} сделка`, amount: 100_00 })
  ).body;
  const task = (
    await owner.call('POST', '/api/v1/tasks', { title: `${label} задача`, dealId: deal.id })
  ).body;
  const activity = (
    await owner.call('POST', '/api/v1/activities', {
      kind: 'note',
      body: `${label} заметка`,
      dealId: deal.id,
    })
  ).body;
  const crm = {
    pipeline,
    stageId: pipeline.stages[1].id as string,
    lostReason,
    deal,
    task,
    activity,
  };
  const company = (
    await owner.call('POST', '/api/v1/companies', {
      name: `${label} компания`,
      inn: latin === 'beta' ? '7736207543' : '7707083893',
    })
  ).body;
  const contact = (
    await owner.call('POST', '/api/v1/contacts', {
      lastName: `${label} Контакт`,
      companyId: company.id,
      phones: [{ number: latin === 'beta' ? '+79990000002' : '+79990000001' }],
    })
  ).body;
  const upload = await env.app.inject({
    method: 'POST',
    url: '/api/v1/imports?entity=contacts',
    headers: { cookie: owner.cookie, 'x-csrf-token': owner.csrf, 'content-type': 'text/csv' },
    payload: `ФИО\r\n${label} из файла`,
  });
  const imp = JSON.parse(upload.body).import as { id: string };
  const channel = (
    await owner.call('POST', '/api/v1/channels', {
      kind: 'telegram',
      name: `${label} канал`,
      secrets: { botToken: `${latin}-bot-token` },
    })
  ).body as { id: string };
  const inbound = await inWorkspace(env.database.db, me.workspace.id, (tx) =>
    acceptInbound(
      { tx, workspaceId: me.workspace.id, actor: systemActor, ip: null, requestId: 'seed' },
      {
        channelId: channel.id,
        threadKey: `${latin}-chat`,
        externalId: `${latin}-1`,
        text: `${label} сообщение`,
        from: { name: `${label} Собеседник` },
        attachments: [
          { name: `${latin}.txt`, type: 'text/plain', content: Buffer.from(`${label} файл`) },
        ],
      },
    ),
  );
  const conversation = (await owner.call('GET', `/api/v1/conversations/${inbound.conversationId}`))
    .body;
  const inbox = {
    channel,
    conversationId: inbound.conversationId,
    messageId: conversation.messages[0].id as string,
    fileId: conversation.messages[0].attachments[0].fileId as string,
  };
  const form = (
    await owner.call('POST', '/api/v1/forms', {
      name: `${label} форма`,
      fields: [{ key: 'phone', label: 'Телефон', type: 'phone', required: true }],
    })
  ).body as { id: string; publicKey: string };
  const rule = (
    await owner.call('POST', '/api/v1/routing-rules', {
      name: `${label} правило`,
      strategy: 'least_load',
    })
  ).body as { id: string };
  const policy = (
    await owner.call('POST', '/api/v1/sla-policies', {
      name: `${label} SLA`,
      responseSeconds: 3600,
    })
  ).body as { id: string };
  const product = (
    await owner.call('POST', '/api/v1/products', { name: `${label} товар`, priceKopecks: 100 })
  ).body as { id: string };
  const priceList = (await owner.call('POST', '/api/v1/price-lists', { name: `${label} прайс` }))
    .body as { id: string };
  await owner.call('PUT', `/api/v1/price-lists/${priceList.id}/items`, {
    items: [{ productId: product.id, priceKopecks: 100 }],
  });
  await owner.call('PUT', `/api/v1/deals/${deal.id}/lines`, {
    vatMode: 'included',
    lines: [
      {
        productId: product.id,
        name: `${label} строка`,
        quantity: '1',
        priceKopecks: 100,
        vatRate: 22,
      },
    ],
  });
  const legalEntity = (
    await owner.call('POST', '/api/v1/legal-entities', { name: `${label} юрлицо` })
  ).body as { id: string };
  const document = (
    await owner.call('POST', '/api/v1/documents', {
      type: 'invoice',
      legalEntityId: legalEntity.id,
      dealId: deal.id,
    })
  ).body as { id: string };
  // A bulk export of that document (documents/exports/{id}).
  const documentExport = (
    await owner.call('POST', '/api/v1/documents/exports', { ids: [document.id] })
  ).body as { id: string };
  const calendarEvent = (
    await owner.call('POST', '/api/v1/calendar/events', {
      title: `${label} событие`,
      startsAt: new Date(Date.now() + 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 90_000_000).toISOString(),
    })
  ).body as { id: string };
  // Money received, by hand (no invoice: the client's credit).
  const meetingType = (
    await owner.call('POST', '/api/v1/meeting-types', {
      name: `${label} консультация`,
      slug: `consult-${latin}`,
      durationMin: 30,
      hosts: [{ memberId: me.member.id, weight: 1 }],
    })
  ).body as { id: string };
  const payment = (
    await owner.call('POST', '/api/v1/payments', {
      date: '2026-12-01',
      amountKopecks: 100_00,
      payerName: `${label} плательщик`,
    })
  ).body as { id: string };
  const automation = (
    await owner.call('POST', '/api/v1/automations', {
      name: `${label} робот`,
      definition: {
        trigger: { kind: 'deal.created' },
        actions: [{ kind: 'task.create', title: 'Позвонить' }],
      },
    })
  ).body as { id: string };
  const template = (
    await owner.call('POST', '/api/v1/templates', {
      kind: 'letter',
      name: `${label} шаблон`,
      scope: 'shared',
      subject: 'Для {{ company.name }}',
      body: 'Здравствуйте, {{ client.firstName }}!',
    })
  ).body as { id: string };
  const callee = (
    await owner.call('POST', '/api/v1/contacts', {
      firstName: `${label} клиент обзвона`,
      phones: [{ number: '+79161234567' }],
    })
  ).body as { id: string };
  const callList = (
    await owner.call('POST', '/api/v1/call-lists', {
      name: `${label} обзвон`,
      managerIds: [me.member.id],
      contactIds: [callee.id],
    })
  ).body as { id: string };
  const callItem = (await owner.call('POST', `/api/v1/call-lists/${callList.id}/next`)).body
    .item as { id: string };
  const plan = (
    await owner.call('POST', '/api/v1/plans', {
      period: 'month',
      start: '2026-12-01',
      scope: 'department',
      amount: 100_00,
    })
  ).body as { id: string };
  const calculator = (
    await owner.call('POST', '/api/v1/calculators', {
      name: `${label} калькулятор`,
      definition: { inputs: [{ key: 'area', type: 'number', label: { ru: 'Площадь' } }] },
    })
  ).body as { id: string };
  const dunningPolicy = (
    await owner.call('POST', '/api/v1/dunning-policies', {
      name: `${label} лестница`,
      steps: [{ offsetDays: 3, channels: ['task'], subject: 'Счёт {{number}}', text: 'Оплатите' }],
    })
  ).body as { id: string };
  const privacyRequest = (
    await owner.call('POST', '/api/v1/privacy/requests', { contactId: contact.id, kind: 'access' })
  ).body as { id: string };
  return {
    automation,
    template,
    callList,
    callItem,
    privacyRequest,
    plan,
    calculator,
    dunningPolicy,
    calendarEvent,
    legalEntity,
    document,
    documentExport,
    payment,
    meetingType,
    owner,
    token,
    me,
    team,
    member,
    invitation,
    invited,
    lead,
    field,
    view,
    crm,
    company,
    contact,
    imp,
    inbox,
    form,
    rule,
    policy,
    product,
    priceList,
  };
}
type Tenant = Awaited<ReturnType<typeof buildTenant>>;

let env: TestEnv;
let a: Tenant;
let b: Tenant;
let operations: Operation[];
let secretsOfB: string[];
let managerMatrixOfA: unknown;

beforeAll(async () => {
  env = await createTestApp();
  a = await buildTenant(env, 'Альфа', 'alpha');
  b = await buildTenant(env, 'Бета', 'beta');
  operations = await apiOperations(env.app);
  managerMatrixOfA = (await a.owner.call('GET', '/api/v1/roles')).body.items.find(
    (r: { key: string }) => r.key === 'manager',
  ).permissions;
  const auditIds = (
    (await b.owner.call('GET', '/api/v1/audit?limit=200')).body.items as { id: string }[]
  ).map((e) => e.id);
  expect(auditIds.length).toBeGreaterThanOrEqual(5);
  secretsOfB = [
    b.me.workspace.id,
    b.me.workspace.slug,
    b.me.workspace.name,
    b.me.user.id,
    b.me.user.email,
    b.me.user.name,
    b.me.member.id,
    b.team.id,
    b.team.name,
    b.member.memberId,
    b.member.email,
    'Бета Менеджер',
    b.invitation.id,
    b.invited,
    b.token.id,
    b.token.token,
    b.token.token.slice(0, 10),
    ...auditIds,
    b.crm.pipeline.id,
    b.crm.stageId,
    b.crm.lostReason.id,
    b.crm.deal.id,
    b.crm.deal.title,
    b.crm.task.id,
    b.crm.task.title,
    b.crm.activity.id,
    b.crm.activity.body,
    b.company.id,
    'Бета компания',
    '7736207543',
    b.contact.id,
    'Бета Контакт',
    '+79990000002',
    b.lead.id,
    'Бета заявка',
    'Бета Клиент',
    b.field.id,
    'beta_field',
    b.view.id,
    'Бета вид',
    b.inbox.channel.id,
    'Бета канал',
    'beta-bot-token',
    b.inbox.conversationId,
    'Бета сообщение',
    'Бета Собеседник',
    b.inbox.fileId,
    'Бета файл',
    b.form.id,
    'Бета форма',
    b.form.publicKey,
    b.product.id,
    'Бета товар',
    b.priceList.id,
    'Бета прайс',
    'Бета строка',
    b.legalEntity.id,
    'Бета юрлицо',
    b.document.id,
    b.calendarEvent.id,
    'Бета событие',
    b.payment.id,
    'Бета плательщик',
  ];
});
afterAll(async () => env?.close());

// Which of a tenant's records a path's {id} names.
function idsOf(t: Tenant): Record<string, string> {
  return {
    users: t.member.memberId,
    teams: t.team.id,
    tokens: t.token.id,
    invitations: t.invitation.id,
    leads: t.lead.id,
    'custom-fields': t.field.id,
    views: t.view.id,
    pipelines: t.crm.pipeline.id,
    'lost-reasons': t.crm.lostReason.id,
    deals: t.crm.deal.id,
    tasks: t.crm.task.id,
    companies: t.company.id,
    contacts: t.contact.id,
    imports: t.imp.id,
    channels: t.inbox.channel.id,
    conversations: t.inbox.conversationId,
    files: t.inbox.fileId,
    forms: t.form.id,
    'routing-rules': t.rule.id,
    'sla-policies': t.policy.id,
    products: t.product.id,
    'price-lists': t.priceList.id,
    availability: t.member.memberId,
    'legal-entities': t.legalEntity.id,
    documents: t.document.id,
    'document-templates': '00000000-0000-4000-8000-000000000001',
    exports: t.documentExport.id,
    events: t.calendarEvent.id,
    payments: t.payment.id,
    'meeting-types': t.meetingType.id,
    automations: t.automation.id,
    templates: t.template.id,
    requests: t.privacyRequest.id,
    calculators: t.calculator.id,
    // Another workspace's discount request is never found (none exists for this id anywhere).
    'discount-approvals': '00000000-0000-4000-8000-000000000001',
    invoices: t.document.id,
    lines: '00000000-0000-4000-8000-000000000001',
    'bank-statements': '00000000-0000-4000-8000-000000000001',
    'dunning-policies': t.dunningPolicy.id,
    'call-lists': t.callList.id,
    plans: t.plan.id,
    'win-back': t.company.id,
  };
}

// Query filters that point at B's records: a list must answer with A's rows only (here: none).
const queryWithIdsOfB = () => ({
  // Which image of a legal entity (a required query parameter).
  kind: 'logo',
  legalEntityId: b.legalEntity.id,
  assigneeId: b.member.memberId,
  teamId: b.team.id,
  actorId: b.me.member.id,
  entityId: b.team.id,
  cursor: encodeCursor([b.team.id]),
  pipelineId: b.crm.pipeline.id,
  stageId: b.crm.stageId,
  dealId: b.crm.deal.id,
  companyId: b.company.id,
  ownerId: b.me.member.id,
  channelId: b.inbox.channel.id,
});

const bodyWithIdsOfB = () => ({
  legalEntityId: b.legalEntity.id,
  key: 'sample_key',
  // A calculator input's section: a key like the input's own.
  section: 'sample_key',
  currency: 'RUB',
  assigneeId: b.member.memberId,
  existingId: b.member.memberId,
  name: 'Альфа переименована',
  email: uniqueEmail('alpha-new'),
  role: 'manager',
  teamId: b.team.id,
  headId: b.member.memberId,
  code: '123456',
  slug: b.me.workspace.slug,
  permissions: managerMatrixOfA,
  requireTwoFactor: false,
  timezone: 'Europe/Samara',
  timeZone: 'Europe/Samara',
  stageId: b.crm.stageId,
  dealId: b.crm.deal.id,
  pipelineId: b.crm.pipeline.id,
  lostReasonId: b.crm.lostReason.id,
  companyId: b.company.id,
  otherId: b.contact.id,
  contactIds: [],
  tags: [],
  stages: [{ name: 'Этап', probability: 10, kind: 'open' }],
});

function expectNoneOfB(label: string, body: unknown) {
  const text = JSON.stringify(body ?? null);
  const leaked = secretsOfB.filter((s) => text.includes(s));
  expect(leaked, `${label} leaked B's data`).toEqual([]);
}

describe('workspace isolation through every API operation', () => {
  for (const credential of ['session', 'api token'] as const) {
    it(`never shows or changes B's records when A calls with a ${credential}`, async () => {
      // A fresh session: the walk ends with sign-out.
      const caller =
        credential === 'session'
          ? await signIn(env.app, a.me.user.email, 'correct-horse-battery')
          : a.token.client;
      const bBefore = await snapshotWorkspace(b.owner);
      const exercised = await walkRoutes(operations, caller, {
        tag: credential,
        theirs: idsOf(b),
        mine: idsOf(a),
        params: {
          theirs: {
            key: 'manager',
            stageId: b.crm.stageId,
            messageId: b.inbox.messageId,
            itemId: b.callItem.id,
            token: `${'x'.repeat(32)}.ics`,
          },
          mine: {
            key: 'manager',
            stageId: a.crm.stageId,
            messageId: a.inbox.messageId,
            itemId: a.callItem.id,
            token: `${'x'.repeat(32)}.ics`,
          },
        },
        query: queryWithIdsOfB(),
        known: bodyWithIdsOfB,
        async check({ label, byId, mine, res }) {
          expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
          // On B's record, or on A's own record with a reference to B's in the body: not found.
          if (byId || mine)
            expect(
              res.status,
              `${label} must not find B's record: ${JSON.stringify(res.body)}`,
            ).toBe(404);
          expectNoneOfB(label, res.body);
          expect(await snapshotWorkspace(b.owner), `${label} changed workspace B`).toEqual(bBefore);
        },
      });
      // The enumeration itself must not silently shrink: 30 guarded operations exist today.
      expect(exercised.length).toBeGreaterThanOrEqual(30);
      expect(exercised).toEqual(
        expect.arrayContaining([
          'DELETE /api/v1/teams/{id}',
          'POST /api/v1/users/{id}/deactivate',
          'PUT /api/v1/roles/{key}',
          'GET /api/v1/audit',
        ]),
      );
      // Every route with a B snapshot before and after: minutes on a loaded 2-core PGlite run.
    }, 240_000);
  }

  it('refuses to switch a session into a workspace the user is not a member of', async () => {
    const refused = await a.owner.call('POST', '/api/v1/auth/switch-workspace', {
      slug: b.me.workspace.slug,
    });
    expectProblem(refused, 404, 'workspace.not_found');
    expect((await a.owner.call('GET', '/api/v1/me')).body.workspace.id).toBe(a.me.workspace.id);
  });
});

describe('row-level security in PostgreSQL itself', () => {
  const workspaceOf = (t: Tenant) => t.me.workspace.id;

  it('shows a transaction bound to A only A rows, even without a workspace filter', async () => {
    const seen = await inWorkspace(env.database.db, workspaceOf(a), async (tx) => ({
      members: await tx.select({ ws: members.workspaceId }).from(members),
      teams: await tx.select({ ws: teams.workspaceId }).from(teams),
      audit: await tx.select({ ws: auditLog.workspaceId }).from(auditLog),
    }));
    for (const rows of Object.values(seen)) {
      expect(rows.length).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.ws))).toEqual(new Set([workspaceOf(a)]));
    }
  });

  it("refuses to insert a row carrying B's workspace_id", async () => {
    const insert = inWorkspace(env.database.db, workspaceOf(a), (tx) =>
      tx
        .insert(teams)
        .values({ workspaceId: workspaceOf(b), id: newId(), name: 'Подброшенный отдел' }),
    );
    await expect(insert).rejects.toSatisfy(
      (err: { message?: string; cause?: { message?: string } }) =>
        /row-level security/.test(`${err.message} ${err.cause?.message}`),
    );
    const bTeams = (await b.owner.call('GET', '/api/v1/teams')).body.items.map(
      (t: { name: string }) => t.name,
    );
    expect(bTeams).not.toContain('Подброшенный отдел');
  });

  it("cannot update or delete B's rows: they are invisible to the statement", async () => {
    const changed = await inWorkspace(env.database.db, workspaceOf(a), async (tx) => ({
      updated: await tx
        .update(teams)
        .set({ name: 'Захвачено' })
        .where(eq(teams.workspaceId, workspaceOf(b)))
        .returning({ id: teams.id }),
      deleted: await tx
        .delete(auditLog)
        .where(and(eq(auditLog.workspaceId, workspaceOf(b)), sql`true`))
        .returning({ id: auditLog.id }),
    }));
    expect(changed).toEqual({ updated: [], deleted: [] });
    expect((await b.owner.call('GET', `/api/v1/teams/${b.team.id}`)).body.name).toBe(b.team.name);
  });
});
