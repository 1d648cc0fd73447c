// Website form intake: sustained submissions per second through the public endpoint of a real
// server process (POST /api/public/forms/:key/submissions, JSON), each one origin check, rate-limit
// count, field validation and one transaction (submission, conversation, message, request, audit),
// with p50/p95/p99 latency; on PostgreSQL beside pgbench's TPC-B-like TPS on the same server in the
// same run (the ceiling this machine's PostgreSQL gives a simple write transaction).
//   [BENCH_SERVER_NODE_ARGS=--cpu-prof] tsx bench/intake.ts [--targets postgres,pglite] [--connections 16] [--duration 20] [--warmup 3]
//                       [--ips 5000] [--database-url postgres://postgres@127.0.0.1:5432/postgres]
// Visitors come from --ips different addresses (X-Forwarded-For behind VORONKA_TRUST_PROXY=1), so
// the per-IP limit (30 a minute) is counted as in real life but not reached.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase } from '../src/platform/db/client.js';
import { rowsOf } from '../src/platform/db/rls.js';
import { freePort } from '../src/test/ports.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'voronka.js');
const run = promisify(execFile);

const { values: opt } = parseArgs({
  options: {
    targets: { type: 'string', default: 'postgres,pglite' },
    connections: { type: 'string', default: '16' },
    duration: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '3' },
    ips: { type: 'string', default: '5000' },
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});

type Env = Record<string, string>;
const childEnv = (env: Env): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    VORONKA_SMTP_PORT: 'off',
    ...env,
  };
  if (!env.DATABASE_URL) delete e.DATABASE_URL;
  return e;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

// CPU time (user + system) a process has used so far, in ms (Linux /proc; clock ticks of 10 ms).
const cpuMs = (pid: number): number => {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
};
// The PostgreSQL backends serving the bench database (the server's pool), to charge their CPU.
async function backendPids(databaseUrl: string | undefined): Promise<number[]> {
  if (!databaseUrl) return [];
  const u = new URL(databaseUrl);
  const name = u.pathname.slice(1);
  u.pathname = '/postgres';
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  const { rows } = await c.query<{ pid: number }>(
    'select pid from pg_stat_activity where datname = $1',
    [name],
  );
  await c.end();
  return rows.map((r) => r.pid);
}

async function cli(args: string[], env: Env): Promise<string> {
  const { stdout } = await run(process.execPath, [bin, ...args], {
    cwd: root,
    env: childEnv({ LOG_LEVEL: 'silent', ...env }),
  });
  return stdout;
}

type Proc = { child: ChildProcess; port: number; stop(): Promise<void> };
// Extra node flags for the server process only, e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"
// (NODE_OPTIONS may not carry --cpu-prof).
const serverNodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);

async function startServer(env: Env): Promise<Proc> {
  const port = await freePort();
  const child = spawn(process.execPath, [...serverNodeArgs, bin, 'start'], {
    cwd: root,
    env: childEnv({
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      VORONKA_WORKER: 'off',
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
  for (let i = 0; i < 6000; i++) {
    if (child.exitCode !== null) throw new Error(`server exited ${child.exitCode}: ${out}`);
    if (
      await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { child, port, stop };
    await sleep(20);
  }
  await stop();
  throw new Error(`server not ready: ${out}`);
}

// A form as a site would have it: name, phone, message, consent.
async function createForm(port: number, token: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/forms`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Заявка с сайта',
      fields: [
        { key: 'name', label: 'Имя', type: 'text', required: true },
        { key: 'phone', label: 'Телефон', type: 'phone', required: true },
        { key: 'message', label: 'Сообщение', type: 'textarea' },
      ],
      consentText: 'Я согласен на обработку персональных данных',
      allowedDomains: ['shop.example.ru'],
    }),
  });
  if (res.status !== 201) throw new Error(`form: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { publicKey: string }).publicKey;
}

type Load = { perSecond: number; p50: number; p95: number; p99: number; ok: number; bad: number };

async function submit(port: number, key: string, seconds: number): Promise<Load> {
  let n = 0;
  const ips = Number(opt.ips);
  const times: number[] = [];
  let ok = 0;
  let bad = 0;
  const instance = autocannon({
    url: `http://127.0.0.1:${port}/api/public/forms/${key}/submissions`,
    connections: Number(opt.connections),
    duration: seconds,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const i = n++;
          const ip = `10.${(i % ips) >> 16}.${((i % ips) >> 8) & 255}.${(i % ips) & 255}`;
          return {
            ...req,
            headers: {
              'content-type': 'application/json',
              origin: 'https://shop.example.ru',
              'x-forwarded-for': ip,
              'user-agent': 'bench',
            },
            body: JSON.stringify({
              name: `Клиент ${i}`,
              phone: `+7912${String(i % 10_000_000).padStart(7, '0')}`,
              message: 'Перезвоните, пожалуйста, нужен расчёт доставки кирпича М150 в Казань.',
              consent: true,
              page_url: 'https://shop.example.ru/catalog?utm_source=yandex&utm_medium=cpc',
            }),
          };
        },
      },
    ],
  });
  instance.on('response', (_client, status, _bytes, ms) => {
    times.push(ms);
    if (status >= 200 && status < 300) ok++;
    else bad++;
  });
  const r = await instance;
  times.sort((a, b) => a - b);
  return {
    perSecond: ok / (r.duration || seconds),
    p50: pct(times, 50),
    p95: pct(times, 95),
    p99: pct(times, 99),
    ok,
    bad: bad + r.errors + r.timeouts,
  };
}

async function intake(label: string, env: Env, open: () => ReturnType<typeof openDatabase>) {
  const email = 'bench@example.com';
  await cli(['migrate'], env);
  const { slug } = JSON.parse(
    await cli(['workspace', 'create', '--name', 'Bench', '--owner-email', email, '--json'], env),
  ) as { slug: string };
  const { token } = JSON.parse(
    await cli(['token', 'create', '--email', email, '--workspace', slug, '--json'], env),
  ) as { token: string };
  const proc = await startServer(env);
  let warm: Load;
  let load: Load;
  let cpu: { server: number; database: number | null };
  try {
    const key = await createForm(proc.port, token);
    warm = await submit(proc.port, key, Number(opt.warmup));
    const pids = await backendPids(env.DATABASE_URL);
    const server0 = cpuMs(proc.child.pid!);
    const db0 = pids.reduce((a, p) => a + cpuMs(p), 0);
    load = await submit(proc.port, key, Number(opt.duration));
    cpu = {
      server: (cpuMs(proc.child.pid!) - server0) / load.ok,
      database: pids.length ? (pids.reduce((a, p) => a + cpuMs(p), 0) - db0) / load.ok : null,
    };
  } finally {
    await proc.stop();
  }
  // Every 2xx is a stored request: counted in the database once the server is gone.
  const database = await open();
  const [counts] = rowsOf<{ leads: number; submissions: number }>(
    await database.db.execute(
      sql`select (select count(*)::int from leads) as leads, (select count(*)::int from form_submissions) as submissions`,
    ),
  );
  await database.close();
  const accepted = warm.ok + load.ok;
  console.error(
    `${label}: ${load.perSecond.toFixed(0)} submissions/s, p50 ${load.p50.toFixed(0)} ms, p95 ${load.p95.toFixed(0)} ms, p99 ${load.p99.toFixed(0)} ms, ${load.ok} accepted, ${load.bad} refused/errors; stored ${counts!.leads} requests for ${accepted} 2xx (the rest were in flight when the clock stopped)`,
  );
  // Requests still in flight when a run's clock stops are stored but not counted by the client.
  const inFlight = 2 * Number(opt.connections);
  if (
    counts!.leads !== counts!.submissions ||
    counts!.leads < accepted ||
    counts!.leads > accepted + inFlight
  )
    throw new Error(
      `${label}: ${accepted} accepted but ${counts!.leads} requests and ${counts!.submissions} submissions stored`,
    );
  console.error(
    `${label}: CPU per submission — server process ${cpu.server.toFixed(2)} ms${cpu.database === null ? ' (PGlite runs inside it)' : `, PostgreSQL backends ${cpu.database.toFixed(2)} ms`}`,
  );
  return { label, ...load, cpu };
}

// pgbench's TPC-B-like transaction mix on a scratch database of the same server.
async function pgbench(adminUrl: string): Promise<number> {
  const name = `voronka_bench_pgbench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    await run('pgbench', ['-i', '-q', '-s', '10', u.toString()]);
    const { stdout } = await run('pgbench', [
      '-T',
      String(opt.duration),
      '-c',
      '8',
      '-j',
      '2',
      u.toString(),
    ]);
    const tps =
      /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout) ??
      /tps = ([\d.]+)/.exec(stdout);
    if (!tps) throw new Error(`no tps in pgbench output: ${stdout}`);
    console.error(
      `pgbench -T ${opt.duration} -c 8 -j 2 (scale 10): ${Number(tps[1]).toFixed(0)} TPS`,
    );
    return Number(tps[1]);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function main() {
  const load0 = os.loadavg();
  const rows: string[] = [];
  for (const target of opt.targets!.split(',')) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voronka-bench-intake-'));
    try {
      if (target === 'postgres') {
        const adminUrl = opt['database-url']!;
        const name = `voronka_bench_intake_${randomBytes(4).toString('hex')}`;
        const admin = new pg.Client({ connectionString: adminUrl });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${name}`);
        const version = (await admin.query<{ server_version: string }>('show server_version'))
          .rows[0]!.server_version;
        try {
          const u = new URL(adminUrl);
          u.pathname = `/${name}`;
          const r = await intake(
            `PostgreSQL ${version}`,
            { VORONKA_DATA_DIR: dir, DATABASE_URL: u.toString() },
            () => openDatabase({ databaseUrl: u.toString(), poolSize: 1 }),
          );
          const tps = await pgbench(adminUrl);
          rows.push(
            `| ${r.label} (pool 10) | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.ok} / ${r.bad} | ${r.cpu.server.toFixed(1)} + ${r.cpu.database!.toFixed(1)} | ${tps.toFixed(0)} | ${(r.perSecond / tps).toFixed(2)} × |`,
          );
        } finally {
          await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await admin.end();
        }
      } else if (target === 'pglite') {
        const r = await intake('PGlite (embedded)', { VORONKA_DATA_DIR: dir }, () =>
          openDatabase({ dataDir: dir }),
        );
        rows.push(
          `| ${r.label} | ${r.perSecond.toFixed(0)} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.ok} / ${r.bad} | ${r.cpu.server.toFixed(1)} | — | — |`,
        );
      } else throw new Error(`unknown target ${target} (postgres, pglite)`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(
    [
      `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}; load average at start ${load0.map((l) => l.toFixed(1)).join(' / ')}, at the end ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' / ')}`,
      '',
      `| Form submissions (${opt.connections} connections, ${opt.duration} s after ${opt.warmup} s warm-up, ${opt.ips} client IPs) | submissions/s | p50 ms | p95 ms | p99 ms | 2xx / other | CPU ms per submission (server + PostgreSQL) | pgbench TPS | × pgbench |`,
      '|---|---|---|---|---|---|---|---|---|',
      ...rows,
    ].join('\n'),
  );
}

await main();
