// A realistic mixed load (issue 23): 10 workspaces, each filled by `voronka seed --demo` (its people,
// channels, conversations, companies, contacts, requests, deals, tasks), served by one `voronka start`
// with its in-process worker on PostgreSQL. Virtual users of every workspace do what users do — open
// the inbox, open a request, read a conversation, search, list contacts, look at the board, create
// and move deals, reply in a messenger conversation (the demo's stand-in channel: the reply goes
// through the outbox and the worker, nothing leaves the machine) — while website forms and e-mail
// (the server's own SMTP intake) bring new requests in the background at a steady rate.
// Reported: requests/s overall, p50/p95/p99 and errors per operation, and the background intake's.
//   tsx bench/mixed.ts [--workspaces 10] [--users 40] [--duration 30] [--warmup 5]
//                      [--forms-per-s 10] [--mails-per-s 2] [--database-url postgres://…]
// Every answer outside 2xx counts as an error (the per-workspace rate limit is off: the bench
// measures the server, `VORONKA_RATE_LIMIT=0`). The aim: ≥ 1,000 req/s at p95 ≤ 300 ms.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { freePort } from '../src/test/ports.js';
import { call, chooseOp, closeClient, collect, openClient, type Ws } from './mixed-ops.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'voronka.js');
const run = promisify(execFile);

const { values: opt } = parseArgs({
  options: {
    workspaces: { type: 'string', default: '10' },
    users: { type: 'string', default: '40' },
    duration: { type: 'string', default: '30' },
    warmup: { type: 'string', default: '5' },
    'forms-per-s': { type: 'string', default: '10' },
    'mails-per-s': { type: 'string', default: '2' },
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});

type Env = Record<string, string>;
const childEnv = (env: Env): NodeJS.ProcessEnv => ({
  ...process.env,
  LOG_LEVEL: 'warn',
  VORONKA_RATE_LIMIT: '0',
  VORONKA_MAIL_DOMAINS: 'demo.voronka.local',
  ...env,
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;

async function cli(args: string[], env: Env): Promise<unknown> {
  const { stdout } = await run(process.execPath, [bin, ...args, '--json'], {
    cwd: root,
    env: childEnv({ LOG_LEVEL: 'silent', ...env }),
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}

async function startServer(env: Env) {
  const port = await freePort();
  const smtpPort = await freePort();
  const child: ChildProcess = spawn(process.execPath, [bin, 'start'], {
    cwd: root,
    env: childEnv({
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      VORONKA_SMTP_PORT: String(smtpPort),
      VORONKA_TRUST_PROXY: '1',
    }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  for (let i = 0; i < 3000; i++) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${out}`);
    if (
      await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { port, smtpPort, stop, output: () => out };
    await sleep(50);
  }
  await stop();
  throw new Error(`server not ready: ${out}`);
}

async function prepareWorkspace(i: number, env: Env): Promise<Ws> {
  const email = `owner${i}@bench.test`;
  const { slug } = (await cli(
    [
      'workspace',
      'create',
      '--name',
      `ООО «Бенч ${i}»`,
      '--owner-email',
      email,
      '--password',
      'bench-password-1',
    ],
    env,
  )) as { slug: string };
  await cli(['seed', '--demo', '--workspace', slug], env);
  const { token } = (await cli(
    ['token', 'create', '--email', email, '--workspace', slug],
    env,
  )) as {
    token: string;
  };
  return { token } as Ws;
}

type Stats = Map<string, { times: number[]; errors: number; codes: Map<string, number> }>;
const record = (stats: Stats, name: string, ms: number, status: number | string) => {
  let s = stats.get(name);
  if (!s) stats.set(name, (s = { times: [], errors: 0, codes: new Map() }));
  s.times.push(ms);
  // Success: a 2xx, or SMTP's 250 for a letter.
  if (typeof status !== 'number' || !((status >= 200 && status < 300) || status === 250)) {
    s.errors += 1;
    s.codes.set(String(status), (s.codes.get(String(status)) ?? 0) + 1);
  }
};

async function timed(stats: Stats, name: string, fn: () => Promise<number>) {
  const t0 = performance.now();
  let status: number | string;
  try {
    status = await fn();
  } catch (err) {
    status = (err as Error).message.slice(0, 40);
  }
  record(stats, name, performance.now() - t0, status);
}

// Background intake at a steady rate: website form submissions through the public endpoint.
async function forms(stats: Stats, spaces: Ws[], until: number) {
  const every = 1000 / Number(opt['forms-per-s']);
  const inFlight: Promise<void>[] = [];
  let i = 0;
  for (let next = performance.now(); next < until; next += every) {
    await sleep(Math.max(0, next - performance.now()));
    const ws = spaces[i % spaces.length]!;
    const n = i++;
    inFlight.push(
      timed(stats, 'background: form submission', async () => {
        const r = await call(
          null,
          'POST',
          `/api/public/forms/${ws.formKey}/submissions`,
          {
            name: `Клиент ${n}`,
            phone: `+7912${String(n).padStart(7, '0')}`,
            message: 'Нужен расчёт доставки кирпича М150 в Казань.',
            consent: true,
          },
          {
            origin: 'https://shop.example.ru',
            'x-forwarded-for': `10.1.${(n >> 8) & 255}.${n & 255}`,
          },
        );
        return r.status;
      }),
    );
  }
  await Promise.all(inFlight);
}

// Background intake at a steady rate: letters to the workspaces' intake addresses over SMTP.
async function mails(stats: Stats, spaces: Ws[], smtpPort: number, until: number) {
  const rate = Number(opt['mails-per-s']);
  const targets = spaces.filter((s) => s.intake);
  if (!rate || !targets.length) return;
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: smtpPort,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: 2,
  });
  const inFlight: Promise<void>[] = [];
  let i = 0;
  for (let next = performance.now(); next < until; next += 1000 / rate) {
    await sleep(Math.max(0, next - performance.now()));
    const ws = targets[i % targets.length]!;
    const n = i++;
    inFlight.push(
      timed(stats, 'background: e-mail in', async () => {
        await transport.sendMail({
          from: `"Клиент ${n}" <client${n}.${randomBytes(3).toString('hex')}@example.org>`,
          to: ws.intake!,
          subject: `Заявка: кирпич М150, ${n + 1} поддонов`,
          text: `Здравствуйте! Прошу выставить счёт на ${n + 1} поддонов кирпича М150.`,
        });
        return 250; // sendMail resolves once the server's SMTP intake answered 250 (committed)
      }),
    );
  }
  await Promise.all(inFlight);
  transport.close();
}

// The users (each bound to a workspace, one operation after another) and the background intake.
async function load(spaces: Ws[], smtpPort: number, seconds: number) {
  const stats: Stats = new Map();
  const until = performance.now() + seconds * 1000;
  const users = Array.from({ length: Number(opt.users) }, async (_, u) => {
    const ws = spaces[u % spaces.length]!;
    while (performance.now() < until) {
      const op = chooseOp();
      await timed(stats, op.name, () => op.run(ws));
    }
  });
  const t0 = performance.now();
  await Promise.all([...users, forms(stats, spaces, until), mails(stats, spaces, smtpPort, until)]);
  return { stats, seconds: (performance.now() - t0) / 1000 };
}

async function main() {
  const adminUrl = opt['database-url']!;
  const name = `voronka_bench_mixed_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const version = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!
    .server_version;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voronka-bench-mixed-'));
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const env = { DATABASE_URL: u.toString(), VORONKA_DATA_DIR: dir };
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const t0 = performance.now();
    await cli(['migrate'], env);
    const spaces: Ws[] = [];
    for (let i = 0; i < Number(opt.workspaces); i++) spaces.push(await prepareWorkspace(i, env));
    server = await startServer(env);
    openClient(server.port, Number(opt.users) + 20);
    await Promise.all(spaces.map(collect));
    console.error(
      `prepared ${spaces.length} workspaces in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
    );
    await load(spaces, server.smtpPort, Number(opt.warmup));
    const load0 = os.loadavg();
    const { stats, seconds } = await load(spaces, server.smtpPort, Number(opt.duration));
    const rows = [...stats.entries()].map(([op, s]) => {
      const t = [...s.times].sort((a, b) => a - b);
      const codes = [...s.codes.entries()].map(([c, k]) => `${k}× ${c}`).join(', ');
      return {
        op,
        n: t.length,
        line: `| ${op} | ${t.length} | ${(t.length / seconds).toFixed(0)} | ${pct(t, 50).toFixed(0)} | ${pct(t, 95).toFixed(0)} | ${pct(t, 99).toFixed(0)} | ${s.errors}${codes ? ` (${codes})` : ''} |`,
      };
    });
    const users = [...stats.entries()].filter(([op]) => !op.startsWith('background'));
    const all = users.flatMap(([, s]) => s.times).sort((a, b) => a - b);
    const errors = users.reduce((a, [, s]) => a + s.errors, 0);
    console.log(
      [
        `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores, Node ${process.version}, PostgreSQL ${version}; ${spaces.length} workspaces, ${opt.users} users, ${opt.duration} s after ${opt.warmup} s warm-up; load average at start ${load0.map((l) => l.toFixed(1)).join(' / ')}, at the end ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' / ')}`,
        '',
        '| Operation | count | per s | p50 ms | p95 ms | p99 ms | errors |',
        '|---|---|---|---|---|---|---|',
        ...rows.sort((a, b) => b.n - a.n).map((r) => r.line),
        `| **users, all operations** | ${all.length} | **${(all.length / seconds).toFixed(0)}** | ${pct(all, 50).toFixed(0)} | **${pct(all, 95).toFixed(0)}** | ${pct(all, 99).toFixed(0)} | ${errors} |`,
      ].join('\n'),
    );
  } finally {
    await closeClient()?.catch(() => undefined);
    await server?.stop();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
