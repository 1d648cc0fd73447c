import type { Workspace, WorkspaceUpdateBody } from '@voronka/contract';
import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/types.js';
import { DomainError } from '../../platform/errors.js';
import { trialDaysLeft } from './rules.js';
import { workspaces } from './tables.js';

type WorkspaceRow = typeof workspaces.$inferSelect;

export function toWorkspace(row: WorkspaceRow, now = new Date()): Workspace {
  const expired =
    row.plan === 'trial' && row.trialEndsAt !== null && row.trialEndsAt.getTime() <= now.getTime();
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    plan: row.plan,
    trialEndsAt: row.trialEndsAt?.toISOString() ?? null,
    trialDaysLeft: row.plan === 'trial' ? trialDaysLeft(row.trialEndsAt, now) : null,
    isReadOnly: expired,
    timezone: row.timezone,
    locale: row.locale,
    requireTwoFactor: row.requireTwoFactor,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function loadWorkspaceRow(tx: Executor, id: string): Promise<WorkspaceRow> {
  const [row] = await tx.select().from(workspaces).where(eq(workspaces.id, id));
  if (!row) throw new DomainError('workspace.not_found', 'workspace not found');
  return row;
}

export async function getWorkspace(ctx: Ctx): Promise<Workspace> {
  return toWorkspace(await loadWorkspaceRow(ctx.tx, ctx.workspaceId));
}

export async function updateWorkspace(ctx: Ctx, body: WorkspaceUpdateBody): Promise<Workspace> {
  const before = await loadWorkspaceRow(ctx.tx, ctx.workspaceId);
  const [after] = await ctx.tx
    .update(workspaces)
    .set({ ...body, updatedAt: sql`now()` })
    .where(eq(workspaces.id, ctx.workspaceId))
    .returning();
  await recordAudit(ctx, {
    action: 'workspace.updated',
    entity: 'workspace',
    entityId: ctx.workspaceId,
    before: pick(before, body),
    after: pick(after!, body),
  });
  return toWorkspace(after!);
}

// An operator's tool (CLI): set when the trial ends; a date in the past expires it.
export async function setTrialEnd(ctx: Ctx, endsAt: Date): Promise<Workspace> {
  const before = await loadWorkspaceRow(ctx.tx, ctx.workspaceId);
  const [after] = await ctx.tx
    .update(workspaces)
    .set({ trialEndsAt: endsAt, plan: 'trial', updatedAt: sql`now()` })
    .where(eq(workspaces.id, ctx.workspaceId))
    .returning();
  await recordAudit(ctx, {
    action: 'workspace.trial_changed',
    entity: 'workspace',
    entityId: ctx.workspaceId,
    before: { trialEndsAt: before.trialEndsAt },
    after: { trialEndsAt: endsAt },
  });
  return toWorkspace(after!);
}

export async function findWorkspaceBySlug(
  tx: Executor,
  slug: string,
): Promise<WorkspaceRow | null> {
  const [row] = await tx.select().from(workspaces).where(eq(workspaces.slug, slug));
  return row ?? null;
}

function pick(row: WorkspaceRow, keys: object) {
  return Object.fromEntries(Object.keys(keys).map((k) => [k, row[k as keyof WorkspaceRow]]));
}
