import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { hashToken } from '../../src/platform/crypto.js';
import { createTestApp, type TestApp, type TestEnv } from '../../src/test/app.js';
import {
  addMember,
  call,
  createApiToken,
  signUp,
  type Browser,
  type Response,
} from '../../src/test/client.js';

// Two web processes on one database, as behind a load balancer: each caches who a request is
// (VORONKA_PRINCIPAL_CACHE_MS, a minute here so only the announcements can end an entry), and a
// change made through either — or behind both, in SQL — reaches the other within a second.
let env: TestEnv;
let other: TestApp;
beforeAll(async () => {
  env = await createTestApp({ VORONKA_PRINCIPAL_CACHE_MS: '60000' });
  other = await buildApp(env.config, env.database);
  await other.ready();
});
afterAll(async () => {
  await other?.close();
  await env?.close();
});

// The same browser's cookie and CSRF token, sent to the other process.
const at = (app: TestApp, b: Browser) => ({
  call: (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
    call(app, method, url, body, { cookie: b.cookie, 'x-csrf-token': b.csrf }),
});

// Polls until `done` holds; returns how long it took (fails after 1 s).
async function within1s(probe: () => Promise<Response>, done: (r: Response) => boolean) {
  const start = Date.now();
  for (;;) {
    const r = await probe();
    if (done(r)) return Date.now() - start;
    if (Date.now() - start > 1000) throw new Error(`still ${r.status} after 1 s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('who a request is, cached per process', () => {
  it('a sign-out on one process is refused on the other within a second, on its own at once', async () => {
    const owner = await signUp(env.app);
    expect((await at(other, owner).call('GET', '/api/v1/me')).status).toBe(200);
    expect((await owner.call('POST', '/api/v1/auth/sign-out')).status).toBe(204);
    // The process that signed out answers the next request from the new state, with no wait.
    expect((await owner.call('GET', '/api/v1/me')).status).toBe(401);
    const took = await within1s(
      () => at(other, owner).call('GET', '/api/v1/me'),
      (r) => r.status === 401,
    );
    expect(took).toBeLessThan(1000);
  });

  it('a deactivated member, a narrowed role and a revoked token are refused on the other process', async () => {
    const owner = await signUp(env.app);
    const admin = await addMember(env.app, owner, 'admin');
    const manager = await addMember(env.app, owner, 'manager');
    // Both cached on the other process.
    expect((await at(other, admin.browser).call('GET', '/api/v1/roles')).status).toBe(200);
    expect((await at(other, manager.browser).call('GET', '/api/v1/companies')).status).toBe(200);
    const token = await createApiToken(env.app, owner);
    const viaOther = { authorization: `Bearer ${token.token}` };
    expect((await call(other, 'GET', '/api/v1/companies', undefined, viaOther)).status).toBe(200);

    // Deactivation ends the member's sessions as well.
    await owner.call('POST', `/api/v1/users/${manager.memberId}/deactivate`);
    await within1s(
      () => at(other, manager.browser).call('GET', '/api/v1/companies'),
      (r) => r.status === 401,
    );

    expect(
      (await owner.call('PATCH', `/api/v1/users/${admin.memberId}`, { role: 'manager' })).status,
    ).toBe(200);
    await within1s(
      () => at(other, admin.browser).call('POST', '/api/v1/teams', { name: 'Север' }),
      (r) => r.status === 403,
    );

    expect((await owner.call('DELETE', `/api/v1/tokens/${token.id}`)).status).toBe(204);
    await within1s(
      () => call(other, 'GET', '/api/v1/companies', undefined, viaOther),
      (r) => r.status === 401,
    );
  });

  it('an operator ending a trial in SQL is heard by both processes: writes refused', async () => {
    const owner = await signUp(env.app);
    const write = (app: TestApp) =>
      at(app, owner).call('POST', '/api/v1/companies', { name: `ООО «Проба ${Date.now()}»` });
    expect((await write(other)).status).toBe(201);
    expect((await write(env.app)).status).toBe(201);
    await env.database.db.execute(
      sql`update workspaces set trial_ends_at = now() - interval '1 day' where id = ${owner.info.me!.workspace.id}`,
    );
    for (const app of [other, env.app])
      await within1s(
        () => write(app),
        (r) => r.body?.code === 'workspace.trial_expired',
      );
  });

  it('serves a cached principal without reading it: only an announcement ends it', async () => {
    const owner = await signUp(env.app);
    expect((await at(other, owner).call('GET', '/api/v1/me')).status).toBe(200);
    // The session row goes with the triggers off (nothing announced): the other process still
    // knows the session — proof that it did not read it again — until a change is announced.
    const id = hashToken(owner.cookie.split('=')[1]!);
    await env.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`delete from sessions where id = ${id}`);
    });
    expect((await at(other, owner).call('GET', '/api/v1/me')).status).toBe(200);
    await env.database.db.execute(
      sql`update workspaces set require_two_factor = false where id = ${owner.info.me!.workspace.id}`,
    );
    await within1s(
      () => at(other, owner).call('GET', '/api/v1/me'),
      (r) => r.status === 401,
    );
  });
});
