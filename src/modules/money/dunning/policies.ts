import {
  DunningPolicyBody as PolicySchema,
  type DunningPolicy,
  type DunningPolicyBody,
  type DunningPolicyList,
  type DunningPreview,
  type DunningPreviewBody,
} from '@voronka/contract';
import { and, asc, eq, ne } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { Ctx } from '../../../platform/context.js';
import { DomainError, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { fillTemplate, stepProblems, textProblem } from './rules.js';
import { invoiceVars, sampleVars } from './vars.js';
import { dunningPolicies } from './tables.js';

type PolicyRow = typeof dunningPolicies.$inferSelect;

const toPolicy = (r: PolicyRow): DunningPolicy => ({
  id: r.id,
  name: r.name,
  isDefault: r.isDefault,
  enabled: r.enabled,
  steps: r.steps,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const byId = (ctx: Ctx, id: string) =>
  and(eq(dunningPolicies.workspaceId, ctx.workspaceId), eq(dunningPolicies.id, id));

async function findPolicy(ctx: Ctx, id: string): Promise<PolicyRow> {
  const [row] = await ctx.tx.select().from(dunningPolicies).where(byId(ctx, id)).for('update');
  if (!row) throw notFound('dunning_policy.not_found', 'dunning policy');
  return row;
}

function checked(input: DunningPolicyBody) {
  const body = PolicySchema.parse(input);
  const [problem] = stepProblems(body.steps);
  if (problem)
    throw new DomainError('dunning_policy.invalid', problem.reason, { field: problem.field });
  // Sorted by day: the ladder reads top to bottom as it happens.
  return { ...body, steps: [...body.steps].sort((a, b) => a.offsetDays - b.offsetDays) };
}

// A new default takes the place of the old one (the partial unique index keeps it to one).
async function clearOtherDefaults(ctx: Ctx, id: string) {
  await ctx.tx
    .update(dunningPolicies)
    .set({ isDefault: false, updatedAt: new Date() })
    .where(
      and(
        eq(dunningPolicies.workspaceId, ctx.workspaceId),
        eq(dunningPolicies.isDefault, true),
        ne(dunningPolicies.id, id),
      ),
    );
}

export async function listPolicies(ctx: Ctx): Promise<DunningPolicyList> {
  const rows = await ctx.tx
    .select()
    .from(dunningPolicies)
    .where(eq(dunningPolicies.workspaceId, ctx.workspaceId))
    .orderBy(asc(dunningPolicies.createdAt));
  return { items: rows.map(toPolicy) };
}

export async function getPolicy(ctx: Ctx, id: string): Promise<DunningPolicy> {
  return toPolicy(await findPolicy(ctx, id));
}

export async function createPolicy(ctx: Ctx, input: DunningPolicyBody): Promise<DunningPolicy> {
  const body = checked(input);
  const id = newId();
  // The workspace's first ladder is its default.
  const [any] = await ctx.tx
    .select({ id: dunningPolicies.id })
    .from(dunningPolicies)
    .where(eq(dunningPolicies.workspaceId, ctx.workspaceId))
    .limit(1);
  const isDefault = body.isDefault || !any;
  if (isDefault) await clearOtherDefaults(ctx, id);
  const [row] = await ctx.tx
    .insert(dunningPolicies)
    .values({ workspaceId: ctx.workspaceId, id, ...body, isDefault })
    .returning();
  await recordAudit(ctx, {
    action: 'dunning_policy.created',
    entity: 'finance',
    entityId: id,
    after: body,
  });
  return toPolicy(row!);
}

export async function updatePolicy(
  ctx: Ctx,
  id: string,
  input: DunningPolicyBody,
): Promise<DunningPolicy> {
  const before = await findPolicy(ctx, id);
  const body = checked(input);
  if (body.isDefault) await clearOtherDefaults(ctx, id);
  const [row] = await ctx.tx
    .update(dunningPolicies)
    .set({ ...body, updatedAt: new Date() })
    .where(byId(ctx, id))
    .returning();
  await recordAudit(ctx, {
    action: 'dunning_policy.updated',
    entity: 'finance',
    entityId: id,
    before: toPolicy(before),
    after: body,
  });
  return toPolicy(row!);
}

export async function deletePolicy(ctx: Ctx, id: string): Promise<void> {
  const before = await findPolicy(ctx, id);
  await ctx.tx.delete(dunningPolicies).where(byId(ctx, id));
  await recordAudit(ctx, {
    action: 'dunning_policy.deleted',
    entity: 'finance',
    entityId: id,
    before: toPolicy(before),
  });
}

// The workspace's ladder the scan follows: its default, if enabled.
export async function activePolicy(ctx: Ctx): Promise<PolicyRow | null> {
  const [row] = await ctx.tx
    .select()
    .from(dunningPolicies)
    .where(
      and(
        eq(dunningPolicies.workspaceId, ctx.workspaceId),
        eq(dunningPolicies.isDefault, true),
        eq(dunningPolicies.enabled, true),
      ),
    );
  return row ?? null;
}

// A step's subject and text filled from a real invoice, or from a sample one.
export async function previewStep(ctx: Ctx, body: DunningPreviewBody): Promise<DunningPreview> {
  for (const key of ['subject', 'text'] as const) {
    const reason = textProblem(body[key]);
    if (reason) throw new DomainError('dunning_policy.invalid', reason, { field: key });
  }
  const vars = body.invoiceId ? await invoiceVars(ctx, body.invoiceId) : sampleVars();
  if (!vars)
    throw new DomainError('document.not_found', 'invoice not found', { field: 'invoiceId' });
  return { subject: fillTemplate(body.subject, vars), text: fillTemplate(body.text, vars) };
}
