import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { and, asc, eq } from 'drizzle-orm';
import { pino } from 'pino';
import type { z } from 'zod';
import { Email, Name, Password } from '@voronka/contract';
import {
  currentDemoSignIn,
  openMigrated,
  rememberDemoSignIn,
  seedDemoInto,
  seedFirstStart,
} from './boot.js';
import { loadConfig, type Config } from './platform/config.js';
import { inSystemWorkspace, type Ctx } from './platform/context.js';
import type { Database } from './platform/db/client.js';
import { DataDirLockedError } from './platform/db/lock.js';
import { DomainError } from './platform/errors.js';
import { installSafetyNet, loopLog } from './platform/safety-net.js';
import * as workspaces from './modules/workspaces/service.js';
import { members, workspaces as workspaceTable } from './modules/workspaces/tables.js';

// Exit codes, stable for scripts: 0 done, 1 the command failed (unknown slug or e-mail, database error),
// 2 bad usage (unknown command or option, malformed value), 3 the embedded database is held by another process.
export const EXIT = { ok: 0, failed: 1, usage: 2, locked: 3 } as const;

// A failure the operator can act on: printed as one line (or one JSON object with --json), no stack.
export class CliError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: number = EXIT.failed,
  ) {
    super(message);
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const version = () =>
  JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;

type Out = { json?: boolean };
const print = (opts: Out, data: Record<string, unknown>, text: string) =>
  console.log(opts.json ? JSON.stringify(data) : text);
const jsonOption = () =>
  new Option(
    '--json',
    'machine-readable output: one JSON object on stdout (errors: one on stderr)',
  );

async function withDatabase<T>(fn: (db: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openMigrated(config);
  try {
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

async function workspaceCtx<T>(
  database: Database,
  slug: string | undefined,
  fn: (ctx: Ctx) => Promise<T>,
): Promise<T> {
  const row = slug
    ? await workspaces.findWorkspaceBySlug(database.db, slug)
    : (
        await database.db
          .select()
          .from(workspaceTable)
          .orderBy(asc(workspaceTable.createdAt))
          .limit(1)
      )[0];
  if (!row)
    throw new DomainError(
      'workspace.not_found',
      slug
        ? `no workspace with slug "${slug}"`
        : 'there is no workspace yet: create one with `voronka workspace create`',
    );
  return inSystemWorkspace(database.db, row.id, fn, { requestId: 'cli' });
}

// Option values are checked with the same rules as the API, so the CLI cannot create what sign-in would refuse.
const valid =
  <T extends z.ZodType>(schema: T, what: string) =>
  (v: string): z.output<T> => {
    const r = schema.safeParse(v);
    if (!r.success)
      throw new InvalidArgumentError(`${what}: ${r.error.issues[0]?.message ?? 'invalid'}`);
    return r.data;
  };

// Strict ISO 8601: a date (midnight UTC) or a date-time with an optional offset. Loose forms that
// JavaScript would accept ("5", "March 3") and impossible dates (2026-02-30) are refused.
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/i;
export const isoDate = (v: string) => {
  const m = ISO.exec(v.trim());
  const d = m ? new Date(m[4] && !m[7] ? `${v.trim()}Z` : v.trim()) : null;
  if (
    !m ||
    !d ||
    Number.isNaN(d.getTime()) ||
    d.getUTCFullYear() !== Number(m[1]) ||
    d.getUTCMonth() + 1 !== Number(m[2]) ||
    (!m[7] && d.getUTCDate() !== Number(m[3]))
  ) {
    throw new InvalidArgumentError(
      'expected an ISO date, e.g. 2026-12-31 or 2026-12-31T18:00:00+03:00 (no offset means UTC)',
    );
  }
  return d;
};

async function start(o: Out) {
  const config = loadConfig();
  const t0 = performance.now();
  const database = await openMigrated(config);
  let app: Awaited<ReturnType<typeof import('./app.js').buildApp>> | undefined;
  let worker: import('./platform/jobs/jobs.js').JobRunner | null = null;
  let smtp: import('./channels/email/smtp-listener.js').SmtpListener | null = null;
  let demo: Awaited<ReturnType<typeof seedFirstStart>>;
  try {
    demo = (await seedFirstStart(config, database)) ?? (await currentDemoSignIn(config, database));
    const [{ buildApp }, { startWorker }, { createRuntime }] = await Promise.all([
      import('./app.js'),
      import('./worker.js'),
      import('./runtime.js'),
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
  const { startSmtpIntake } = await import('./channels/email/inbound.js');
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

async function worker(o: Out) {
  const config = loadConfig();
  const database = await openMigrated(config);
  const [{ startWorker }, { createRuntime }] = await Promise.all([
    import('./worker.js'),
    import('./runtime.js'),
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

type CreateOpts = Out & { name: string; ownerEmail: string; password?: string; ownerName?: string };

async function createWorkspace(o: CreateOpts) {
  await withDatabase(async (database, config) => {
    const existing = await workspaces.findUserByEmail(database.db, o.ownerEmail);
    // An existing account becomes the owner as it is: its password is never changed from here.
    if (existing && o.password)
      throw new CliError(
        'user.email_taken',
        `${o.ownerEmail} already has an account; it keeps its password: run again without --password`,
      );
    const password = o.password ?? randomBytes(9).toString('base64url');
    const c = await workspaces.createWorkspaceWithOwner(database.db, {
      companyName: o.name,
      ownerName: o.ownerName ?? o.ownerEmail,
      email: o.ownerEmail,
      password,
      existingUser: 'attach',
    });
    const shown = existing || o.password ? undefined : password;
    const signIn = existing
      ? 'with their existing password'
      : o.password
        ? 'with the given password'
        : `with password ${password}`;
    print(
      o,
      {
        slug: c.slug,
        workspaceId: c.workspaceId,
        url: config.publicUrl,
        email: o.ownerEmail,
        password: shown,
        existingUser: Boolean(existing),
      },
      `Workspace "${c.slug}" created. Sign in at ${config.publicUrl} as ${o.ownerEmail} ${signIn}`,
    );
  });
}

async function createApiToken(o: Out & { email: string; workspace?: string; name: string }) {
  await withDatabase(async (database) => {
    const user = await workspaces.findUserByEmail(database.db, o.email);
    if (!user) throw new DomainError('user.not_found', `no user with e-mail ${o.email}`);
    const slug = o.workspace ?? (await firstWorkspaceOf(database, user.id));
    if (!slug)
      throw new DomainError(
        'workspace.not_found',
        `${o.email} is not an active member of any workspace`,
      );
    const created = await workspaceCtx(database, slug, async (ctx) => {
      const [m] = await ctx.tx
        .select({ id: members.id, status: members.status })
        .from(members)
        .where(and(eq(members.workspaceId, ctx.workspaceId), eq(members.userId, user.id)));
      if (!m || m.status !== 'active')
        throw new DomainError(
          'user.not_found',
          `${o.email} is not an active member of workspace "${slug}"`,
        );
      return workspaces.createToken(ctx, o.name, m.id);
    });
    print(
      o,
      { token: created.token, id: created.apiToken.id, workspace: slug, email: o.email },
      created.token,
    );
  });
}

export function buildCli(opts: { json?: boolean } = {}) {
  const program = new Command('voronka')
    .description('Voronka — CRM for sales departments')
    .version(version(), '-V, --version')
    .showHelpAfterError()
    .exitOverride()
    // With --json a usage error is one JSON object on stderr (written by main), not commander's text.
    .configureOutput(opts.json ? { writeErr: () => undefined } : {})
    .addHelpText(
      'after',
      `
Environment: DATABASE_URL (PostgreSQL; otherwise embedded PGlite in VORONKA_DATA_DIR, default ./data),
  PORT, PUBLIC_URL, VORONKA_SECRET, LOG_LEVEL, VORONKA_WORKER=on|off.
The embedded database belongs to one process: while the server runs, stop it before running
commands that open the database (or use PostgreSQL, where they work side by side).
Exit codes: 0 done, 1 failed, 2 bad usage, 3 the embedded database is in use by another process.`,
    );
  // Every subcommand shares the top-level behaviour: throw instead of exiting, show help after an error.
  const sub = (parent: Command, name: string) =>
    parent.command(name).exitOverride().showHelpAfterError();

  sub(program, 'start')
    .description(
      'start the API, the web app and an in-process worker (first start on an empty embedded folder creates a demo workspace)',
    )
    .addOption(jsonOption())
    .action(start);
  sub(program, 'worker')
    .description(
      'run background jobs only (scale-out: run any number next to the server, PostgreSQL only)',
    )
    .addOption(jsonOption())
    .action(worker);
  sub(program, 'migrate')
    .description('apply database migrations and exit')
    .addOption(jsonOption())
    .action((o: Out) =>
      withDatabase(async (db) =>
        print(
          o,
          { ok: true, database: db.kind },
          `Migrations applied (${db.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'}).`,
        ),
      ),
    );

  const ws = sub(program, 'workspace').description('manage workspaces (operator tools)');
  sub(ws, 'create')
    .description(
      "create a workspace on a 7-day trial with its owner; prints the slug and the owner's sign-in",
    )
    .requiredOption('--name <name>', 'company name', valid(Name(), 'name'))
    .requiredOption(
      '--owner-email <email>',
      "owner's e-mail (an existing user becomes the owner and keeps their password)",
      valid(Email, 'e-mail'),
    )
    .option(
      '--password <password>',
      "owner's password, at least 10 characters (generated and printed when omitted)",
      valid(Password, 'password'),
    )
    .option(
      '--owner-name <name>',
      "owner's name (default: the e-mail)",
      valid(Name(), 'owner name'),
    )
    .addOption(jsonOption())
    .action(createWorkspace);
  sub(ws, 'trial')
    .description('set when the trial of a workspace ends (a past date makes it read-only)')
    .argument('<slug>', 'workspace slug')
    .requiredOption(
      '--ends <date>',
      'ISO date (midnight UTC) or date-time, e.g. 2026-12-31 or 2026-12-31T18:00:00+03:00',
      isoDate,
    )
    .addOption(jsonOption())
    .action((slug: string, o: Out & { ends: Date }) =>
      withDatabase(async (database) => {
        const w = await workspaceCtx(database, slug, (ctx) => workspaces.setTrialEnd(ctx, o.ends));
        print(
          o,
          w,
          `Trial of "${w.slug}" ends ${new Date(w.trialEndsAt ?? o.ends).toISOString()} (${w.isReadOnly ? 'expired: the workspace is read-only' : `${w.trialDaysLeft} days left`}).`,
        );
      }),
    );

  sub(program, 'seed')
    .description(
      'fill a workspace with demo data: teams and people, and once per workspace a client base (companies, contacts, leads, deals, tasks); running it again adds nothing twice',
    )
    .requiredOption('--demo', 'the demo data set')
    .option('--workspace <slug>', 'workspace (default: the oldest one)')
    .addOption(jsonOption())
    .action((o: Out & { workspace?: string }) =>
      withDatabase(async (database) => {
        const [target, slug] = await workspaceCtx(database, o.workspace, async (ctx) => {
          const [row] = await ctx.tx
            .select({ slug: workspaceTable.slug })
            .from(workspaceTable)
            .where(eq(workspaceTable.id, ctx.workspaceId));
          return [ctx.workspaceId, row?.slug ?? ''] as const;
        });
        const r = await seedDemoInto(database, target);
        print(
          o,
          { workspace: slug, ...r },
          `Demo data added to "${slug}": ${r.teams} teams, ${r.users} new users, ${r.companies} companies, ${r.contacts} contacts, ${r.leads} leads, ${r.deals} deals, ${r.tasks} tasks.`,
        );
      }),
    );

  const user = sub(program, 'user').description('users (operator tools)');
  sub(user, 'password')
    .description(
      'set a new password for a user (a forgotten one on a self-hosted install): prints it unless given; every session of the user ends',
    )
    .requiredOption('--email <email>', 'the user', valid(Email, 'e-mail'))
    .option(
      '--password <password>',
      'the new password (default: a generated one, printed); mind your shell history',
      valid(Password, 'password'),
    )
    .addOption(jsonOption())
    .action(setUserPassword);

  const token = sub(program, 'token').description('API tokens');
  sub(token, 'create')
    .description("print a new API token with that user's rights in the workspace")
    .requiredOption('--email <email>', 'the user', (v: string) => v.trim().toLowerCase())
    .option('--workspace <slug>', "workspace (default: the user's first)")
    .option('--name <name>', 'token name', 'CLI')
    .addOption(jsonOption())
    .action(createApiToken);
  return program;
}

async function setUserPassword(o: Out & { email: string; password?: string }) {
  const password = o.password ?? randomBytes(12).toString('base64url');
  const done = await withDatabase(async (database, config) => {
    const ok = await workspaces.setPasswordByOperator(database.db, o.email, password);
    if (ok) rememberDemoSignIn(config, o.email, password);
    return ok;
  });
  if (!done) throw new CliError('user.not_found', `no user with e-mail ${o.email}`);
  print(
    o,
    { email: o.email, password: o.password ? undefined : password, sessionsEnded: true },
    `New password for ${o.email}${o.password ? ' set' : `: ${password}`}. Every session of this user has ended.`,
  );
}

async function firstWorkspaceOf(database: Database, userId: string): Promise<string | undefined> {
  const [row] = await database.db
    .select({ slug: workspaceTable.slug })
    .from(members)
    .innerJoin(workspaceTable, eq(workspaceTable.id, members.workspaceId))
    .where(and(eq(members.userId, userId), eq(members.status, 'active')))
    .orderBy(asc(members.createdAt))
    .limit(1);
  return row?.slug;
}

// Any error as { code, message, exitCode }: known ones without a stack, unknown ones with it only at LOG_LEVEL=debug.
export function describeError(err: unknown): {
  code: string;
  message: string;
  exitCode: number;
  stack?: string;
} {
  if (err instanceof CliError)
    return { code: err.code, message: err.message, exitCode: err.exitCode };
  if (err instanceof DataDirLockedError)
    return { code: 'database.locked', message: err.message, exitCode: EXIT.locked };
  if (err instanceof DomainError)
    return { code: err.code, message: err.message, exitCode: EXIT.failed };
  const e = err as NodeJS.ErrnoException & { errors?: Error[] };
  const sys = e?.code ?? e?.errors?.[0]?.['code' as never];
  if (
    sys === 'ECONNREFUSED' ||
    sys === 'ENOTFOUND' ||
    sys === '3D000' ||
    sys === '28P01' ||
    sys === '28000'
  ) {
    return {
      code: 'database.unreachable',
      message: `cannot use the PostgreSQL database in DATABASE_URL: ${e.message || String(sys)}`,
      exitCode: EXIT.failed,
    };
  }
  const message = e instanceof Error ? e.message : String(err);
  if (message.startsWith('Invalid configuration'))
    return { code: 'config.invalid', message, exitCode: EXIT.usage };
  return {
    code: 'internal',
    message,
    exitCode: EXIT.failed,
    stack: e instanceof Error ? e.stack : undefined,
  };
}

export async function main(argv = process.argv) {
  const json = argv.includes('--json');
  try {
    await buildCli({ json }).parseAsync(argv);
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version are not errors; commander already printed its message for real ones.
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version')
        process.exit(EXIT.ok);
      if (err.code === 'commander.help') process.exit(EXIT.usage); // a command group without its subcommand
      if (json)
        console.error(
          JSON.stringify({
            error: { code: 'cli.usage', message: err.message.replace(/^error: /, '') },
          }),
        );
      process.exit(EXIT.usage);
    }
    const d = describeError(err);
    const debug = /^(debug|trace)$/.test(process.env.LOG_LEVEL ?? '');
    if (json) console.error(JSON.stringify({ error: { code: d.code, message: d.message } }));
    else
      console.error(
        `voronka: ${d.message}${d.stack && debug ? `\n${d.stack}` : d.stack ? '\n(set LOG_LEVEL=debug for the stack trace)' : ''}`,
      );
    process.exit(d.exitCode);
  }
}
