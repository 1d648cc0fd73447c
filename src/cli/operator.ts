import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { and, eq } from 'drizzle-orm';
import { Email, Name, Password } from '@voronka/contract';
import { rememberDemoSignIn, seedDemoInto } from '../boot.js';
import { DomainError } from '../platform/errors.js';
import * as workspaces from '../modules/workspaces/service.js';
import { members, workspaces as workspaceTable } from '../modules/workspaces/tables.js';
import {
  CliError,
  firstWorkspaceOf,
  isoDate,
  jsonOption,
  print,
  sub,
  valid,
  withDatabase,
  workspaceCtx,
  type Out,
} from './common.js';

// The operator's commands: workspaces (create, trial, demo data), user passwords, API tokens.

export function workspaceCommands(program: Command) {
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
}

export function seedCommand(program: Command) {
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
}

export function accountCommands(program: Command) {
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
