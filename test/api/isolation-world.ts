// The two workspaces of the isolation suite (test/api/isolation.test.ts): each filled with a record
// of every kind the API names by id.
import { inWorkspace } from '../../src/platform/db/tenancy.js';
import { acceptInbound } from '../../src/modules/inbox/service.js';
import { systemActor } from '../../src/platform/context.js';
import type { TestEnv } from '../../src/test/app.js';
import { addMember, createApiToken, signUp, uniqueEmail } from '../../src/test/client.js';

// Each workspace gets an owner, a team, a member in it, a pending invitation, an API token and the
// audit rows all of that wrote.
export async function buildTenant(env: TestEnv, label: string, latin: string) {
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
  const made = async (url: string, body: unknown) =>
    (await owner.call('POST', url, body)).body as { id: string; items?: { id: string }[] };
  const webhook = await made('/api/v1/webhooks', {
    url: 'https://x.example.com/h',
    events: ['deal.created'],
  });
  const doNotCall = (await made('/api/v1/calls/do-not-call', { phone: '+79161234567' })).items![0]!;
  const segment = await made('/api/v1/segments', { name: `${label} сегмент`, query: {} });
  return {
    segment,
    webhook,
    doNotCall,
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
export type Tenant = Awaited<ReturnType<typeof buildTenant>>;
