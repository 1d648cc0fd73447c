import { randomBytes } from 'node:crypto';
import { Command, InvalidArgumentError } from 'commander';
import { and, asc, eq } from 'drizzle-orm';
import { buildApp } from './app.js';
import { openMigrated, seedDemoInto, seedFirstStart } from './boot.js';
import { loadConfig, type Config } from './platform/config.js';
import { systemActor, type Ctx } from './platform/context.js';
import type { Database } from './platform/db/client.js';
import { DataDirLockedError } from './platform/db/lock.js';
import { inWorkspace } from './platform/db/tenancy.js';
import { DomainError } from './platform/errors.js';
import * as workspaces from './modules/workspaces/service.js';
import { members, workspaces as workspaceTable } from './modules/workspaces/tables.js';
import { startWorker } from './worker.js';

type Out = { json?: boolean };
const print = (opts: Out, data: Record<string, unknown>, text: string) => console.log(opts.json ? JSON.stringify(data) : text);

async function withDatabase<T>(fn: (db: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openMigrated(config);
  try {
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

async function workspaceCtx<T>(database: Database, slug: string | undefined, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const row = slug
    ? await workspaces.findWorkspaceBySlug(database.db, slug)
    : (await database.db.select().from(workspaceTable).orderBy(asc(workspaceTable.createdAt)).limit(1))[0];
  if (!row) throw new DomainError('workspace.not_found', slug ? `no workspace with slug ${slug}` : 'there is no workspace yet');
  return inWorkspace(database.db, row.id, (tx) => fn({ tx, workspaceId: row.id, actor: systemActor, ip: null, requestId: 'cli' }));
}

const isoDate = (v: string) => {
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError('expected an ISO date, e.g. 2026-12-31 or 2026-12-31T18:00:00+03:00');
  return d;
};

async function start() {
  const config = loadConfig();
  const t0 = performance.now();
  const database = await openMigrated(config);
  const demo = await seedFirstStart(config, database);
  const app = await buildApp(config, database);
  const worker = config.runWorker ? startWorker(database.db, (msg, err) => app.log.error({ err }, msg)) : null;
  await app.listen({ port: config.port, host: config.host });
  const db = database.kind === 'pglite' ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'PostgreSQL';
  console.log(`Voronka is running at ${config.publicUrl} on ${db} (ready in ${Math.round(performance.now() - t0)} ms)`);
  if (demo) console.log(`Demo workspace "${demo.slug}" created. Sign in at ${demo.url} as ${demo.email} with password ${demo.password}`);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: finishing in-flight requests and jobs`);
    await app.close();
    await worker?.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

async function worker() {
  const config = loadConfig();
  const database = await openMigrated(config);
  const runner = startWorker(database.db, (msg, err) => console.error(msg, (err as Error)?.message ?? ''));
  console.log('Voronka worker is running');
  const stop = async () => {
    await runner.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

export function buildCli() {
  const program = new Command('voronka').description('Voronka — CRM for sales departments').showHelpAfterError();
  program.command('start').description('start the API, the web app and an in-process worker').action(start);
  program.command('worker').description('run background jobs only (scale-out: run any number)').action(worker);
  program
    .command('migrate')
    .description('apply database migrations and exit')
    .option('--json', 'machine-readable output')
    .action((o: Out) => withDatabase(async (db) => print(o, { ok: true, database: db.kind }, `Migrations applied (${db.kind}).`)));

  const ws = program.command('workspace').description('manage workspaces (operator tools)');
  ws.command('create')
    .description('create a workspace on a 7-day trial with its owner')
    .requiredOption('--name <name>', 'company name')
    .requiredOption('--owner-email <email>', "owner's e-mail")
    .option('--password <password>', "owner's password (generated when omitted)")
    .option('--owner-name <name>', "owner's name")
    .option('--json', 'machine-readable output')
    .action((o: Out & { name: string; ownerEmail: string; password?: string; ownerName?: string }) =>
      withDatabase(async (database, config) => {
        const password = o.password ?? randomBytes(9).toString('base64url');
        const email = o.ownerEmail.trim().toLowerCase();
        const c = await workspaces.createWorkspaceWithOwner(database.db, { companyName: o.name, ownerName: o.ownerName ?? email, email, password, existingUser: 'attach' });
        const signIn = { url: config.publicUrl, email, password: o.password ? undefined : password };
        print(o, { slug: c.slug, workspaceId: c.workspaceId, ...signIn }, `Workspace "${c.slug}" created. Sign in at ${config.publicUrl} as ${email}${o.password ? '' : ` with password ${password}`}`);
      }),
    );
  ws.command('trial')
    .description('set when the trial of a workspace ends (a past date expires it)')
    .argument('<slug>', 'workspace slug')
    .requiredOption('--ends <date>', 'ISO date or date-time', isoDate)
    .option('--json', 'machine-readable output')
    .action((slug: string, o: Out & { ends: Date }) =>
      withDatabase(async (database) => {
        const w = await workspaceCtx(database, slug, (ctx) => workspaces.setTrialEnd(ctx, o.ends));
        print(o, w, `Trial of "${w.slug}" ends ${w.trialEndsAt} (${w.isReadOnly ? 'expired: read-only' : `${w.trialDaysLeft} days left`}).`);
      }),
    );

  program
    .command('seed')
    .description('fill a workspace with demo data')
    .requiredOption('--demo', 'the demo data set')
    .option('--workspace <slug>', 'workspace (default: the first one)')
    .option('--json', 'machine-readable output')
    .action((o: Out & { workspace?: string }) =>
      withDatabase(async (database) => {
        const target = await workspaceCtx(database, o.workspace, async (ctx) => ctx.workspaceId);
        const r = await seedDemoInto(database, target);
        print(o, r, `Demo data added: ${r.teams} teams, ${r.users} users.`);
      }),
    );

  program
    .command('token')
    .description('API tokens')
    .command('create')
    .description("print a new API token with that user's rights")
    .requiredOption('--email <email>', 'the user')
    .option('--workspace <slug>', "workspace (default: the user's first)")
    .option('--name <name>', 'token name', 'CLI')
    .option('--json', 'machine-readable output')
    .action((o: Out & { email: string; workspace?: string; name: string }) =>
      withDatabase(async (database) => {
        const user = await workspaces.findUserByEmail(database.db, o.email);
        if (!user) throw new DomainError('user.not_found', `no user with e-mail ${o.email}`);
        const slug = o.workspace ?? (await firstWorkspaceOf(database, user.id));
        const created = await workspaceCtx(database, slug, async (ctx) => {
          const [m] = await ctx.tx.select({ id: members.id, status: members.status }).from(members).where(and(eq(members.workspaceId, ctx.workspaceId), eq(members.userId, user.id)));
          if (!m || m.status !== 'active') throw new DomainError('user.not_found', `${o.email} is not an active member of ${slug}`);
          return workspaces.createToken(ctx, o.name, m.id);
        });
        print(o, { token: created.token, id: created.apiToken.id, workspace: slug }, created.token);
      }),
    );
  return program;
}

async function firstWorkspaceOf(database: Database, userId: string): Promise<string | undefined> {
  const [row] = await database.db
    .select({ slug: workspaceTable.slug })
    .from(members)
    .innerJoin(workspaceTable, eq(workspaceTable.id, members.workspaceId))
    .where(eq(members.userId, userId))
    .orderBy(asc(members.createdAt))
    .limit(1);
  return row?.slug;
}

export async function main(argv = process.argv) {
  try {
    await buildCli().parseAsync(argv);
  } catch (err) {
    const message = err instanceof DataDirLockedError || err instanceof DomainError ? err.message : String((err as Error)?.stack ?? err);
    console.error(`voronka: ${message}`);
    process.exit(1);
  }
}
