import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withDatabase } from './test/global-setup.js';
import { freePort } from './test/ports.js';

// The real `voronka` binary as a subprocess, exactly as an operator runs it. Steps within a describe
// share one data folder (or database) and run in order: each subprocess pays ~1-2 s of startup.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'voronka.js');
const testDb = inject('testDb');

type Env = Record<string, string>;
type Run = { code: number | null; stdout: string; stderr: string };

function baseEnv(env: Env): NodeJS.ProcessEnv {
  // SMTP on a free port: servers started side by side (and other runs on this machine) never collide on 2525.
  const e: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'silent',
    VORONKA_WORKER: 'on',
    VORONKA_SMTP_PORT: '0',
    ...env,
  };
  if (!env.DATABASE_URL) delete e.DATABASE_URL;
  return e;
}

function cli(args: string[], env: Env): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      env: baseEnv(env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const json = (r: Run) => {
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};

type Server = {
  child: ChildProcess;
  base: string;
  output(): string;
  stop(): Promise<number | null>;
};

async function startServer(env: Env, timeoutMs = 45_000): Promise<Server> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [bin, 'start'], {
    cwd: root,
    env: baseEnv({ ...env, PORT: String(port), HOST: '127.0.0.1', PUBLIC_URL: base }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  running.add(child);
  const server: Server = {
    child,
    base,
    output: () => out,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      running.delete(child);
      return code;
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${out}`);
    const ok = await fetch(`${base}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    // Ready and the start banner printed (it follows listen() in the same tick, but arrives through a pipe).
    if (ok && /Voronka is running/.test(out)) return server;
    await new Promise((r) => setTimeout(r, 100));
  }
  await server.stop();
  throw new Error(`server not ready in ${timeoutMs} ms: ${out}`);
}

const running = new Set<ChildProcess>();
afterAll(() => {
  for (const c of running) c.kill('SIGKILL');
});

const api = (s: Server, pathname: string, token: string, init: RequestInit = {}) =>
  fetch(`${s.base}/api/v1${pathname}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...init.headers,
    },
  });

const tmpDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'voronka-cli-'));

describe('voronka --help and usage errors', () => {
  it('every command has --help; bad usage exits 2 (as JSON with --json)', async () => {
    const env = { VORONKA_DATA_DIR: tmpDir() };
    for (const cmd of [
      ['start'],
      ['worker'],
      ['migrate'],
      ['workspace', 'create'],
      ['workspace', 'trial'],
      ['seed'],
      ['token', 'create'],
      ['user', 'password'],
    ]) {
      const r = await cli([...cmd, '--help'], env);
      expect(r.code, cmd.join(' ')).toBe(0);
      expect(r.stdout).toContain(`Usage: voronka ${cmd.join(' ')}`);
      expect(r.stdout).toContain('--json');
    }
    const badDate = await cli(
      ['workspace', 'trial', 'acme', '--ends', '2026-02-30', '--json'],
      env,
    );
    expect(badDate.code).toBe(2);
    expect(JSON.parse(badDate.stderr).error.message).toContain('expected an ISO date');
    const badEmail = await cli(
      ['workspace', 'create', '--name', 'Acme', '--owner-email', 'not-an-email'],
      env,
    );
    expect(badEmail.code).toBe(2);
    expect(badEmail.stderr).toContain(
      "option '--owner-email <email>' argument 'not-an-email' is invalid",
    );
    // Usage errors are refused before the database is touched.
    expect(fs.readdirSync(env.VORONKA_DATA_DIR)).toEqual([]);
  }, 60_000);
});

describe.runIf(testDb.kind === 'pglite')(
  'on the embedded database (PGlite) — runs in npm test, skipped by npm run test:pg',
  () => {
    const dir = tmpDir();
    const env: Env = { VORONKA_DATA_DIR: dir };
    let slug = '';
    let token = '';
    const email = `owner-${randomBytes(3).toString('hex')}@example.com`;
    let demoEmail = '';
    let demoPassword = '';
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('first start on an empty folder prints the demo sign-in, which works; the CLI refuses the held folder and the server keeps serving', async () => {
      const server = await startServer(env, 90_000);
      try {
        const out = server.output();
        expect(out).toContain(`sign in at ${server.base}`);
        // The start block comes last, framed, with nothing of the start-up log after it.
        expect(out.trimEnd().split('\n').at(-1)).toMatch(/^─+$/);
        demoEmail = /e-mail:\s+(\S+)/.exec(out)?.[1] ?? '';
        demoPassword = /password:\s+(\S+)/.exec(out)?.[1] ?? '';
        expect(demoEmail).toBeTruthy();
        expect(demoPassword).toBeTruthy();
        const signIn = await fetch(`${server.base}/api/v1/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: demoEmail, password: demoPassword }),
        });
        expect(signIn.status).toBe(200);
        expect(((await signIn.json()) as { me: { member: { role: string } } }).me.member.role).toBe(
          'owner',
        );

        // The folder belongs to the server: a CLI command says what to do, exits 3 and changes nothing.
        const locked = await cli(
          ['workspace', 'create', '--name', 'Blocked', '--owner-email', 'blocked@example.com'],
          env,
        );
        expect(locked.code).toBe(3);
        expect(locked.stderr).toContain('is in use by another Voronka process');
        expect(locked.stderr).toContain(`kill ${server.child.pid}`);
        const lockedJson = await cli(['migrate', '--json'], env);
        expect(lockedJson.code).toBe(3);
        expect(JSON.parse(lockedJson.stderr).error.code).toBe('database.locked');
        expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
        const again = await fetch(`${server.base}/api/v1/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: demoEmail, password: demoPassword }),
        });
        expect(again.status).toBe(200);
      } finally {
        expect(await server.stop()).toBe(0);
      }
      expect(fs.existsSync(path.join(dir, 'voronka.lock'))).toBe(false);
    }, 120_000);

    it('`user password` sets a forgotten password; the next start shows the new demo sign-in', async () => {
      const set = json(await cli(['user', 'password', '--email', demoEmail, '--json'], env));
      expect(set).toMatchObject({ email: demoEmail, sessionsEnded: true });
      const fresh = String(set.password);
      expect(fresh.length).toBeGreaterThanOrEqual(12);
      expect((await cli(['user', 'password', '--email', 'nobody@example.com'], env)).code).toBe(1);
      const server = await startServer(env);
      try {
        expect(server.output()).toContain(`password: ${fresh}`);
        const signIn = (password: string) =>
          fetch(`${server.base}/api/v1/auth/sign-in`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: demoEmail, password }),
          });
        expect((await signIn(demoPassword)).status).toBe(401);
        expect((await signIn(fresh)).status).toBe(200);
        demoPassword = fresh;
      } finally {
        expect(await server.stop()).toBe(0);
      }
    }, 120_000);

    it('after the server stops: migrate, workspace create and token create (--json)', async () => {
      expect(json(await cli(['migrate', '--json'], env))).toEqual({ ok: true, database: 'pglite' });
      const created = json(
        await cli(
          ['workspace', 'create', '--name', 'Ромашка CLI', '--owner-email', email, '--json'],
          env,
        ),
      );
      slug = String(created.slug);
      expect(slug).toMatch(/^[a-z0-9-]+$/);
      expect(created).toMatchObject({ email, existingUser: false });
      expect(String(created.password).length).toBeGreaterThanOrEqual(10);
      const t = json(await cli(['token', 'create', '--email', email, '--json'], env));
      expect(t).toMatchObject({ workspace: slug, email });
      token = String(t.token);
      expect(token).toMatch(/^vrk_/);
    }, 60_000);

    it("the token carries the owner's rights; after `workspace trial --ends 2020-01-01` writes answer 402", async () => {
      let server = await startServer(env);
      try {
        // A later start still shows the demo sign-in while it works.
        expect(server.output()).toContain(`password: ${demoPassword}`);
        const me = await api(server, '/me', token);
        expect(me.status).toBe(200);
        const body = (await me.json()) as {
          user: { email: string };
          member: { role: string };
          workspace: { slug: string };
          permissions: { workspace: { update: boolean } };
        };
        expect(body).toMatchObject({
          user: { email },
          member: { role: 'owner' },
          workspace: { slug },
        });
        expect(body.permissions.workspace.update).toBe(true);
        expect(
          (
            await api(server, '/workspace', token, {
              method: 'PATCH',
              body: JSON.stringify({ name: 'Ромашка 2' }),
            })
          ).status,
        ).toBe(200);
      } finally {
        await server.stop();
      }
      const trial = json(
        await cli(['workspace', 'trial', slug, '--ends', '2020-01-01', '--json'], env),
      );
      expect(trial).toMatchObject({
        slug,
        isReadOnly: true,
        trialEndsAt: '2020-01-01T00:00:00.000Z',
      });
      server = await startServer(env);
      try {
        const write = await api(server, '/workspace', token, {
          method: 'PATCH',
          body: JSON.stringify({ name: 'Ромашка 3' }),
        });
        expect(write.status).toBe(402);
        expect(((await write.json()) as { code: string }).code).toBe('workspace.trial_expired');
        expect((await api(server, '/me', token)).status).toBe(200);
      } finally {
        await server.stop();
      }
    }, 60_000);

    it('seed --demo fills the workspace once; unknown slugs fail cleanly', async () => {
      const first = json(await cli(['seed', '--demo', '--workspace', slug, '--json'], env));
      expect(first).toMatchObject({
        workspace: slug,
        teams: 2,
        users: 6,
        companies: 25,
        leads: 40,
      });
      expect(first.deals).toBeGreaterThanOrEqual(30);
      expect(json(await cli(['seed', '--demo', '--workspace', slug, '--json'], env))).toEqual({
        workspace: slug,
        teams: 2,
        users: 0,
        companies: 0,
        contacts: 0,
        leads: 0,
        conversations: 0,
        deals: 0,
        tasks: 0,
        people: [],
      });
      const unknown = await cli(
        ['workspace', 'trial', 'no-such-workspace', '--ends', '2030-01-01'],
        env,
      );
      expect(unknown.code).toBe(1);
      expect(unknown.stderr.trim()).toBe('voronka: no workspace with slug "no-such-workspace"');
      const nobody = await cli(['token', 'create', '--email', 'nobody@example.com', '--json'], env);
      expect(nobody.code).toBe(1);
      expect(JSON.parse(nobody.stderr)).toEqual({
        error: { code: 'user.not_found', message: 'no user with e-mail nobody@example.com' },
      });
    }, 60_000);
  },
);

describe.runIf(testDb.kind === 'postgres')(
  'on PostgreSQL (DATABASE_URL) — runs in npm run test:pg, skipped on the embedded run',
  () => {
    const dir = tmpDir();
    const name = `voronka_cli_${randomBytes(5).toString('hex')}`;
    const env: Env = { VORONKA_DATA_DIR: dir };
    const admin = () =>
      new pg.Client({ connectionString: testDb.kind === 'postgres' ? testDb.url : '' });
    let server: Server | undefined;

    beforeAll(async () => {
      if (testDb.kind !== 'postgres') return;
      const a = admin();
      await a.connect();
      await a.query(`CREATE DATABASE ${name} TEMPLATE ${testDb.template}`);
      await a.end();
      env.DATABASE_URL = withDatabase(testDb.url, name);
    });
    afterAll(async () => {
      await server?.stop();
      const a = admin();
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('start seeds nothing; with the server running the CLI creates a workspace and a token, and the trial end applies at once', async () => {
      server = await startServer(env);
      expect(server.output()).not.toContain('Demo workspace');
      const db = new pg.Client({ connectionString: env.DATABASE_URL });
      await db.connect();
      try {
        expect((await db.query('select count(*)::int as n from workspaces')).rows[0].n).toBe(0);
      } finally {
        await db.end();
      }

      expect(json(await cli(['migrate', '--json'], env))).toEqual({
        ok: true,
        database: 'postgres',
      });
      const email = 'pg-owner@example.com';
      const created = json(
        await cli(
          [
            'workspace',
            'create',
            '--name',
            'PG Corp',
            '--owner-email',
            email,
            '--password',
            'correct-horse-1',
            '--json',
          ],
          env,
        ),
      );
      const slug = String(created.slug);
      expect(created).toMatchObject({ email, existingUser: false });
      expect(created.password).toBeUndefined();
      const token = String(
        json(await cli(['token', 'create', '--email', email, '--workspace', slug, '--json'], env))
          .token,
      );

      const me = await api(server, '/me', token);
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({
        user: { email },
        member: { role: 'owner' },
        workspace: { slug },
      });
      expect(
        (
          await api(server, '/workspace', token, {
            method: 'PATCH',
            body: JSON.stringify({ name: 'PG Corp 2' }),
          })
        ).status,
      ).toBe(200);
      const signIn = await fetch(`${server.base}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'correct-horse-1' }),
      });
      expect(signIn.status).toBe(200);

      expect(
        json(await cli(['workspace', 'trial', slug, '--ends', '2020-01-01', '--json'], env)),
      ).toMatchObject({ slug, isReadOnly: true });
      expect(
        (
          await api(server, '/workspace', token, {
            method: 'PATCH',
            body: JSON.stringify({ name: 'PG Corp 3' }),
          })
        ).status,
      ).toBe(402);
      expect(json(await cli(['seed', '--demo', '--workspace', slug, '--json'], env))).toMatchObject(
        { workspace: slug, teams: 2, users: 6, companies: 25, leads: 40 },
      );
      expect((await fetch(`${server.base}/readyz`)).status).toBe(200);
      expect(await server.stop()).toBe(0);
      server = undefined;
    }, 90_000);
  },
);
