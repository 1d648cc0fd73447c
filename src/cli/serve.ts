import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { currentDemoSignIn, openMigrated, seedFirstStart } from '../boot.js';
import { loadConfig, type Config } from '../platform/config.js';
import type { Database } from '../platform/db/client.js';
import { installSafetyNet, loopLog } from '../platform/safety-net.js';
import { CliError, print, type Out } from './common.js';

// `voronka start` (the server, its worker and the SMTP intake) and `voronka worker`.

export async function start(o: Out) {
  const config = loadConfig();
  const t0 = performance.now();
  if (!config.databaseUrl && !fs.existsSync(path.join(config.dataDir, 'PG_VERSION')))
    await firstStartInChild();
  const database = await openMigrated(config);
  let app: Awaited<ReturnType<typeof import('../app.js').buildApp>> | undefined;
  let worker: import('../platform/jobs/jobs.js').JobRunner | null = null;
  let smtp: import('../channels/email/smtp-listener.js').SmtpListener | null = null;
  let demo: Awaited<ReturnType<typeof seedFirstStart>>;
  try {
    demo = (await seedFirstStart(config, database)) ?? (await currentDemoSignIn(config, database));
    const [{ buildApp }, { startWorker }, { createRuntime }] = await Promise.all([
      import('../app.js'),
      import('../worker.js'),
      import('../runtime.js'),
    ]);
    // One runtime for the server and its in-process worker.
    const runtime = createRuntime(config, database);
    app = await buildApp(config, database, runtime);
    const log = app.log;
    installSafetyNet(log);
    worker = config.runWorker ? startWorker(runtime, loopLog(log)) : null;
    await app.listen({ port: config.port, host: config.host });
    smtp = await startSmtp(config, database, log);
  } catch (err) {
    await smtp?.close().catch(() => undefined);
    await app?.close().catch(() => undefined);
    await worker?.stop().catch(() => undefined);
    await database.close().catch(() => undefined);
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new CliError(
        'server.port_in_use',
        `port ${config.port} is already in use: stop what holds it or set PORT to another port`,
      );
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const readyMs = Math.round(performance.now() - t0);
  const where =
    database.kind === 'pglite' ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL';
  print(
    o,
    {
      url: config.publicUrl,
      port,
      smtpPort: smtp?.port ?? null,
      database: database.kind,
      dataDir: database.kind === 'pglite' ? config.dataDir : undefined,
      readyMs,
      demo: demo ?? undefined,
    },
    startBlock({ url: config.publicUrl, where, readyMs, smtpPort: smtp?.port ?? null, demo }),
  );
  let closing = false;
  const running = app;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    running.log.info(`${signal}: finishing in-flight requests and jobs`);
    await smtp?.close();
    await running.close();
    await worker?.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

// The first start on an empty embedded folder (PGlite's initdb, every migration, the demo workspace)
// runs in a child process that exits; the server then opens the prepared folder afresh. PGlite's
// WebAssembly memory only grows, so the heap initdb and seeding needed (~100 MB) would otherwise stay
// in the server for its whole life; reopening in the same process did not give it back.
async function firstStartInChild(): Promise<void> {
  const bin = process.argv[1];
  if (!bin || !/voronka(\.js)?$/.test(bin)) {
    // Not started through bin/voronka.js (an embedding program): prepare in this process.
    await prepareFirstStart();
    return;
  }
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, [...process.execArgv, bin, 'prepare-first-start'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // Stopped while preparing: the child stops too (it holds the folder's lock), then this process.
    const stop = (signal: NodeJS.Signals) => {
      child.kill(signal);
      child.once('exit', () => process.exit(1));
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    child.on('error', reject);
    child.on('exit', (c) => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve(c);
    });
  });
  if (code !== 0) throw new CliError('start.prepare_failed', `first start failed (exit ${code})`);
}

export async function prepareFirstStart(): Promise<void> {
  const config = loadConfig();
  const database = await openMigrated(config);
  try {
    await seedFirstStart(config, database);
  } finally {
    await database.close();
  }
}

// What a person starting Voronka needs, printed last and framed so it is not lost among log lines:
// where it runs, and (on the embedded database) the demo sign-in, at every start while it still works.
export function startBlock(o: {
  url: string;
  where: string;
  readyMs: number;
  smtpPort: number | null;
  demo: Awaited<ReturnType<typeof seedFirstStart>>;
}): string {
  const lines = [`Voronka is running: ${o.url}`, `Database: ${o.where} (ready in ${o.readyMs} ms)`];
  if (o.smtpPort !== null) lines.push(`E-mail intake: SMTP port ${o.smtpPort}`);
  if (o.demo) {
    lines.push(
      '',
      `Demo workspace "${o.demo.slug}": sign in at ${o.demo.url}`,
      `  e-mail:   ${o.demo.email}`,
      `  password: ${o.demo.password}`,
    );
    if (o.demo.people.length)
      lines.push(
        'The demo department signs in with the same password:',
        ...o.demo.people.map((p) => `  ${p.email} (${p.role})`),
      );
    lines.push(`Forgot a password? npm run voronka -- user password --email ${o.demo.email}`);
  }
  const rule = '─'.repeat(Math.min(100, Math.max(...lines.map((l) => l.length)) + 2));
  return ['', rule, ...lines.map((l) => (l ? ` ${l}` : '')), rule, ''].join('\n');
}

// The e-mail intake's SMTP listener (VORONKA_SMTP_PORT; 'off' runs none in this process).
async function startSmtp(
  config: Config,
  database: Database,
  log: { info(msg: string): void; error(o: object, msg: string): void },
) {
  if (config.smtpPort === null) return null;
  const { startSmtpIntake } = await import('../channels/email/inbound.js');
  try {
    return await startSmtpIntake(database.db, {
      host: config.host,
      port: config.smtpPort,
      tls: config.smtpTls,
      name: new URL(config.publicUrl).hostname,
      log: loopLog(log),
    });
  } catch (err) {
    if (
      (err as NodeJS.ErrnoException).code === 'EADDRINUSE' ||
      (err as NodeJS.ErrnoException).code === 'EACCES'
    ) {
      throw new CliError(
        'smtp.port_in_use',
        `SMTP port ${config.smtpPort} cannot be opened (${(err as NodeJS.ErrnoException).code}): set VORONKA_SMTP_PORT to another port, or to 'off'`,
      );
    }
    throw err;
  }
}

export async function worker(o: Out) {
  const config = loadConfig();
  const database = await openMigrated(config);
  const [{ startWorker }, { createRuntime }] = await Promise.all([
    import('../worker.js'),
    import('../runtime.js'),
  ]);
  const log = pino({ level: config.logLevel });
  installSafetyNet(log);
  const runner = startWorker(createRuntime(config, database), loopLog(log));
  print(
    o,
    { worker: 'running', database: database.kind },
    `Voronka worker is running on ${database.kind === 'pglite' ? `embedded PostgreSQL in ${config.dataDir}` : 'PostgreSQL'}`,
  );
  const stop = async () => {
    await runner.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}
