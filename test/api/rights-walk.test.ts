import type { RoleKey } from '@voronka/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptInbound } from '../../src/modules/inbox/service.js';
import { defaultPermissions } from '../../src/modules/workspaces/rules.js';
import { systemActor } from '../../src/platform/context.js';
import { inWorkspace } from '../../src/platform/db/tenancy.js';
import type { TestEnv } from '../../src/test/app.js';
import { openRightsWorld, type Member } from './rights-world.js';
import {
  addMember,
  apiOperations,
  signIn,
  uniqueEmail,
  type Browser,
} from '../../src/test/client.js';
import { walkRoutes } from '../../src/test/route-walk.js';
// Rights: a manager who sees only their own records, walked through every API operation.
let env: TestEnv;
let owner: Browser;
let people: Record<RoleKey, Member>;
let team1: string;

beforeAll(async () => {
  ({ env, owner, people, team1 } = await openRightsWorld());
});
afterAll(async () => env?.close());

describe('record visibility through every API operation', () => {
  it("never shows, names, links or changes a colleague's records to a manager who sees only their own", async () => {
    const colleague = await addMember(env.app, owner, 'manager', team1);
    const their = colleague.browser;
    const workspaceId = owner.info.me!.workspace.id;
    const pipeline = (await owner.call('GET', '/api/v1/pipelines')).body.items[0];
    const stageId = pipeline.stages[0].id as string;
    const lostReasonId = (await owner.call('GET', '/api/v1/lost-reasons')).body.items[0]
      .id as string;
    const phone = '+79991112233';
    const company = (
      await their.call('POST', '/api/v1/companies', {
        name: 'Тайная компания коллеги',
        inn: '7707083893',
      })
    ).body;
    const contact = (
      await their.call('POST', '/api/v1/contacts', {
        lastName: 'Тайнов',
        firstName: 'Клиент',
        companyId: company.id,
        phones: [{ number: phone }],
      })
    ).body;
    const deal = (
      await their.call('POST', '/api/v1/deals', {
        title: 'Тайная сделка коллеги',
        companyId: company.id,
        contactIds: [contact.id],
      })
    ).body;
    const task = (
      await their.call('POST', '/api/v1/tasks', { title: 'Тайная задача коллеги', dealId: deal.id })
    ).body;
    const note = (
      await their.call('POST', '/api/v1/activities', {
        kind: 'note',
        body: 'Тайная заметка коллеги',
        contactId: contact.id,
      })
    ).body;
    const lead = (
      await their.call('POST', '/api/v1/leads', {
        title: 'Тайная заявка коллеги',
        contactName: 'Тайнов Клиент',
      })
    ).body;
    const channel = (
      await owner.call('POST', '/api/v1/channels', { kind: 'telegram', name: 'Канал видимости' })
    ).body;
    const inbound = await inWorkspace(env.database.db, workspaceId, (tx) =>
      acceptInbound(
        { tx, workspaceId, actor: systemActor, ip: null, requestId: 'seed' },
        {
          channelId: channel.id,
          threadKey: 'secret-chat',
          externalId: 'secret-1',
          text: 'Тайное сообщение',
          from: { name: 'Тайный собеседник' },
          attachments: [
            { name: 'secret.txt', type: 'text/plain', content: Buffer.from('Тайный файл') },
          ],
        },
      ),
    );
    expect(
      (
        await owner.call('PATCH', `/api/v1/conversations/${inbound.conversationId}`, {
          assigneeId: colleague.memberId,
          contactId: contact.id,
        })
      ).status,
    ).toBe(200);
    const theirMessage = (
      await owner.call('GET', `/api/v1/conversations/${inbound.conversationId}`)
    ).body.messages[0];
    // Our legal entity (everyone's) and a document the colleague made from their deal.
    const entity = (
      await owner.call('POST', '/api/v1/legal-entities', { name: 'ООО «Наше»', inn: '7736207543' })
    ).body;
    const document = (
      await their.call('POST', '/api/v1/documents', {
        type: 'invoice',
        legalEntityId: entity.id,
        dealId: deal.id,
        lines: [{ name: 'Тайная строка коллеги', quantity: '1', priceKopecks: 100, vatRate: null }],
      })
    ).body;
    const fileId = theirMessage.attachments[0].fileId as string;
    for (const r of [company, contact, deal, task, note, lead, entity, document])
      expect(r.id, JSON.stringify(r)).toBeTruthy();

    // The caller: a fresh session (the walk ends with sign-out), and records of their own.
    const caller = await signIn(env.app, people.manager.email, people.manager.password);
    const myCompany = (await caller.call('POST', '/api/v1/companies', { name: 'Моя компания' }))
      .body;
    const myContact = (
      await caller.call('POST', '/api/v1/contacts', { lastName: 'Мой', companyId: myCompany.id })
    ).body;
    const myDeal = (
      await caller.call('POST', '/api/v1/deals', {
        title: 'Моя сделка',
        companyId: myCompany.id,
        contactIds: [myContact.id],
      })
    ).body;
    const myTask = (
      await caller.call('POST', '/api/v1/tasks', { title: 'Моя задача', dealId: myDeal.id })
    ).body;
    const myLead = (await caller.call('POST', '/api/v1/leads', { title: 'Моя заявка' })).body;
    const myDocument = (
      await caller.call('POST', '/api/v1/documents', {
        type: 'quote',
        legalEntityId: entity.id,
        dealId: myDeal.id,
      })
    ).body;
    expect(
      (await caller.call('GET', `/api/v1/conversations/${inbound.conversationId}`)).status,
    ).toBe(404);

    const secrets = [
      company.id,
      'Тайная компания коллеги',
      '7707083893',
      contact.id,
      'Тайнов',
      deal.id,
      'Тайная сделка коллеги',
      task.id,
      'Тайная задача коллеги',
      note.id,
      'Тайная заметка коллеги',
      lead.id,
      'Тайная заявка коллеги',
      inbound.conversationId,
      'Тайное сообщение',
      'Тайный собеседник',
      fileId,
      'Тайный файл',
      document.id,
      'Тайная строка коллеги',
    ];
    // What the colleague's records look like, with everything linked to them, through the owner's eyes.
    const world = [
      `/api/v1/companies/${company.id}`,
      `/api/v1/contacts/${contact.id}`,
      `/api/v1/deals/${deal.id}`,
      `/api/v1/tasks/${task.id}`,
      `/api/v1/leads/${lead.id}`,
      `/api/v1/documents/${document.id}`,
      `/api/v1/conversations/${inbound.conversationId}`,
      `/api/v1/timeline?companyId=${company.id}`,
      `/api/v1/timeline?contactId=${contact.id}`,
      `/api/v1/timeline?dealId=${deal.id}`,
      `/api/v1/timeline?leadId=${lead.id}`,
      `/api/v1/tasks?limit=200&companyId=${company.id}`,
      `/api/v1/tasks?limit=200&contactId=${contact.id}`,
      `/api/v1/tasks?limit=200&dealId=${deal.id}`,
      `/api/v1/tasks?limit=200&leadId=${lead.id}`,
      `/api/v1/contacts?limit=200&companyId=${company.id}`,
      `/api/v1/deals?limit=200&companyId=${company.id}`,
      `/api/v1/deals?limit=200&contactId=${contact.id}`,
    ];
    const snapshot = async () => {
      const out: Record<string, unknown> = {};
      // A stage's running duration is the clock's, not a change.
      for (const url of world)
        out[url] = JSON.parse(
          JSON.stringify((await owner.call('GET', url)).body, (k, v) =>
            k === 'durationSeconds' ? undefined : v,
          ),
        );
      // A request the walk raises with the client's phone is matched to the client (matching may link;
      // that it names nothing to the caller is checked on every answer): its entry on the client's
      // timeline is the match, not a change of the colleague's records.
      for (const url of world.filter((u) => u.includes('/timeline?'))) {
        const page = out[url] as { items?: { kind: string; leadId: string | null }[] };
        if (page.items)
          page.items = page.items.filter((i) => !(i.kind === 'request' && i.leadId !== lead.id));
      }
      return out;
    };
    const before = await snapshot();
    const random = '00000000-0000-4000-8000-000000000001';
    // An ICS feed token nobody holds (the feed URL is its own credential).
    const feedToken = `${'x'.repeat(32)}.ics`;
    const owned = new Set([
      'companies',
      'contacts',
      'deals',
      'tasks',
      'leads',
      'conversations',
      'files',
      'documents',
    ]);
    const ids = (o: {
      company: string;
      contact: string;
      deal: string;
      task: string;
      lead: string;
      member: string;
      document: string;
    }) => ({
      companies: o.company,
      contacts: o.contact,
      deals: o.deal,
      tasks: o.task,
      leads: o.lead,
      conversations: inbound.conversationId,
      files: fileId,
      users: o.member,
      availability: o.member,
      teams: team1,
      tokens: random,
      invitations: random,
      'custom-fields': random,
      views: random,
      pipelines: pipeline.id,
      'lost-reasons': lostReasonId,
      imports: random,
      channels: channel.id,
      forms: random,
      'routing-rules': random,
      'sla-policies': random,
      'legal-entities': entity.id,
      documents: o.document,
      'document-templates': random,
      exports: random,
      products: random,
      'price-lists': random,
      events: random,
      // Money: a manager reads only their own payments and no statements (money.routes tests).
      payments: random,
      invoices: o.document,
      lines: random,
      'bank-statements': random,
      'dunning-policies': random,
      // Meeting types are workspace settings: a manager reads them and changes none.
      'meeting-types': random,
      // Automation rules: a manager has no right to them at all.
      automations: random,
      // Templates: a colleague's personal ones are not seen (messaging.routes tests).
      templates: random,
      // Call lists: a manager sees only those they work (none here).
      'call-lists': random,
      // Privacy requests: a manager has no right to them at all.
      requests: random,
      // Sales plans: a manager reads their own and changes none.
      plans: random,
      // Win-back acts on a client: a colleague's answers as a missing one.
      'win-back': o.company,
      // Calculators are catalog settings: a manager reads and evaluates them, changes none.
      calculators: random,
      // Discount approvals: deciding one needs a limit that covers it (a manager's does not).
      'discount-approvals': random,
      // Do-not-call entries and webhook subscriptions: a manager changes none (calls, automation tests).
      'do-not-call': random,
      webhooks: random,
      // Destruction acts: a manager has no right to privacy settings at all.
      'destruction-acts': random,
      // Segments and campaigns: workspace-wide marketing settings (messaging tests).
      segments: random,
      campaigns: random,
    });
    const exercised = await walkRoutes(await apiOperations(env.app), caller, {
      theirs: ids({
        company: company.id,
        contact: contact.id,
        deal: deal.id,
        task: task.id,
        lead: lead.id,
        member: colleague.memberId,
        document: document.id,
      }),
      mine: ids({
        company: myCompany.id,
        contact: myContact.id,
        deal: myDeal.id,
        task: myTask.id,
        lead: myLead.id,
        member: people.manager.memberId,
        document: myDocument.id,
      }),
      params: {
        theirs: {
          key: 'manager',
          stageId,
          messageId: theirMessage.id,
          token: feedToken,
          itemId: random,
          deliveryId: random,
        },
        mine: {
          key: 'manager',
          stageId,
          messageId: theirMessage.id,
          token: feedToken,
          itemId: random,
          deliveryId: random,
        },
      },
      query: {
        companyId: company.id,
        contactId: contact.id,
        dealId: deal.id,
        leadId: lead.id,
        ownerId: colleague.memberId,
        assigneeId: colleague.memberId,
        channelId: channel.id,
        pipelineId: pipeline.id,
        stageId,
        q: 'Тайн',
        kind: 'logo',
        phone,
        by: 'manager',
      },
      known: () => ({
        companyId: company.id,
        contactId: contact.id,
        dealId: deal.id,
        leadId: lead.id,
        contactIds: [contact.id],
        otherId: contact.id,
        existingId: contact.id,
        legalEntityId: entity.id,
        contactPhone: phone,
        phones: [{ number: phone }],
        assigneeId: people.manager.memberId,
        ownerId: people.manager.memberId,
        stageId,
        pipelineId: pipeline.id,
        lostReasonId,
        currency: 'RUB',
        tags: [],
        key: 'sample_key',
        email: uniqueEmail('walk'),
        role: 'manager',
        teamId: team1,
        permissions: defaultPermissions('manager'),
        code: '123456',
        timezone: 'Europe/Samara',
        timeZone: 'Europe/Samara',
        stages: [{ name: 'Этап', probability: 10, kind: 'open' }],
      }),
      async check({ op, label, byId, res }) {
        expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
        // A record the caller cannot see is not found, as if it did not exist (unless the role may
        // not use the route at all: that refusal comes first and says nothing of the record).
        const resource = op.path.match(/\/api\/v1\/([\w-]+)\/\{id\}/)?.[1];
        const forbidden = res.status === 403 && res.body?.code === 'auth.forbidden';
        if (byId && resource && owned.has(resource) && !forbidden)
          expect(
            res.status,
            `${label} must not find the colleague's record: ${JSON.stringify(res.body)}`,
          ).toBe(404);
        const text = JSON.stringify(res.body ?? null);
        expect(
          secrets.filter((x) => text.includes(x)),
          `${label} showed the colleague's records`,
        ).toEqual([]);
        if (op.method !== 'GET')
          expect(await snapshot(), `${label} changed or linked the colleague's records`).toEqual(
            before,
          );
      },
    });
    expect(exercised.length).toBeGreaterThanOrEqual(100);
    expect(exercised).toEqual(
      expect.arrayContaining([
        'GET /api/v1/timeline',
        'POST /api/v1/activities',
        'POST /api/v1/tasks',
        'POST /api/v1/deals',
        'POST /api/v1/leads',
        'GET /api/v1/search',
        'GET /api/v1/reports/sla',
      ]),
    );
  }, 600_000);
});
