import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { and, asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { openMigrated } from '../boot.js';
import { loadConfig, type Config } from '../platform/config.js';
import { inSystemWorkspace, type Ctx } from '../platform/context.js';
import type { Database } from '../platform/db/client.js';
import { DomainError } from '../platform/errors.js';
import * as workspaces from '../modules/workspaces/service.js';
import { members, workspaces as workspaceTable } from '../modules/workspaces/tables.js';

// What every CLI command shares: exit codes, errors, output, the database and option checks.

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

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const version = () =>
  JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).version as string;

export type Out = { json?: boolean };
export const print = (opts: Out, data: Record<string, unknown>, text: string) =>
  console.log(opts.json ? JSON.stringify(data) : text);
export const jsonOption = () =>
  new Option(
    '--json',
    'machine-readable output: one JSON object on stdout (errors: one on stderr)',
  );

export async function withDatabase<T>(
  fn: (db: Database, config: Config) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const database = await openMigrated(config);
  try {
    return await fn(database, config);
  } finally {
    await database.close();
  }
}

export async function workspaceCtx<T>(
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
export const valid =
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

export async function firstWorkspaceOf(
  database: Database,
  userId: string,
): Promise<string | undefined> {
  const [row] = await database.db
    .select({ slug: workspaceTable.slug })
    .from(members)
    .innerJoin(workspaceTable, eq(workspaceTable.id, members.workspaceId))
    .where(and(eq(members.userId, userId), eq(members.status, 'active')))
    .orderBy(asc(members.createdAt))
    .limit(1);
  return row?.slug;
}

// Every subcommand shares the top-level behaviour: throw instead of exiting, show help after an error.
export const sub = (parent: Command, name: string) =>
  parent.command(name).exitOverride().showHelpAfterError();
