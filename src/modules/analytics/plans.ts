import type {
  SalesPlan,
  SalesPlanBody,
  SalesPlanQuery,
  SalesPlanUpdateBody,
} from '@voronka/contract';
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/rls.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { salesPlans } from './tables.js';

// Sales plans: the head sets them (the `plans` entity), every change audited. A manager who sees
// only their own reads only their own member plans.

type Row = typeof salesPlans.$inferSelect;
const toPlan = (r: Row): SalesPlan => ({
  id: r.id,
  period: r.period,
  start: r.start,
  scope: r.scope,
  scopeId: r.scopeId,
  basis: r.basis,
  amount: r.amount,
  updatedAt: r.updatedAt.toISOString(),
});

const ownOnly = (ctx: Ctx) => ctx.actor.permissions?.plans.visibility === 'own';

export async function listPlans(ctx: Ctx, q: SalesPlanQuery): Promise<{ items: SalesPlan[] }> {
  const year = q.year ?? new Date().getUTCFullYear();
  const rows = await ctx.tx
    .select()
    .from(salesPlans)
    .where(
      and(
        eq(salesPlans.workspaceId, ctx.workspaceId),
        gte(salesPlans.start, `${year}-01-01`),
        lt(salesPlans.start, `${year + 1}-01-01`),
        ownOnly(ctx)
          ? and(eq(salesPlans.scope, 'member'), eq(salesPlans.scopeId, ctx.actor.memberId ?? ''))
          : undefined,
      ),
    )
    .orderBy(asc(salesPlans.start), asc(salesPlans.scope), asc(salesPlans.basis));
  return { items: rows.map(toPlan) };
}

// The team or member a plan names exists in this workspace.
async function assertScope(ctx: Ctx, scope: SalesPlanBody['scope'], id: string | null | undefined) {
  if (scope === 'department' || !id) return;
  const table = scope === 'team' ? sql`teams` : sql`members`;
  const [row] = rowsOf<{ id: string }>(
    await ctx.tx.execute(
      sql`select id from ${table} where workspace_id = ${ctx.workspaceId} and id = ${id}`,
    ),
  );
  if (!row)
    throw new DomainError(
      scope === 'team' ? 'team.not_found' : 'user.not_found',
      `${scope} not found`,
      {
        field: 'scopeId',
      },
    );
}

export async function createPlan(ctx: Ctx, body: SalesPlanBody): Promise<SalesPlan> {
  await assertScope(ctx, body.scope, body.scopeId);
  const [row] = await ctx.tx
    .insert(salesPlans)
    .values({
      workspaceId: ctx.workspaceId,
      id: newId(),
      period: body.period,
      start: body.start,
      scope: body.scope,
      scopeId: body.scopeId ?? null,
      basis: body.basis,
      amount: body.amount,
      updatedBy: ctx.actor.memberId,
    })
    .onConflictDoNothing()
    .returning();
  if (!row)
    throw new DomainError('sales_plan.exists', 'a plan for this period, scope and basis exists', {
      field: 'start',
    });
  const plan = toPlan(row);
  await recordAudit(ctx, {
    action: 'create',
    entity: 'sales_plan',
    entityId: plan.id,
    after: plan,
  });
  return plan;
}

async function loadPlan(ctx: Ctx, id: string): Promise<Row> {
  const [row] = await ctx.tx
    .select()
    .from(salesPlans)
    .where(and(eq(salesPlans.workspaceId, ctx.workspaceId), eq(salesPlans.id, id)))
    .for('update');
  if (!row) throw new DomainError('sales_plan.not_found', 'sales plan not found');
  return row;
}

export async function updatePlan(
  ctx: Ctx,
  id: string,
  body: SalesPlanUpdateBody,
): Promise<SalesPlan> {
  const before = toPlan(await loadPlan(ctx, id));
  const [row] = await ctx.tx
    .update(salesPlans)
    .set({ amount: body.amount, updatedBy: ctx.actor.memberId, updatedAt: new Date() })
    .where(and(eq(salesPlans.workspaceId, ctx.workspaceId), eq(salesPlans.id, id)))
    .returning();
  const after = toPlan(row!);
  await recordAudit(ctx, { action: 'update', entity: 'sales_plan', entityId: id, before, after });
  return after;
}

export async function deletePlan(ctx: Ctx, id: string): Promise<void> {
  const before = toPlan(await loadPlan(ctx, id));
  await ctx.tx
    .delete(salesPlans)
    .where(and(eq(salesPlans.workspaceId, ctx.workspaceId), eq(salesPlans.id, id)));
  await recordAudit(ctx, { action: 'delete', entity: 'sales_plan', entityId: id, before });
}
