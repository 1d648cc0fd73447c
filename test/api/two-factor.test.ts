import * as OTPAuth from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../src/test/app.js';
import {
  addMember,
  call,
  expectProblem,
  signIn,
  signUp,
  uniqueEmail,
  type Browser,
} from '../../src/test/client.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

// A code is good once: a later step (accepted within the ±1 drift window) stands for "the next code
// the app shows", so a test never needs to wait for the clock.
const codeAt = (secret: string, timestamp: number) =>
  new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(secret),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
  }).generate({ timestamp });
const codeFor = (secret: string, stepsAhead = 0) =>
  codeAt(secret, Date.now() + stepsAhead * 30_000);
const wrongCode = (secret: string, at = Date.now()) =>
  String((Number(codeAt(secret, at)) + 1) % 1_000_000).padStart(6, '0');

// Sets TOTP up through the API and returns the secret, as an authenticator app would hold it.
async function enableTwoFactor(browser: Browser, at = Date.now()) {
  const setup = await browser.call('POST', '/api/v1/auth/two-factor/setup');
  expect(setup.status).toBe(200);
  expect(setup.body.otpauthUrl).toContain(`secret=${setup.body.secret}`);
  expect(setup.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
  const secret = setup.body.secret as string;
  expectProblem(
    await browser.call('POST', '/api/v1/auth/two-factor/enable', { code: wrongCode(secret, at) }),
    401,
    'auth.invalid_two_factor_code',
    'code',
  );
  expect((await browser.call('GET', '/api/v1/me')).body.user.twoFactorEnabled).toBe(false);
  expect(
    (await browser.call('POST', '/api/v1/auth/two-factor/enable', { code: codeAt(secret, at) }))
      .status,
  ).toBe(204);
  return secret;
}

describe('two-factor sign-in', () => {
  const password = 'two-factor-password';
  let email: string;
  let secret: string;

  it('turns TOTP on only with a valid code', async () => {
    email = uniqueEmail('totp');
    const owner = await signUp(env.app, { email, password });
    secret = await enableTwoFactor(owner);
    expect((await owner.call('GET', '/api/v1/me')).body.user.twoFactorEnabled).toBe(true);
    expect((await owner.call('POST', '/api/v1/auth/sign-out')).status).toBe(204);
  });

  it('asks for the code after the password and keeps everything else closed until then', async () => {
    const pending = await signIn(env.app, email, password);
    expect(pending.info).toMatchObject({ twoFactorRequired: true, me: null });
    expectProblem(await pending.call('GET', '/api/v1/teams'), 401, 'auth.two_factor_required');
    expectProblem(await pending.call('GET', '/api/v1/me'), 401, 'auth.two_factor_required');
    expectProblem(
      await pending.call('POST', '/api/v1/teams', { name: 'Без второго фактора' }),
      401,
      'auth.two_factor_required',
    );
    expectProblem(
      await pending.call('POST', '/api/v1/tokens', { name: 'Обход' }),
      401,
      'auth.two_factor_required',
    );
    expect((await pending.call('GET', '/api/v1/auth/session')).body).toMatchObject({
      twoFactorRequired: true,
      me: null,
    });

    expectProblem(
      await pending.call('POST', '/api/v1/auth/two-factor', { code: wrongCode(secret) }),
      401,
      'auth.invalid_two_factor_code',
      'code',
    );
    expectProblem(await pending.call('GET', '/api/v1/teams'), 401, 'auth.two_factor_required');

    const done = await pending.call('POST', '/api/v1/auth/two-factor', {
      code: codeFor(secret, 1),
    });
    expect(done.status).toBe(200);
    expect(done.body.twoFactorRequired).toBe(false);
    expect(done.body.me.user.email).toBe(email);
    expect((await pending.call('GET', '/api/v1/teams')).status).toBe(200);
    expect(
      (await pending.call('POST', '/api/v1/teams', { name: 'После второго фактора' })).status,
    ).toBe(201);
  });

  it('accepts a code once: a second sign-in with the same code is refused (issue 10, item 8)', async () => {
    const replayed = uniqueEmail('replay');
    const owner = await signUp(env.app, { email: replayed, password });
    // Codes relative to one moment, so that a step boundary passing mid-test changes nothing.
    const t0 = Date.now();
    const s = await enableTwoFactor(owner, t0);
    const at = (steps: number) => codeAt(s, t0 + steps * 30_000);
    // The code used to turn TOTP on is spent too.
    const first = await signIn(env.app, replayed, password);
    expectProblem(
      await first.call('POST', '/api/v1/auth/two-factor', { code: at(0) }),
      401,
      'auth.invalid_two_factor_code',
      'code',
    );
    expect((await first.call('POST', '/api/v1/auth/two-factor', { code: at(1) })).status).toBe(200);
    // Someone who saw that code signs in with the password and replays it: refused, in any session.
    const second = await signIn(env.app, replayed, password);
    expectProblem(
      await second.call('POST', '/api/v1/auth/two-factor', { code: at(1) }),
      401,
      'auth.invalid_two_factor_code',
      'code',
    );
    expectProblem(await second.call('GET', '/api/v1/teams'), 401, 'auth.two_factor_required');
  });

  it('lets exactly one of two simultaneous sign-ins through with one code', async () => {
    const racer = uniqueEmail('race');
    const owner = await signUp(env.app, { email: racer, password });
    const t0 = Date.now();
    const s = await enableTwoFactor(owner, t0);
    const code = codeAt(s, t0 + 30_000);
    const pending = [
      await signIn(env.app, racer, password),
      await signIn(env.app, racer, password),
    ];
    const answers = await Promise.all(
      pending.map((b) => b.call('POST', '/api/v1/auth/two-factor', { code })),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 401]);
  });

  it('requires the code for a second pending session too, and refuses a code that is not six digits', async () => {
    const pending = await signIn(env.app, email, password);
    expectProblem(
      await pending.call('POST', '/api/v1/auth/two-factor', { code: '12345' }),
      400,
      'request.invalid',
      'code',
    );
    expectProblem(await pending.call('GET', '/api/v1/workspace'), 401, 'auth.two_factor_required');
  });

  it('stops guessing after five wrong codes, even before the right one', async () => {
    const guesser = uniqueEmail('guess');
    const owner = await signUp(env.app, { email: guesser, password });
    const guessed = await enableTwoFactor(owner);
    const pending = await signIn(env.app, guesser, password);
    for (let i = 0; i < 5; i++)
      expect(
        (await pending.call('POST', '/api/v1/auth/two-factor', { code: wrongCode(guessed) }))
          .status,
      ).toBe(401);
    const limited = await pending.call('POST', '/api/v1/auth/two-factor', {
      code: codeFor(guessed),
    });
    expectProblem(limited, 429, 'request.rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expectProblem(await pending.call('GET', '/api/v1/teams'), 401, 'auth.two_factor_required');
  });
});

describe('a workspace that requires two-factor sign-in', () => {
  let owner: Browser;
  let member: Awaited<ReturnType<typeof addMember>>;

  beforeAll(async () => {
    owner = await signUp(env.app, { companyName: 'ООО «Строгая охрана»' });
    await enableTwoFactor(owner);
    member = await addMember(env.app, owner, 'manager');
    const res = await owner.call('PATCH', '/api/v1/workspace', { requireTwoFactor: true });
    expect(res.body.requireTwoFactor).toBe(true);
  });

  it('keeps a member without TOTP out of entity routes', async () => {
    expectProblem(
      await member.browser.call('GET', '/api/v1/teams'),
      403,
      'auth.two_factor_setup_required',
    );
    expectProblem(
      await member.browser.call('GET', '/api/v1/workspace'),
      403,
      'auth.two_factor_setup_required',
    );
    expectProblem(
      await member.browser.call('POST', '/api/v1/tokens', { name: 'Обход' }),
      403,
      'auth.two_factor_setup_required',
    );
    const again = await signIn(env.app, member.email, member.password);
    expect(again.info.twoFactorSetupRequired).toBe(true);
    expectProblem(await again.call('GET', '/api/v1/users'), 403, 'auth.two_factor_setup_required');
    expect((await owner.call('GET', '/api/v1/tokens')).body.items).toHaveLength(0);
  });

  it('lets the owner, who has TOTP, work as usual', async () => {
    expect((await owner.call('GET', '/api/v1/teams')).status).toBe(200);
  });

  it('lets that member reach their profile and the set-up routes, and in once TOTP is on', async () => {
    expect((await member.browser.call('GET', '/api/v1/me')).status).toBe(200);
    await enableTwoFactor(member.browser);
    expect((await member.browser.call('GET', '/api/v1/teams')).status).toBe(200);
    const session = await member.browser.call('GET', '/api/v1/auth/session');
    expect(session.body.twoFactorSetupRequired).toBe(false);
  });

  it('refuses setup routes to a stranger without a session', async () => {
    expectProblem(
      await call(env.app, 'POST', '/api/v1/auth/two-factor/setup'),
      401,
      'auth.required',
    );
  });
});
