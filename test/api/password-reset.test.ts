import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestEnv } from '../../src/test/app.js';
import { call, expectProblem, signIn, signUp, uniqueEmail } from '../../src/test/client.js';

// Password reset by e-mail, end to end over real SMTP: the installation's outgoing mail
// (VORONKA_MAIL_URL) delivers to a local smtp-server standing in for the mail provider, and the
// test follows the link in the letter as the user would.
const letters: { mail: ParsedMail; rcpt: string[] }[] = [];
let sink: SMTPServer;
let env: TestEnv;

beforeAll(async () => {
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, cb) {
      simpleParser(stream).then((mail) => {
        letters.push({ mail, rcpt: session.envelope.rcptTo.map((r) => r.address) });
        cb();
      }, cb);
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', () => resolve()));
  const port = (sink.server.address() as { port: number }).port;
  env = await createTestApp({
    VORONKA_MAIL_URL: `smtp://127.0.0.1:${port}`,
    VORONKA_MAIL_FROM: 'Воронка <no-reply@voronka.test>',
  });
});
afterAll(async () => {
  await env?.close();
  await new Promise<void>((resolve) => sink?.close(() => resolve()));
});

const request = (email: string, ip = '198.51.100.50') =>
  call(env.app, 'POST', '/api/v1/auth/password-reset', { email }, {}, { remoteAddress: ip });
const confirm = (token: string, password: string, ip = '198.51.100.50') =>
  call(
    env.app,
    'POST',
    '/api/v1/auth/password-reset/confirm',
    { token, password },
    {},
    { remoteAddress: ip },
  );
const letterTo = (email: string) =>
  vi.waitFor(
    () => {
      const found = letters.filter((l) => l.rcpt.includes(email));
      if (!found.length) throw new Error(`no letter to ${email} yet`);
      return found.at(-1)!.mail;
    },
    { timeout: 10_000, interval: 50 },
  );
const tokenIn = (mail: ParsedMail) => {
  const m = /http:\/\/voronka\.test\/reset-password\/([A-Za-z0-9_-]{20,})/.exec(mail.text ?? '');
  if (!m) throw new Error(`no link in ${mail.text}`);
  return m[1]!;
};

describe('password reset by e-mail', () => {
  it('sends a single-use link that sets the password, ends every session and is audited', async () => {
    const email = uniqueEmail('forgetful');
    const owner = await signUp(env.app, { email, password: 'old-password-1' });
    const other = await signIn(env.app, email, 'old-password-1');

    const res = await request(email);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ sent: true });
    const mail = await letterTo(email);
    expect(mail.from?.text).toContain('no-reply@voronka.test');
    expect(mail.subject).toBe('Сброс пароля в Воронке');
    const token = tokenIn(mail);
    // Stored hashed only, like invitation links.
    const stored = await env.database.db.execute(sql`select token_hash from password_resets`);
    expect(JSON.stringify(stored)).not.toContain(token);

    expectProblem(await confirm(token, 'short'), 400, 'request.invalid', 'password');
    expect((await confirm(token, 'brand-new-password')).status).toBe(204);
    // Every session of the user has ended; the old password no longer works, the new one does.
    expectProblem(await owner.call('GET', '/api/v1/me'), 401, 'auth.required');
    expectProblem(await other.call('GET', '/api/v1/me'), 401, 'auth.required');
    expectProblem(
      await call(env.app, 'POST', '/api/v1/auth/sign-in', { email, password: 'old-password-1' }),
      401,
      'auth.invalid_credentials',
    );
    const back = await signIn(env.app, email, 'brand-new-password');
    expect(back.info.me?.user.email).toBe(email);
    // Good once.
    expectProblem(
      await confirm(token, 'another-new-password'),
      400,
      'auth.reset_link_invalid',
      'token',
    );
    const audit = await back.call('GET', '/api/v1/audit?limit=50');
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain(
      'user.password_reset',
    );
    expect(JSON.stringify(audit.body)).not.toContain('brand-new-password');
  });

  it('answers an unknown e-mail exactly as a known one, and sends it nothing', async () => {
    const nobody = uniqueEmail('nobody');
    const known = uniqueEmail('known');
    await signUp(env.app, { email: known, locale: 'en' });
    const a = await request(nobody);
    const b = await request(known);
    expect([a.status, a.body]).toEqual([b.status, b.body]);
    expect((await letterTo(known)).subject).toBe('Reset your Voronka password');
    expect(letters.some((l) => l.rcpt.includes(nobody))).toBe(false);
  });

  it('refuses an expired link, and the password stays', async () => {
    const email = uniqueEmail('expiring');
    await signUp(env.app, { email, password: 'old-password-2' });
    await request(email);
    const first = tokenIn(await letterTo(email));
    await env.database.db.execute(
      sql`update password_resets set expires_at = now() - interval '1 second' where used_at is null`,
    );
    expectProblem(
      await confirm(first, 'late-new-password'),
      400,
      'auth.reset_link_invalid',
      'token',
    );
    expect(
      (await call(env.app, 'POST', '/api/v1/auth/sign-in', { email, password: 'old-password-2' }))
        .status,
    ).toBe(200);
  });

  it('limits requests per e-mail (3 an hour), the same for an e-mail without an account', async () => {
    for (const email of [uniqueEmail('spammed'), uniqueEmail('ghost')]) {
      for (let i = 0; i < 3; i++)
        expect((await request(email, `198.51.100.${60 + i}`)).status).toBe(202);
      const limited = await request(email, '198.51.100.70');
      expectProblem(limited, 429, 'request.rate_limited');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    }
  });

  it('counts guessed reset tokens against the address', async () => {
    for (let i = 0; i < 50; i++)
      expectProblem(
        await confirm(`guessed-token-${i}-xxxxxxxxxxxx`, 'guessed-password', '203.0.113.90'),
        400,
        'auth.reset_link_invalid',
      );
    expectProblem(
      await confirm('guessed-token-last-xxxxxxxxxxxx', 'guessed-password', '203.0.113.90'),
      429,
      'request.rate_limited',
    );
  });

  it('lets an owner whose account strangers locked (from many addresses) back in', async () => {
    const email = uniqueEmail('besieged');
    await signUp(env.app, { email, password: 'besieged-password' });
    for (let a = 0; a < 20; a++)
      for (let i = 0; i < 5; i++)
        await call(
          env.app,
          'POST',
          '/api/v1/auth/sign-in',
          { email, password: `siege-${a}-${i}` },
          {},
          { remoteAddress: `192.0.2.${a + 1}` },
        );
    expectProblem(
      await call(env.app, 'POST', '/api/v1/auth/sign-in', { email, password: 'besieged-password' }),
      429,
      'request.rate_limited',
    );
    await request(email);
    expect((await confirm(tokenIn(await letterTo(email)), 'reclaimed-password')).status).toBe(204);
    expect((await signIn(env.app, email, 'reclaimed-password')).info.me?.user.email).toBe(email);
  });
});
