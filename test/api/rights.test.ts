import type { Action, Entity, RoleKey } from '@voronka/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPermissions } from '../../src/modules/workspaces/rules.js';
import type { TestEnv } from '../../src/test/app.js';
import { openRightsWorld, type Member } from './rights-world.js';
import {
  addMember,
  call,
  createApiToken,
  expectProblem,
  signIn,
  snapshotWorkspace,
  uniqueEmail,
  type Browser,
} from '../../src/test/client.js';
// Rights: the default matrix role by role, the owner role, deactivation.
let env: TestEnv;
let owner: Browser;
let people: Record<RoleKey, Member>;
let team1: string;
let team2: string;
let victim: Member;

beforeAll(async () => {
  ({ env, owner, people, team1, team2, victim } = await openRightsWorld());
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

describe('editing roles', () => {
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

  it('refuses to edit the owner role', async () => {
    const res = await owner.call('PUT', '/api/v1/roles/owner', {
      permissions: await matrixOf('manager'),
    });
    expectProblem(res, 403, 'role.owner_locked');
    expect((await matrixOf('owner')).roles.update).toBe(true);
  });
});
