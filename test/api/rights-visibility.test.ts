import type { RoleKey } from '@voronka/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptInbound } from '../../src/modules/inbox/service.js';
import { systemActor } from '../../src/platform/context.js';
import { inWorkspace } from '../../src/platform/db/tenancy.js';
import type { TestEnv } from '../../src/test/app.js';
import { openRightsWorld, type Member } from './rights-world.js';
import { addMember, createApiToken, expectProblem, type Browser } from '../../src/test/client.js';
// Rights: which records each member sees, through every API operation.
let env: TestEnv;
let owner: Browser;
let people: Record<RoleKey, Member>;
let team1: string;
let otherTeamManager: Member;

beforeAll(async () => {
  ({ env, owner, people, team1, otherTeamManager } = await openRightsWorld());
});
afterAll(async () => env?.close());

describe('record visibility', () => {
  it('shows a manager only their own tokens and an admin everyone’s', async () => {
    const mine = await createApiToken(env.app, people.manager.browser, 'Мой токен');
    const theirs = await createApiToken(env.app, otherTeamManager.browser, 'Чужой токен');
    const seenByManager = (await people.manager.browser.call('GET', '/api/v1/tokens?limit=200'))
      .body.items;
    expect(seenByManager.map((t: { id: string }) => t.id)).toContain(mine.id);
    expect(
      seenByManager.every((t: { userId: string }) => t.userId === people.manager.memberId),
    ).toBe(true);
    const seenByAdmin = (
      await people.admin.browser.call('GET', '/api/v1/tokens?limit=200')
    ).body.items.map((t: { id: string }) => t.id);
    expect(seenByAdmin).toEqual(expect.arrayContaining([mine.id, theirs.id]));
    expect(
      await people.manager.browser.call('DELETE', `/api/v1/tokens/${theirs.id}`),
    ).toMatchObject({ status: 404 });
    expect((await theirs.client.call('GET', '/api/v1/workspace')).status).toBe(200);
  });

  it('shows a head the audit entries of their own team only, and the owner all of them', async () => {
    await people.manager.browser.call('POST', '/api/v1/tokens', { name: 'След менеджера' });
    await otherTeamManager.browser.call('POST', '/api/v1/tokens', {
      name: 'След чужого менеджера',
    });
    const teamOf = new Set([
      people.head.memberId,
      people.manager.memberId,
      people.assistant.memberId,
    ]);
    const byHead = (await people.head.browser.call('GET', '/api/v1/audit?limit=200')).body
      .items as { actorId: string }[];
    expect(byHead.length).toBeGreaterThan(0);
    expect(byHead.map((e) => e.actorId)).toContain(people.manager.memberId);
    expect(byHead.filter((e) => !teamOf.has(e.actorId))).toEqual([]);
    const byOwner = (
      (await owner.call('GET', '/api/v1/audit?limit=200')).body.items as { actorId: string }[]
    ).map((e) => e.actorId);
    expect(byOwner).toEqual(
      expect.arrayContaining([
        people.owner.memberId,
        otherTeamManager.memberId,
        people.manager.memberId,
      ]),
    );
    expectProblem(await people.manager.browser.call('GET', '/api/v1/audit'), 403, 'auth.forbidden');
  });

  it("keeps a colleague's timeline from a manager who sees only their own records, entry by entry", async () => {
    const colleague = await addMember(env.app, owner, 'manager', team1);
    const their = colleague.browser;
    const me = people.manager.browser;
    const company = (
      await their.call('POST', '/api/v1/companies', { name: 'Компания с заметками' })
    ).body;
    const contact = (
      await their.call('POST', '/api/v1/contacts', { lastName: 'Заметкин', companyId: company.id })
    ).body;
    const deal = (
      await their.call('POST', '/api/v1/deals', {
        title: 'Сделка с заметками',
        contactIds: [contact.id],
      })
    ).body;
    const lead = (await their.call('POST', '/api/v1/leads', { title: 'Заявка с заметками' })).body;
    for (const [key, id] of [
      ['contactId', contact.id],
      ['companyId', company.id],
      ['dealId', deal.id],
      ['leadId', lead.id],
    ] as const) {
      expect(
        (
          await their.call('POST', '/api/v1/activities', {
            kind: 'note',
            body: `Чужая заметка ${key}`,
            [key]: id,
          })
        ).status,
      ).toBe(201);
      const seen = await me.call('GET', `/api/v1/timeline?${key}=${id}`);
      expectProblem(seen, 404, `${key.replace('Id', '')}.not_found`);
      expect(JSON.stringify(seen.body)).not.toContain('Чужая заметка');
    }
    // A company the manager does see: the colleague's notes on their own deal and client there stay theirs.
    const mine = (await me.call('POST', '/api/v1/companies', { name: 'Общая компания' })).body;
    const theirDeal = (
      await owner.call('POST', '/api/v1/deals', {
        title: 'Чужая сделка у общей компании',
        companyId: mine.id,
        ownerId: colleague.memberId,
      })
    ).body;
    const theirClient = (
      await owner.call('POST', '/api/v1/contacts', {
        lastName: 'Чужой',
        companyId: mine.id,
        ownerId: colleague.memberId,
      })
    ).body;
    await their.call('POST', '/api/v1/activities', {
      kind: 'note',
      body: 'Заметка о чужой сделке',
      dealId: theirDeal.id,
    });
    await their.call('POST', '/api/v1/activities', {
      kind: 'note',
      body: 'Заметка о чужом клиенте',
      contactId: theirClient.id,
    });
    const myNote = (
      await me.call('POST', '/api/v1/activities', {
        kind: 'note',
        body: 'Моя заметка',
        companyId: mine.id,
      })
    ).body;
    const timeline = (await me.call('GET', `/api/v1/timeline?companyId=${mine.id}`)).body.items as {
      id: string;
      body: string;
    }[];
    expect(timeline.map((a) => a.body)).toEqual(['Моя заметка']);
    expect(timeline[0]!.id).toBe(myNote.id);
    const byOwner = (
      (await owner.call('GET', `/api/v1/timeline?companyId=${mine.id}`)).body.items as {
        body: string;
      }[]
    ).map((a) => a.body);
    expect(byOwner).toEqual(
      expect.arrayContaining(['Моя заметка', 'Заметка о чужой сделке', 'Заметка о чужом клиенте']),
    );
  });

  it("neither links nor names a colleague's records: a 404 naming the field, and a match that tells nothing", async () => {
    const colleague = await addMember(env.app, owner, 'manager', team1);
    const their = colleague.browser;
    const me = people.manager.browser;
    const company = (await their.call('POST', '/api/v1/companies', { name: 'Чужой клиент ООО' }))
      .body;
    const contact = (
      await their.call('POST', '/api/v1/contacts', {
        lastName: 'Чужаков',
        companyId: company.id,
        phones: [{ number: '+79995554433' }],
      })
    ).body;
    const deal = (await their.call('POST', '/api/v1/deals', { title: 'Чужая сделка' })).body;
    const lead = (await their.call('POST', '/api/v1/leads', { title: 'Чужая заявка' })).body;
    const before = (
      await owner.call('GET', `/api/v1/tasks?limit=200&ownerId=${people.manager.memberId}`)
    ).body.items.length;
    const refused: [string, string, Record<string, unknown>, string, string][] = [
      [
        '/api/v1/deals',
        'deal',
        { title: 'Моя сделка', companyId: company.id },
        'company.not_found',
        'companyId',
      ],
      [
        '/api/v1/deals',
        'deal',
        { title: 'Моя сделка', contactIds: [contact.id] },
        'contact.not_found',
        'contactIds',
      ],
      [
        '/api/v1/tasks',
        'task',
        { title: 'Моя задача', dealId: deal.id },
        'deal.not_found',
        'dealId',
      ],
      [
        '/api/v1/tasks',
        'task',
        { title: 'Моя задача', contactId: contact.id },
        'contact.not_found',
        'contactId',
      ],
      [
        '/api/v1/tasks',
        'task',
        { title: 'Моя задача', leadId: lead.id },
        'lead.not_found',
        'leadId',
      ],
      [
        '/api/v1/activities',
        'note',
        { kind: 'note', body: 'Моя заметка', companyId: company.id },
        'company.not_found',
        'companyId',
      ],
      [
        '/api/v1/activities',
        'note',
        { kind: 'note', body: 'Моя заметка', dealId: deal.id },
        'deal.not_found',
        'dealId',
      ],
    ];
    for (const [url, , body, code, field] of refused) {
      const res = await me.call('POST', url, body);
      expectProblem(res, 404, code, field);
      expect(JSON.stringify(res.body)).not.toMatch(/Чуж/);
    }
    expect(
      (await owner.call('GET', `/api/v1/tasks?limit=200&ownerId=${people.manager.memberId}`)).body
        .items.length,
    ).toBe(before);
    expect((await owner.call('GET', `/api/v1/timeline?dealId=${deal.id}`)).body.items).toEqual([]);
    // A request with the colleague's client's phone: linked to that client (matching may link), but the
    // answer names nothing the manager cannot read.
    const created = await me.call('POST', '/api/v1/leads', {
      title: 'Звонок',
      contactPhone: '8 (999) 555-44-33',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ contact: null, company: null, matchedContact: false });
    expect(JSON.stringify(created.body)).not.toMatch(new RegExp(`Чуж|${contact.id}|${company.id}`));
    expect((await owner.call('GET', `/api/v1/leads/${created.body.id}`)).body).toMatchObject({
      contact: { id: contact.id, name: 'Чужаков' },
      company: { id: company.id, name: 'Чужой клиент ООО' },
    });
    expect(
      JSON.stringify((await me.call('GET', `/api/v1/leads/${created.body.id}`)).body),
    ).not.toMatch(/Чуж/);
  });

  it("offers a reply only by the client points the member may read: a colleague's contact's phone stays hidden", async () => {
    const colleague = await addMember(env.app, owner, 'manager', team1);
    const contact = (
      await colleague.browser.call('POST', '/api/v1/contacts', {
        lastName: 'Звонков',
        phones: [{ number: '+79995550011' }],
      })
    ).body;
    const channel = (
      await owner.call('POST', '/api/v1/channels', { kind: 'telegram', name: 'Канал ответов' })
    ).body;
    const workspaceId = owner.info.me!.workspace.id;
    const inbound = await inWorkspace(env.database.db, workspaceId, (tx) =>
      acceptInbound(
        { tx, workspaceId, actor: systemActor, ip: null, requestId: 'seed' },
        {
          channelId: channel.id,
          threadKey: 'reply-points',
          externalId: 'rp-1',
          text: 'Перезвоните мне',
          from: { name: 'Звонков' },
          attachments: [],
        },
      ),
    );
    // The conversation is the manager's; the client it is linked to belongs to the colleague.
    expect(
      (
        await owner.call('PATCH', `/api/v1/conversations/${inbound.conversationId}`, {
          assigneeId: people.manager.memberId,
          contactId: contact.id,
        })
      ).status,
    ).toBe(200);
    const mine = await people.manager.browser.call(
      'GET',
      `/api/v1/conversations/${inbound.conversationId}/reply-options`,
    );
    expect(mine.status).toBe(200);
    expect(JSON.stringify(mine.body)).not.toContain('+79995550011');
    const owners = await owner.call(
      'GET',
      `/api/v1/conversations/${inbound.conversationId}/reply-options`,
    );
    expect(owners.body.routes).toContainEqual({ via: 'call', to: '+79995550011' });
  });
});
