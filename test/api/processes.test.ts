import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { withDatabase } from '../../src/test/global-setup.js';

// Scale-out as docs/scaling.md describes it, with real processes: two API processes
// (`voronka start` with VORONKA_WORKER=off) and two workers (`voronka worker`) on one PostgreSQL, a
// browser on each API process. Requests made through either are routed exactly once by whichever
// worker claims them, realtime events reach the clients of both processes, and a session ended on
// one process is refused on the other within a second. PGlite belongs to one process, so this runs
// only against PostgreSQL (CI's test:pg).
const testDb = inject('testDb');
const pgDb = testDb.kind === 'postgres' ? testDb : null;
const onPostgres = testDb.kind === 'postgres';
const bin = path.resolve(import.meta.dirname, '../../bin/voronka.js');

type Proc = { child: ChildProcess; out: string[] };
const procs: Proc[] = [];
let dbName = '';
let dataDir = '';

function run(args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [bin, ...args, '--json'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const p: Proc = { child, out: [] };
  child.stdout!.on('data', (d: Buffer) => p.out.push(d.toString()));
  child.stderr!.on('data', (d: Buffer) => p.out.push(d.toString()));
  procs.push(p);
  return p;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 90_000) {
  const start = Date.now();
  for (;;) {
    const v = await probe().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// The port a `voronka start --json` reports once it listens.
const portOf = (p: Proc) =>
  until('the server to listen', async () => {
    const m = /"port":(\d+)/.exec(p.out.join(''));
    if (!m && p.child.exitCode !== null) throw new Error(p.out.join(''));
    return m ? Number(m[1]) : undefined;
  });

type Session = { cookie: string; csrf: string };
async function http(base: string, method: string, url: string, s?: Session, body?: unknown) {
  const res = await fetch(base + url, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
}

// An SSE client: collects the events' data lines.
function listen(base: string, s: Session) {
  const events: { type: string; leadId?: string }[] = [];
  const ctrl = new AbortController();
  const ready = (async () => {
    const res = await fetch(`${base}/api/v1/events`, {
      headers: { cookie: s.cookie, accept: 'text/event-stream' },
      signal: ctrl.signal,
    });
    const reader = res.body!.getReader();
    void (async () => {
      let buf = '';
      let type = '';
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done) return;
        buf += Buffer.from(value!).toString();
        let i;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (line.startsWith('event:')) type = line.slice(6).trim();
          if (line.startsWith('data:')) events.push({ type, ...JSON.parse(line.slice(5)) });
        }
      }
    })();
  })();
  return { events, ready, stop: () => ctrl.abort() };
}

let a = '';
let b = '';
beforeAll(async () => {
  if (!onPostgres) return;
  dbName = `voronka_p_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: pgDb!.url });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName} TEMPLATE ${pgDb!.template}`);
  await admin.end();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'voronka-procs-'));
  const env = {
    DATABASE_URL: withDatabase(pgDb!.url, dbName),
    VORONKA_SECRET: randomBytes(32).toString('hex'),
    VORONKA_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    VORONKA_SMTP_PORT: 'off',
    HOST: '127.0.0.1',
    PORT: '0',
    VORONKA_SIGN_UPS_PER_HOUR: '100',
  };
  const apis = [0, 1].map(() => run(['start'], { ...env, VORONKA_WORKER: 'off' }));
  for (let i = 0; i < 2; i++) run(['worker'], env);
  const ports = await Promise.all(apis.map(portOf));
  a = `http://127.0.0.1:${ports[0]}`;
  b = `http://127.0.0.1:${ports[1]}`;
}, 180_000);

afterAll(async () => {
  for (const p of procs) p.child.kill('SIGTERM');
  await Promise.all(
    procs.map((p) =>
      p.child.exitCode !== null
        ? undefined
        : new Promise((r) => {
            p.child.once('exit', r);
            setTimeout(() => (p.child.kill('SIGKILL'), r(undefined)), 10_000).unref();
          }),
    ),
  );
  if (dbName) {
    const admin = new pg.Client({ connectionString: pgDb!.url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.end();
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe.runIf(onPostgres)(
  'two API processes and two workers on one PostgreSQL (skipped on PGlite: it belongs to one process)',
  () => {
    it('route each request once, tell both processes’ clients, and end a session everywhere', async () => {
      const signUp = await http(a, 'POST', '/api/v1/auth/sign-up', undefined, {
        name: 'Ирина Соколова',
        email: `owner.${Date.now()}@example.ru`,
        password: 'correct-horse-battery',
        companyName: 'ООО «Два процесса»',
      });
      expect(signUp.status).toBe(201);
      const owner: Session = {
        cookie: String(signUp.headers.get('set-cookie')).split(';')[0]!,
        csrf: signUp.body.csrfToken,
      };
      // A manager to route to (routing offers requests to managers).
      const invite = await http(a, 'POST', '/api/v1/invitations', owner, {
        email: `manager.${Date.now()}@example.ru`,
        role: 'manager',
        teamId: null,
      });
      expect(invite.status).toBe(201);
      const token = String(invite.body.url).split('/invite/')[1]!;
      const joined = await http(
        b,
        'POST',
        `/api/v1/invitations/by-token/${token}/accept`,
        undefined,
        {
          name: 'Павел Менеджер',
          password: 'member-password-1',
        },
      );
      expect(joined.status).toBe(200);
      // The same browser session works on the other process (sessions live in the database).
      expect((await http(b, 'GET', '/api/v1/me', owner)).status).toBe(200);
      // The manager, on both processes: an assignment is announced to its assignee.
      const manager: Session = {
        cookie: String(joined.headers.get('set-cookie')).split(';')[0]!,
        csrf: joined.body.csrfToken,
      };
      const onA = listen(a, manager);
      const onB = listen(b, manager);
      await Promise.all([onA.ready, onB.ready]);

      // Ten requests, half through each process; the workers route them.
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) {
        const res = await http(i % 2 ? b : a, 'POST', '/api/v1/leads', owner, {
          channel: 'web',
          title: `Заявка ${i}`,
          message: 'Нужен кирпич облицовочный, 2000 шт, доставка в Казань до 15 мая',
        });
        expect(res.status).toBe(201);
        ids.push(res.body.id);
      }
      const assigned = (events: { type: string; leadId?: string }[]) =>
        new Set(events.filter((e) => e.type === 'routing.assigned').map((e) => e.leadId));
      await until(
        'every request routed and announced on both processes',
        async () =>
          ids.every((id) => assigned(onA.events).has(id) && assigned(onB.events).has(id)) ||
          undefined,
      ).catch(async (err: Error) => {
        const first = await http(a, 'GET', `/api/v1/leads/${ids[0]}/assignments`, owner);
        const lead = await http(a, 'GET', `/api/v1/leads/${ids[0]}`, owner);
        throw new Error(
          `assignments of the first: ${JSON.stringify(first.body)}; lead: ${JSON.stringify(lead.body).slice(0, 800)}; ` +
            `${err.message}; events on A: ${JSON.stringify(onA.events)}; on B: ${JSON.stringify(onB.events)}; logs: ${procs.map((p) => p.out.join('').slice(-500)).join(' | ')}`,
        );
      });
      // Exactly once each: one assignment in each request's history, one announcement per client.
      for (const id of ids) {
        const history = await http(a, 'GET', `/api/v1/leads/${id}/assignments`, owner);
        expect(history.body.items).toHaveLength(1);
      }
      for (const events of [onA.events, onB.events])
        expect(events.filter((e) => e.type === 'routing.assigned')).toHaveLength(ids.length);
      onA.stop();
      onB.stop();

      // Signed out through A: B refuses the session within a second.
      expect((await http(a, 'POST', '/api/v1/auth/sign-out', owner)).status).toBe(204);
      const start = Date.now();
      await until('the other process to refuse the session', async () =>
        (await http(b, 'GET', '/api/v1/me', owner)).status === 401 ? true : undefined,
      );
      expect(Date.now() - start).toBeLessThan(1000);
    }, 180_000);
  },
);
