// Voronka benchmarks (npm run bench -- [startup|throughput|all] [options]); method in bench/README.md.
//   startup     spawn of `node bin/voronka.js start` → GET /readyz 200, first start on an empty embedded
//               folder and a later start on the same folder, plus the idle RSS of the server process
//   throughput  autocannon against GET /api/v1/me (Bearer token from `voronka token create`) on PGlite and
//               on PostgreSQL, beside a bare Fastify hello-world, all in one run
// Options: --runs N (startup, default 3) --connections N (20) --duration S (10) --warmup S (2)
//          --targets hello,pglite,postgres   --database-url URL (admin URL for PostgreSQL; default
//          $BENCH_DATABASE_URL or postgres://postgres@127.0.0.1:5432/postgres)
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { freePort } from '../src/test/ports.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'voronka.js');

const { positionals, values: opt } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string', default: '3' },
    connections: { type: 'string', default: '20' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '2' },
    targets: { type: 'string', default: 'hello,pglite,postgres' },
    'database-url': {
      type: 'string',
      default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
  },
});
const what = positionals[0] ?? 'all';

type Env = Record<string, string>;
const childEnv = (env: Env): NodeJS.ProcessEnv => {
  const e: NodeJS.ProcessEnv = {
    ...process.env,
    LOG_LEVEL: 'warn',
    VORONKA_SMTP_PORT: '0',
    // Benchmarks measure the server, not the per-workspace limit (600 per 10 s by default).
    VORONKA_RATE_LIMIT: '0',
    ...env,
  };
  if (!env.DATABASE_URL) delete e.DATABASE_URL;
  return e;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const rssMb = (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

function cli(args: string[], env: Env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: root,
      env: childEnv({ LOG_LEVEL: 'silent', ...env }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`voronka ${args.join(' ')} exited ${code}: ${err}`)),
    );
  });
}

type Proc = { child: ChildProcess; port: number; readyMs: number; stop(): Promise<void> };

// Spawns a server and polls `readyPath` every 20 ms; the clock starts just before spawn().
async function spawnServer(
  args: string[],
  env: Env,
  readyPath: string,
  timeoutMs = 120_000,
): Promise<Proc> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: childEnv({
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: `http://127.0.0.1:${port}`,
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
  while (performance.now() - t0 < timeoutMs) {
    if (child.exitCode !== null)
      throw new Error(`${args.join(' ')} exited ${child.exitCode}: ${out}`);
    const ok = await fetch(`http://127.0.0.1:${port}${readyPath}`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return { child, port, readyMs: performance.now() - t0, stop };
    await sleep(20);
  }
  await stop();
  throw new Error(`not ready in ${timeoutMs} ms: ${out}`);
}

const startVoronka = (env: Env) => spawnServer([bin, 'start'], env, '/readyz');

async function startup(runs: number) {
  const first: number[] = [];
  const later: number[] = [];
  const rssFirst: number[] = [];
  const rssLater: number[] = [];
  for (let i = 0; i < runs; i++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voronka-bench-'));
    try {
      const env = { VORONKA_DATA_DIR: dir };
      let s = await startVoronka(env);
      first.push(s.readyMs);
      await sleep(5000); // idle: the demo seeding is done, the worker has polled, GC had a chance
      rssFirst.push(rssMb(s.child.pid!));
      await s.stop();
      s = await startVoronka(env);
      later.push(s.readyMs);
      await sleep(5000);
      rssLater.push(rssMb(s.child.pid!));
      await s.stop();
      console.error(
        `startup run ${i + 1}: first ${(first.at(-1)! / 1000).toFixed(2)} s (RSS ${rssFirst.at(-1)!.toFixed(0)} MB), later ${(later.at(-1)! / 1000).toFixed(2)} s (RSS ${rssLater.at(-1)!.toFixed(0)} MB)`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const s = (xs: number[]) => xs.map((x) => (x / 1000).toFixed(2)).join(', ');
  const mb = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  return [
    `| First start on an empty embedded folder → /readyz | ${(median(first) / 1000).toFixed(2)} s | ${s(first)} | ≤ 20 s |`,
    `| Later start → /readyz | ${(median(later) / 1000).toFixed(2)} s | ${s(later)} | ≤ 3 s |`,
    `| RSS idle after first start | ${median(rssFirst).toFixed(0)} MB | ${mb(rssFirst)} | ≤ 500 MB |`,
    `| RSS idle after a later start | ${median(rssLater).toFixed(0)} MB | ${mb(rssLater)} | ≤ 500 MB |`,
  ];
}

type Load = {
  name: string;
  reqAvg: number;
  p99: number;
  p50: number;
  total: number;
  bad: number;
  rssMb: number;
};

async function load(
  name: string,
  proc: Proc,
  pathname: string,
  headers: Record<string, string>,
): Promise<Load> {
  const url = `http://127.0.0.1:${proc.port}${pathname}`;
  const connections = Number(opt.connections);
  const warm = Number(opt.warmup);
  if (warm > 0) await autocannon({ url, connections, duration: warm, headers });
  const r = await autocannon({ url, connections, duration: Number(opt.duration), headers });
  const result = {
    name,
    reqAvg: r.requests.average,
    p99: r.latency.p99,
    p50: r.latency.p50,
    total: r.requests.total,
    bad: r.non2xx + r.errors + r.timeouts,
    rssMb: rssMb(proc.child.pid!),
  };
  console.error(
    `${name}: ${result.reqAvg.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${result.total} requests, ${result.bad} non-2xx/errors, RSS ${result.rssMb.toFixed(0)} MB`,
  );
  if (result.bad > 0) throw new Error(`${name}: ${result.bad} requests failed`);
  return result;
}

async function voronkaTarget(name: string, env: Env): Promise<Load> {
  const email = 'bench@example.com';
  await cli(['migrate'], env);
  const { slug } = JSON.parse(
    await cli(['workspace', 'create', '--name', 'Bench', '--owner-email', email, '--json'], env),
  ) as { slug: string };
  const { token } = JSON.parse(
    await cli(['token', 'create', '--email', email, '--workspace', slug, '--json'], env),
  ) as { token: string };
  const proc = await startVoronka({ ...env, VORONKA_WORKER: 'off', LOG_LEVEL: 'warn' });
  try {
    return await load(name, proc, '/api/v1/me', { authorization: `Bearer ${token}` });
  } finally {
    await proc.stop();
  }
}

async function throughput(targets: string[]) {
  const results: Load[] = [];
  for (const t of targets) {
    if (t === 'hello') {
      const proc = await spawnServer(
        ['--import', 'tsx', path.join(root, 'bench', 'hello.ts')],
        {},
        '/hello',
      );
      try {
        results.push(await load('Fastify hello-world (GET /hello)', proc, '/hello', {}));
      } finally {
        await proc.stop();
      }
    } else if (t === 'pglite') {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voronka-bench-'));
      try {
        results.push(
          await voronkaTarget('Voronka GET /api/v1/me, PGlite', { VORONKA_DATA_DIR: dir }),
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } else if (t === 'postgres') {
      const adminUrl = opt['database-url']!;
      const name = `voronka_bench_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'voronka-bench-'));
      try {
        const u = new URL(adminUrl);
        u.pathname = `/${name}`;
        results.push(
          await voronkaTarget('Voronka GET /api/v1/me, PostgreSQL 15', {
            VORONKA_DATA_DIR: dir,
            DATABASE_URL: u.toString(),
          }),
        );
      } finally {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
        fs.rmSync(dir, { recursive: true, force: true });
      }
    } else throw new Error(`unknown target ${t} (hello, pglite, postgres)`);
  }
  const hello = results.find((r) => r.name.startsWith('Fastify'));
  return results.map(
    (r) =>
      `| ${r.name} | ${r.reqAvg.toFixed(0)} | ${r.p50} | ${r.p99} | ${hello && r !== hello ? `${(r.reqAvg / hello.reqAvg).toFixed(2)} ×` : '—'} | ${r.rssMb.toFixed(0)} MB |`,
  );
}

const started = new Date();
const out: string[] = [
  `Measured ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores (${os.cpus()[0]?.model.trim()}), Node ${process.version}, load average at start ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')}`,
];
if (what === 'startup' || what === 'all') {
  out.push(
    '',
    '| Start (median of ' + opt.runs + ') | Median | Runs | Aim |',
    '|---|---|---|---|',
    ...(await startup(Number(opt.runs))),
  );
}
if (what === 'throughput' || what === 'all') {
  out.push(
    '',
    `| Throughput (${opt.connections} connections, ${opt.duration} s after ${opt.warmup} s warm-up) | req/s avg | p50 ms | p99 ms | × hello | server RSS after |`,
    '|---|---|---|---|---|---|',
    ...(await throughput(opt.targets!.split(','))),
  );
}
if (!['startup', 'throughput', 'all'].includes(what)) {
  console.error(`unknown benchmark ${what}: use startup, throughput or all`);
  process.exit(2);
}
out.push(
  '',
  `Load average at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ')} (1/5/15 min; other work on the machine skews every figure)`,
);
console.log(out.join('\n'));
