import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { call, createApiToken, expectProblem, signUp, uniqueEmail } from '../../test/client.js';

// The one credential limiter (limiter.ts) seen from outside: what each limit lets through, what it
// refuses with 429 + Retry-After, and whom it does not lock out. Addresses are set per request,
// as distinct clients would arrive.
let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

const from = (remoteAddress: string) => ({ remoteAddress });
const signInFrom = (ip: string, email: string, password: string) =>
  call(env.app, 'POST', '/api/v1/auth/sign-in', { email, password }, {}, from(ip));
const signUpBody = (i: number) => ({
  name: 'Бот',
  email: uniqueEmail(`burst${i}`),
  password: 'burst-password-1',
  companyName: `Фирма ${i}`,
});

describe('sign-up (issue 10, item 11)', () => {
  it('allows ten workspaces an hour from one address, then 429 with Retry-After; another address is not affected', async () => {
    for (let i = 0; i < 10; i++)
      expect(
        (
          await call(
            env.app,
            'POST',
            '/api/v1/auth/sign-up',
            signUpBody(i),
            {},
            from('203.0.113.10'),
          )
        ).status,
      ).toBe(201);
    const limited = await call(
      env.app,
      'POST',
      '/api/v1/auth/sign-up',
      signUpBody(10),
      {},
      from('203.0.113.10'),
    );
    expectProblem(limited, 429, 'request.rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(3000);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(3600);
    expect(
      (
        await call(
          env.app,
          'POST',
          '/api/v1/auth/sign-up',
          signUpBody(11),
          {},
          from('203.0.113.11'),
        )
      ).status,
    ).toBe(201);
  });

  it('counts refused sign-ups too, so probing which e-mails are taken is limited the same way', async () => {
    const taken = uniqueEmail('taken');
    await signUp(env.app, { email: taken });
    for (let i = 0; i < 10; i++)
      expectProblem(
        await call(
          env.app,
          'POST',
          '/api/v1/auth/sign-up',
          { ...signUpBody(i), email: taken },
          {},
          from('203.0.113.12'),
        ),
        409,
        'user.email_taken',
        'email',
      );
    expectProblem(
      await call(
        env.app,
        'POST',
        '/api/v1/auth/sign-up',
        { ...signUpBody(0), email: taken },
        {},
        from('203.0.113.12'),
      ),
      429,
      'request.rate_limited',
    );
  });
});

describe('wrong passwords (issue 10, item 16)', () => {
  it("lock the guesser's address out of that account, not the owner", async () => {
    const email = uniqueEmail('victim');
    await signUp(env.app, { email, password: 'victims-password' });
    for (let i = 0; i < 5; i++)
      expectProblem(
        await signInFrom('203.0.113.20', email, `wrong-${i}-password`),
        401,
        'auth.invalid_credentials',
        'password',
      );
    const limited = await signInFrom('203.0.113.20', email, 'victims-password');
    expectProblem(limited, 429, 'request.rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(900);
    // The owner, from their own address, signs in as usual.
    expect((await signInFrom('198.51.100.20', email, 'victims-password')).status).toBe(200);
  });

  it('answer the same for an unknown e-mail: same code, same limit', async () => {
    const nobody = uniqueEmail('nobody');
    const first = await signInFrom('203.0.113.21', nobody, 'some-password-1');
    expectProblem(first, 401, 'auth.invalid_credentials', 'password');
    for (let i = 0; i < 4; i++) await signInFrom('203.0.113.21', nobody, 'some-password-1');
    expectProblem(
      await signInFrom('203.0.113.21', nobody, 'some-password-1'),
      429,
      'request.rate_limited',
    );
  });

  it('from many addresses stop at the per-account limit (100 an hour)', async () => {
    const email = uniqueEmail('botnet');
    await signUp(env.app, { email, password: 'botnet-target-pw' });
    for (let a = 0; a < 20; a++)
      for (let i = 0; i < 5; i++)
        expect((await signInFrom(`192.0.2.${a + 1}`, email, `botnet-${a}-${i}`)).status).toBe(401);
    expectProblem(
      await signInFrom('192.0.2.200', email, 'botnet-target-pw'),
      429,
      'request.rate_limited',
    );
  });

  it('from one address stop at the per-address limit (50 in 15 minutes) whatever the accounts', async () => {
    for (let i = 0; i < 50; i++)
      expect(
        (await signInFrom('203.0.113.22', uniqueEmail(`spray${i}`), 'spray-password')).status,
      ).toBe(401);
    expectProblem(
      await signInFrom('203.0.113.22', uniqueEmail('spray-last'), 'spray-password'),
      429,
      'request.rate_limited',
    );
  });
});

describe('API tokens', () => {
  it('count wrong tokens against the address, and never refuse a valid one', async () => {
    const owner = await signUp(env.app);
    const { token } = await createApiToken(env.app, owner);
    const bad = (i: number) =>
      call(
        env.app,
        'GET',
        '/api/v1/workspace',
        undefined,
        { authorization: `Bearer vrk_guessed${i}` },
        from('203.0.113.30'),
      );
    for (let i = 0; i < 50; i++) expectProblem(await bad(i), 401, 'auth.invalid_token');
    expectProblem(await bad(50), 429, 'request.rate_limited');
    expect(
      (
        await call(
          env.app,
          'GET',
          '/api/v1/workspace',
          undefined,
          { authorization: `Bearer ${token}` },
          from('203.0.113.30'),
        )
      ).status,
    ).toBe(200);
  });
});

describe('password reset without outgoing mail', () => {
  it('answers 503 for any e-mail (nothing about accounts), naming what is missing', async () => {
    const owner = await signUp(env.app);
    for (const email of [owner.info.me!.user.email, uniqueEmail('nobody')]) {
      expectProblem(
        await call(env.app, 'POST', '/api/v1/auth/password-reset', { email }),
        503,
        'auth.password_reset_unavailable',
      );
    }
  });
});
