import type { Action, Entity, RoleKey } from '@voronka/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptInbound } from '../../src/modules/inbox/service.js';
import { defaultPermissions } from '../../src/modules/workspaces/rules.js';
import { systemActor } from '../../src/platform/context.js';
import { inWorkspace } from '../../src/platform/db/tenancy.js';
import { createTestApp, type TestEnv } from '../../src/test/app.js';
import {
  addMember,
  apiOperations,
  call,
  createApiToken,
  expectProblem,
  signIn,
  signUp,
  snapshotWorkspace,
  uniqueEmail,
  type Browser,
} from '../../src/test/client.js';
import { walkRoutes } from '../../src/test/route-walk.js';

type Member = { browser: Browser; memberId: string; email: string; password: string };
let env: TestEnv;
let owner: Browser;
let people: Record<RoleKey, Member>;
let team1: string;
let team2: string;
let otherTeamManager: Member;
let victim: Member;

beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app, { companyName: 'ООО «Права»' });
  team1 = (await owner.call('POST', '/api/v1/teams', { name: 'Первый отдел' })).body.id;
  team2 = (await owner.call('POST', '/api/v1/teams', { name: 'Второй отдел' })).body.id;
  const asOwner = {
    browser: owner,
    memberId: owner.info.me!.member.id,
    email: owner.info.me!.user.email,
    password: 'correct-horse-battery',
  };
  people = {
    owner: asOwner,
    admin: await addMember(env.app, owner, 'admin'),
    head: await addMember(env.app, owner, 'head', team1),
    manager: await addMember(env.app, owner, 'manager', team1),
    assistant: await addMember(env.app, owner, 'assistant', team1),
  };
  otherTeamManager = await addMember(env.app, owner, 'manager', team2);
  victim = await addMember(env.app, owner, 'assistant', team2);
});
afterAll(async () => env?.close());

type Request = { method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; body?: unknown };
type Case = {
  entity: Entity;
  action: Action;
  what: string;
  request(role: RoleKey): Promise<Request>;
  cleanUp?(): Promise<void>;
};

const matrixOf = async (key: RoleKey) =>
  (await owner.call('GET', '/api/v1/roles')).body.items.find((r: { key: string }) => r.key === key)
    .permissions;
const ownTokenOr = async (role: RoleKey) => {
  const can = defaultPermissions(role).tokens.create;
  return (await createApiToken(env.app, can ? people[role].browser : owner, `Токен ${role}`)).id;
};

// Every guarded route of the workspaces module, with the matrix cell that governs it.
const cases: Case[] = [
  {
    entity: 'workspace',
    action: 'read',
    what: 'read the workspace',
    request: async () => ({ method: 'GET', url: '/api/v1/workspace' }),
  },
  {
    entity: 'workspace',
    action: 'update',
    what: 'change workspace settings',
    request: async () => ({
      method: 'PATCH',
      url: '/api/v1/workspace',
      body: { timezone: 'Europe/Moscow' },
    }),
  },
  {
    entity: 'users',
    action: 'read',
    what: 'list users',
    request: async () => ({ method: 'GET', url: '/api/v1/users' }),
  },
  {
    entity: 'users',
    action: 'read',
    what: 'read a user',
    request: async () => ({ method: 'GET', url: `/api/v1/users/${victim.memberId}` }),
  },
  {
    entity: 'users',
    action: 'update',
    what: "set a user's team",
    request: async () => ({
      method: 'PATCH',
      url: `/api/v1/users/${victim.memberId}`,
      body: { teamId: team2 },
    }),
  },
  {
    entity: 'users',
    action: 'delete',
    what: 'deactivate a user',
    request: async () => ({ method: 'POST', url: `/api/v1/users/${victim.memberId}/deactivate` }),
    cleanUp: async () =>
      void (await owner.call('POST', `/api/v1/users/${victim.memberId}/reactivate`)),
  },
  {
    entity: 'users',
    action: 'create',
    what: 'invite a colleague',
    request: async () => ({
      method: 'POST',
      url: '/api/v1/invitations',
      body: { email: uniqueEmail('invitee'), role: 'assistant' },
    }),
  },
  {
    entity: 'users',
    action: 'create',
    what: 'list invitations',
    request: async () => ({ method: 'GET', url: '/api/v1/invitations' }),
  },
  {
    entity: 'teams',
    action: 'read',
    what: 'list teams',
    request: async () => ({ method: 'GET', url: '/api/v1/teams' }),
  },
  {
    entity: 'teams',
    action: 'create',
    what: 'create a team',
    request: async (role) => ({
      method: 'POST',
      url: '/api/v1/teams',
      body: { name: `Отдел от ${role}` },
    }),
  },
  {
    entity: 'teams',
    action: 'update',
    what: 'rename their team',
    request: async (role) => ({
      method: 'PATCH',
      url: `/api/v1/teams/${team1}`,
      body: { name: `Первый отдел ${role}` },
    }),
  },
  {
    entity: 'teams',
    action: 'delete',
    what: 'delete a team',
    request: async (role) => ({
      method: 'DELETE',
      url: `/api/v1/teams/${(await owner.call('POST', '/api/v1/teams', { name: `Временный ${role}` })).body.id}`,
    }),
  },
  {
    entity: 'roles',
    action: 'read',
    what: 'read roles',
    request: async () => ({ method: 'GET', url: '/api/v1/roles' }),
  },
  {
    entity: 'roles',
    action: 'update',
    what: "edit a role's matrix",
    request: async () => ({
      method: 'PUT',
      url: '/api/v1/roles/assistant',
      body: { permissions: await matrixOf('assistant') },
    }),
  },
  {
    entity: 'tokens',
    action: 'read',
    what: 'list API tokens',
    request: async () => ({ method: 'GET', url: '/api/v1/tokens' }),
  },
  {
    entity: 'tokens',
    action: 'create',
    what: 'create an API token',
    request: async (role) => ({
      method: 'POST',
      url: '/api/v1/tokens',
      body: { name: `Новый ${role}` },
    }),
  },
  {
    entity: 'tokens',
    action: 'delete',
    what: 'revoke an API token',
    request: async (role) => ({
      method: 'DELETE',
      url: `/api/v1/tokens/${await ownTokenOr(role)}`,
    }),
  },
  {
    entity: 'audit',
    action: 'read',
    what: 'read the audit log',
    request: async () => ({ method: 'GET', url: '/api/v1/audit' }),
  },
];

describe('the default permission matrix, role by role', () => {
  for (const role of ['owner', 'admin', 'head', 'manager', 'assistant'] as const) {
    for (const c of cases) {
      const allowed = defaultPermissions(role)[c.entity][c.action];
      it(`${role} ${allowed ? 'may' : 'may not'} ${c.what}`, async () => {
        const req = await c.request(role);
        const before = allowed ? null : await snapshotWorkspace(owner);
        const res = await people[role].browser.call(req.method, req.url, req.body);
        if (allowed) {
          expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(200);
          expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
          await c.cleanUp?.();
        } else {
          expectProblem(res, 403, 'auth.forbidden');
          expect(await snapshotWorkspace(owner)).toEqual(before);
        }
      });
    }
  }
});

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

  it("changes a manager's rights at once when the owner edits the manager role", async () => {
    const original = await matrixOf('manager');
    const edited = { ...original, audit: { ...original.audit, read: true, visibility: 'own' } };
    expect((await owner.call('PUT', '/api/v1/roles/manager', { permissions: edited })).status).toBe(
      200,
    );
    const own = await people.manager.browser.call('GET', '/api/v1/audit?limit=200');
    expect(own.status).toBe(200);
    expect(own.body.items.length).toBeGreaterThan(0);
    expect(
      own.body.items.every((e: { actorId: string }) => e.actorId === people.manager.memberId),
    ).toBe(true);
    expect(
      (await owner.call('PUT', '/api/v1/roles/manager', { permissions: original })).status,
    ).toBe(200);
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

  it('refuses to edit the owner role', async () => {
    const res = await owner.call('PUT', '/api/v1/roles/owner', {
      permissions: await matrixOf('manager'),
    });
    expectProblem(res, 403, 'role.owner_locked');
    expect((await matrixOf('owner')).roles.update).toBe(true);
  });
});

describe('the owner role', () => {
  it('cannot be granted or taken away by an admin', async () => {
    const admin = people.admin.browser;
    expectProblem(
      await admin.call('PATCH', `/api/v1/users/${victim.memberId}`, { role: 'owner' }),
      403,
      'user.cannot_change_owner',
      'role',
    );
    expectProblem(
      await admin.call('PATCH', `/api/v1/users/${people.owner.memberId}`, { role: 'manager' }),
      403,
      'user.cannot_change_owner',
      'role',
    );
    expectProblem(
      await admin.call('POST', `/api/v1/users/${people.owner.memberId}/deactivate`),
      403,
      'user.cannot_change_owner',
    );
    expect((await owner.call('GET', `/api/v1/users/${victim.memberId}`)).body.role).toBe(
      'assistant',
    );
    expect((await owner.call('GET', `/api/v1/users/${people.owner.memberId}`)).body).toMatchObject({
      role: 'owner',
      status: 'active',
    });
  });

  it('can be granted and taken back by an owner', async () => {
    expect(
      (await owner.call('PATCH', `/api/v1/users/${victim.memberId}`, { role: 'owner' })).body.role,
    ).toBe('owner');
    expect(
      (await owner.call('PATCH', `/api/v1/users/${victim.memberId}`, { role: 'assistant' })).body
        .role,
    ).toBe('assistant');
  });

  it('stays with the last owner, who can be neither demoted nor deactivated', async () => {
    const me = people.owner.memberId;
    expectProblem(
      await owner.call('PATCH', `/api/v1/users/${me}`, { role: 'admin' }),
      409,
      'user.last_owner',
    );
    expectProblem(
      await owner.call('POST', `/api/v1/users/${me}/deactivate`),
      409,
      'user.last_owner',
    );
    expect((await owner.call('GET', `/api/v1/users/${me}`)).body).toMatchObject({
      role: 'owner',
      status: 'active',
    });
  });
});

describe('deactivation', () => {
  it('ends sessions and API tokens at once, keeps the records, and can be undone', async () => {
    const leaver = await addMember(env.app, owner, 'manager', team1);
    const token = await createApiToken(env.app, leaver.browser, 'Токен уходящего');
    expect((await token.client.call('GET', '/api/v1/workspace')).status).toBe(200);

    expect(
      (await owner.call('POST', `/api/v1/users/${leaver.memberId}/deactivate`)).body.status,
    ).toBe('deactivated');
    expect([401, 403]).toContain((await leaver.browser.call('GET', '/api/v1/me')).status);
    expectProblem(await token.client.call('GET', '/api/v1/workspace'), 401, 'auth.invalid_token');
    expectProblem(
      await call(env.app, 'POST', '/api/v1/auth/sign-in', {
        email: leaver.email,
        password: leaver.password,
      }),
      403,
      'auth.user_deactivated',
    );

    const tokens = (await owner.call('GET', '/api/v1/tokens?limit=200')).body.items;
    expect(tokens.find((t: { id: string }) => t.id === token.id)).toMatchObject({
      userId: leaver.memberId,
      revokedAt: expect.any(String),
    });
    const trail = (await owner.call('GET', `/api/v1/audit?actorId=${leaver.memberId}`)).body.items;
    expect(trail.map((e: { action: string }) => e.action)).toContain('token.created');

    expect(
      (await owner.call('POST', `/api/v1/users/${leaver.memberId}/reactivate`)).body.status,
    ).toBe('active');
    const back = await signIn(env.app, leaver.email, leaver.password);
    expect((await back.call('GET', '/api/v1/me')).body.member.id).toBe(leaver.memberId);
  });
});

// The visibility rule on every path (docs/security.md, "Record visibility"): a manager who sees only
// their own records walks every route of the OpenAPI document against a colleague's records in the
// same team (ids in the path, in query filters and in bodies), as the isolation suite walks them
// against another workspace's. Nothing of the colleague's may be shown, named, linked or changed.
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
        theirs: { key: 'manager', stageId, messageId: theirMessage.id },
        mine: { key: 'manager', stageId, messageId: theirMessage.id },
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
