import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../src/test/app.js';
import {
  browserFrom,
  call,
  expectProblem,
  signIn,
  signUp,
  uniqueEmail,
  type Browser,
} from '../../src/test/client.js';

let env: TestEnv;
let owner: Browser;
let teamId: string;

beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app, { companyName: 'ООО «Приглашения»' });
  teamId = (await owner.call('POST', '/api/v1/teams', { name: 'Отдел продаж' })).body.id;
});
afterAll(async () => env?.close());

async function invite(body: { email?: string; role?: string; teamId?: string | null } = {}) {
  const email = body.email ?? uniqueEmail('invitee');
  const res = await owner.call('POST', '/api/v1/invitations', { role: 'manager', ...body, email });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const token = String(res.body.url).split('/invite/')[1]!;
  return {
    id: res.body.invitation.id as string,
    email,
    token,
    url: res.body.url as string,
    invitation: res.body.invitation,
  };
}
const preview = (token: string) => call(env.app, 'GET', `/api/v1/invitations/by-token/${token}`);
const accept = (token: string, body: { name: string; password: string }) =>
  call(env.app, 'POST', `/api/v1/invitations/by-token/${token}/accept`, body);
const statusOf = async (id: string) =>
  (
    (await owner.call('GET', '/api/v1/invitations?limit=200')).body.items.find(
      (i: { id: string }) => i.id === id,
    ) ?? {}
  ).status;

describe('inviting a colleague', () => {
  it('returns a link once, which previews and then accepts into the invited role and team', async () => {
    const inv = await invite({ role: 'head', teamId });
    expect(inv.url).toMatch(/^http:\/\/voronka\.test\/invite\/\S{20,}$/);
    expect(inv.invitation).toMatchObject({
      email: inv.email,
      role: 'head',
      teamId,
      status: 'pending',
    });
    expect(JSON.stringify((await owner.call('GET', '/api/v1/invitations')).body)).not.toContain(
      inv.token,
    );

    expect((await preview(inv.token)).body).toEqual({
      workspaceName: 'ООО «Приглашения»',
      email: inv.email,
      role: 'head',
    });

    const joined = await accept(inv.token, {
      name: 'Пётр Новиков',
      password: 'new-member-password',
    });
    expect(joined.status).toBe(200);
    const member = browserFrom(env.app, joined);
    expect(member.info.me).toMatchObject({
      user: { name: 'Пётр Новиков', email: inv.email },
      member: { role: 'head', teamId },
    });
    const listed = (await owner.call('GET', `/api/v1/users/${member.info.me!.member.id}`)).body;
    expect(listed).toMatchObject({ role: 'head', teamId, status: 'active' });
    expect(await statusOf(inv.id)).toBe('accepted');
    expect((await signIn(env.app, inv.email, 'new-member-password')).info.me?.workspace.id).toBe(
      owner.info.me!.workspace.id,
    );
  });

  it('cannot be used twice', async () => {
    const inv = await invite();
    expect((await accept(inv.token, { name: 'Первый', password: 'first-password-1' })).status).toBe(
      200,
    );
    expectProblem(
      await accept(inv.token, { name: 'Второй', password: 'second-password-2' }),
      404,
      'invitation.not_found',
    );
    expectProblem(await preview(inv.token), 404, 'invitation.not_found');
    expect(
      (
        await call(env.app, 'POST', '/api/v1/auth/sign-in', {
          email: inv.email,
          password: 'second-password-2',
        })
      ).status,
    ).toBe(401);
  });

  it('stops working once revoked', async () => {
    const inv = await invite();
    expect((await owner.call('DELETE', `/api/v1/invitations/${inv.id}`)).status).toBe(204);
    expectProblem(await preview(inv.token), 404, 'invitation.not_found');
    expectProblem(
      await accept(inv.token, { name: 'Опоздавший', password: 'late-password-1' }),
      404,
      'invitation.not_found',
    );
    expect(await statusOf(inv.id)).toBe('revoked');
    expectProblem(
      await owner.call('DELETE', `/api/v1/invitations/${inv.id}`),
      404,
      'invitation.not_found',
    );
    expect(await statusOf(inv.id)).toBe('revoked');
  });

  it('answers 410 once expired', async () => {
    const inv = await invite();
    await env.database.db.execute(
      sql`update invitations set expires_at = now() - interval '1 minute' where id = ${inv.id}`,
    );
    expectProblem(await preview(inv.token), 410, 'invitation.expired');
    expectProblem(
      await accept(inv.token, { name: 'Опоздавший', password: 'late-password-1' }),
      410,
      'invitation.expired',
    );
    expect(await statusOf(inv.id)).toBe('expired');
    expect(
      (
        await call(env.app, 'POST', '/api/v1/auth/sign-in', {
          email: inv.email,
          password: 'late-password-1',
        })
      ).status,
    ).toBe(401);
  });

  it('refuses to invite someone who is already a member, whatever the letter case', async () => {
    const inv = await invite();
    await accept(inv.token, { name: 'Уже здесь', password: 'member-password-1' });
    expectProblem(
      await owner.call('POST', '/api/v1/invitations', {
        email: inv.email.toUpperCase(),
        role: 'manager',
      }),
      409,
      'user.already_member',
      'email',
    );
    expectProblem(
      await owner.call('POST', '/api/v1/invitations', {
        email: owner.info.me!.user.email,
        role: 'admin',
      }),
      409,
      'user.already_member',
      'email',
    );
  });

  it('never hands out the owner role through a link', async () => {
    expectProblem(
      await owner.call('POST', '/api/v1/invitations', {
        email: uniqueEmail('boss'),
        role: 'owner',
      }),
      400,
      'request.invalid',
      'role',
    );
  });

  it('keeps the link alive when the accept request is not valid', async () => {
    const inv = await invite();
    expectProblem(
      await accept(inv.token, { name: 'Коротыш', password: 'short' }),
      400,
      'request.invalid',
      'password',
    );
    expect(await statusOf(inv.id)).toBe('pending');
    expect(
      (await accept(inv.token, { name: 'Исправился', password: 'long-enough-password' })).status,
    ).toBe(200);
  });
});

describe('an existing user from another workspace', () => {
  it('joins with their own password, keeps their name, and can switch between workspaces', async () => {
    const email = uniqueEmail('elsewhere');
    const theirs = await signUp(env.app, {
      email,
      password: 'their-own-password',
      name: 'Ольга Соколова',
      companyName: 'ИП Соколова',
    });
    const inv = await invite({ email, role: 'assistant', teamId });
    // The preview is the same whether or not the e-mail has an account (issue 10, item 4).
    expect((await preview(inv.token)).body).toEqual({
      workspaceName: 'ООО «Приглашения»',
      email,
      role: 'assistant',
    });

    expectProblem(
      await accept(inv.token, { name: 'Кто-то другой', password: 'not-their-password' }),
      401,
      'auth.invalid_credentials',
      'password',
    );
    expect(await statusOf(inv.id)).toBe('pending');

    const joined = await accept(inv.token, {
      name: 'Кто-то другой',
      password: 'their-own-password',
    });
    expect(joined.status).toBe(200);
    const browser = browserFrom(env.app, joined);
    const me = browser.info.me!;
    expect(me.user).toMatchObject({ id: theirs.info.me!.user.id, name: 'Ольга Соколова' });
    expect(me.member).toMatchObject({ role: 'assistant', teamId });
    expect(me.workspace.id).toBe(owner.info.me!.workspace.id);
    expect(me.workspaces.map((w) => w.slug).sort()).toEqual(
      [owner.info.me!.workspace.slug, theirs.info.me!.workspace.slug].sort(),
    );

    const switched = await browser.call('POST', '/api/v1/auth/switch-workspace', {
      slug: theirs.info.me!.workspace.slug,
    });
    expect(switched.status).toBe(200);
    expect(switched.body.me).toMatchObject({
      workspace: { id: theirs.info.me!.workspace.id },
      member: { role: 'owner' },
    });
    expect((await browser.call('GET', '/api/v1/workspace')).body.name).toBe('ИП Соколова');
    // Owner rights in their own workspace, assistant rights here: the switch carries the right role.
    expect((await browser.call('GET', '/api/v1/audit')).status).toBe(200);
    const back = await browser.call('POST', '/api/v1/auth/switch-workspace', {
      slug: owner.info.me!.workspace.slug,
    });
    expect(back.body.me.member.role).toBe('assistant');
    expectProblem(await browser.call('GET', '/api/v1/audit'), 403, 'auth.forbidden');
  });

  it('is no password oracle: wrong passwords through a link count with sign-in failures, then 429 (issue 10, item 4)', async () => {
    const email = uniqueEmail('oracle');
    await signUp(env.app, { email, password: 'the-real-password' });
    const inv = await invite({ email, role: 'manager' });
    const guesser = { remoteAddress: '203.0.113.40' };
    const acceptFrom = (password: string) =>
      call(
        env.app,
        'POST',
        `/api/v1/invitations/by-token/${inv.token}/accept`,
        { name: 'Угадайка', password },
        {},
        guesser,
      );
    // Two wrong sign-ins and three wrong accepts from one address: the same account, the same count.
    for (let i = 0; i < 2; i++)
      expectProblem(
        await call(
          env.app,
          'POST',
          '/api/v1/auth/sign-in',
          { email, password: `guess-sign-in-${i}` },
          {},
          guesser,
        ),
        401,
        'auth.invalid_credentials',
      );
    for (let i = 0; i < 3; i++)
      expectProblem(
        await acceptFrom(`guess-accept-${i}`),
        401,
        'auth.invalid_credentials',
        'password',
      );
    // Now even the right password is refused from there, with a Retry-After.
    const limited = await acceptFrom('the-real-password');
    expectProblem(limited, 429, 'request.rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expectProblem(
      await call(
        env.app,
        'POST',
        '/api/v1/auth/sign-in',
        { email, password: 'the-real-password' },
        {},
        guesser,
      ),
      429,
      'request.rate_limited',
    );
    expect(await statusOf(inv.id)).toBe('pending');
    // The owner, from their own address, is not locked out (issue 10, item 16).
    expect(
      (
        await call(
          env.app,
          'POST',
          '/api/v1/auth/sign-in',
          { email, password: 'the-real-password' },
          {},
          { remoteAddress: '198.51.100.7' },
        )
      ).status,
    ).toBe(200);
    expect(
      (
        await call(
          env.app,
          'POST',
          `/api/v1/invitations/by-token/${inv.token}/accept`,
          { name: 'Хозяйка', password: 'the-real-password' },
          {},
          { remoteAddress: '198.51.100.7' },
        )
      ).status,
    ).toBe(200);
  });

  it('counts guessed invitation links against the address', async () => {
    const scanner = { remoteAddress: '203.0.113.41' };
    for (let i = 0; i < 50; i++)
      expectProblem(
        await call(
          env.app,
          'GET',
          `/api/v1/invitations/by-token/${'x'.repeat(30)}${i}`,
          undefined,
          {},
          scanner,
        ),
        404,
        'invitation.not_found',
      );
    const inv = await invite();
    // A real link from that address is refused now too; from elsewhere it works.
    expectProblem(
      await call(
        env.app,
        'GET',
        `/api/v1/invitations/by-token/${inv.token}`,
        undefined,
        {},
        scanner,
      ),
      429,
      'request.rate_limited',
    );
    expect((await preview(inv.token)).status).toBe(200);
  });

  it('refuses to switch to an unknown workspace and to switch with an API token', async () => {
    expectProblem(
      await owner.call('POST', '/api/v1/auth/switch-workspace', { slug: 'no-such-workspace' }),
      404,
      'workspace.not_found',
      'workspace',
    );
    const token = (await owner.call('POST', '/api/v1/tokens', { name: 'Скрипт' })).body.token;
    const res = await call(
      env.app,
      'POST',
      '/api/v1/auth/switch-workspace',
      { slug: owner.info.me!.workspace.slug },
      { authorization: `Bearer ${token}` },
    );
    expectProblem(res, 403, 'auth.forbidden');
  });
});
