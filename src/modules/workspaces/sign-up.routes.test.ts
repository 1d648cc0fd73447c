import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { call, signIn, signUp, uniqueEmail } from '../../test/client.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

describe('sign-up and sign-in', () => {
  it('creates a workspace on a 7-day trial with the signer as owner', async () => {
    const owner = await signUp(env.app, { companyName: 'ООО «Ромашка»' });
    const ws = await owner.call('GET', '/api/v1/workspace');
    expect(ws.status).toBe(200);
    expect(ws.body).toMatchObject({
      name: 'ООО «Ромашка»',
      plan: 'trial',
      trialDaysLeft: 7,
      isReadOnly: false,
    });
    const days = (Date.parse(ws.body.trialEndsAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    expect(owner.info.me?.member.role).toBe('owner');
  });

  it('refuses a second sign-up with the same e-mail, naming the field', async () => {
    const email = uniqueEmail();
    await signUp(env.app, { email });
    const again = await call(env.app, 'POST', '/api/v1/auth/sign-up', {
      name: 'Иван',
      email: email.toUpperCase(),
      password: 'another-password',
      companyName: 'ООО «Вторая»',
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'user.email_taken', field: 'email' });
  });

  it('signs in with the right password only, and ends the session on sign-out', async () => {
    const email = uniqueEmail();
    await signUp(env.app, { email, password: 'right-password-1' });
    const wrong = await call(env.app, 'POST', '/api/v1/auth/sign-in', {
      email,
      password: 'wrong-password-1',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    const browser = await signIn(env.app, email, 'right-password-1');
    expect((await browser.call('GET', '/api/v1/me')).status).toBe(200);
    expect((await browser.call('POST', '/api/v1/auth/sign-out')).status).toBe(204);
    expect((await browser.call('GET', '/api/v1/me')).status).toBe(401);
  });

  it('rate-limits repeated failed sign-ins for one e-mail', async () => {
    const email = uniqueEmail();
    await signUp(env.app, { email, password: 'right-password-1' });
    for (let i = 0; i < 5; i++)
      expect(
        (
          await call(env.app, 'POST', '/api/v1/auth/sign-in', {
            email,
            password: `bad-${i}-password`,
          })
        ).status,
      ).toBe(401);
    const blocked = await call(env.app, 'POST', '/api/v1/auth/sign-in', {
      email,
      password: 'right-password-1',
    });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('request.rate_limited');
  });

  it('refuses cookie-authenticated writes without the CSRF token', async () => {
    const owner = await signUp(env.app);
    const res = await call(
      env.app,
      'POST',
      '/api/v1/teams',
      { name: 'Отдел продаж' },
      { cookie: owner.cookie },
    );
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('auth.csrf');
    const teams = await owner.call('GET', '/api/v1/teams');
    expect(teams.body.items).toHaveLength(0);
  });
});
