import {
  documentMoney,
  roleKeys,
  type DiscountApproval,
  type DiscountApprovalCreateBody,
  type DiscountApprovalListQuery,
  type DiscountLimits,
  type DiscountLimitsBody,
  type DocumentLine,
  type RoleKey,
  type VatMode,
} from '@voronka/contract';
import { and, desc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import { systemActor, type Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { onDomainEvent } from '../../platform/events/events.js';
import { newId } from '../../platform/ids.js';
import * as catalog from '../catalog/service.js';
import * as documents from '../documents/service.js';
import * as inbox from '../inbox/service.js';
import * as pipeline from '../pipeline/service.js';
import * as workspaces from '../workspaces/service.js';
import { discountApprovals, discountLimits } from './tables.js';

// Discount control (issue 20, DESIGN.md «Discounts»). Percentages are kept as basis points
// (hundredths of a percent) in memory: 15 % = 1500.

const DEFAULT_BP: Record<RoleKey, number> = {
  owner: 10_000,
  admin: 10_000,
  head: 1_500,
  manager: 500,
  assistant: 0,
};

const toBp = (p: string | number) => Math.round(Number(p) * 100);
const fromBp = (bp: number) => (bp / 100).toFixed(2);

async function limitsBp(ctx: Ctx): Promise<Map<RoleKey, number>> {
  const rows = await ctx.tx
    .select()
    .from(discountLimits)
    .where(eq(discountLimits.workspaceId, ctx.workspaceId));
  const m = new Map(roleKeys.map((r) => [r, DEFAULT_BP[r]]));
  for (const r of rows) m.set(r.role, toBp(r.maxPercent));
  return m;
}

// The system (jobs, CLI) acts with every right; a member by their role's limit.
async function actorLimitBp(ctx: Ctx): Promise<number> {
  if (ctx.actor.kind === 'system') return 10_000;
  if (!ctx.actor.role) return 0;
  return (await limitsBp(ctx)).get(ctx.actor.role) ?? 0;
}

export async function listDiscountLimits(ctx: Ctx): Promise<DiscountLimits> {
  const m = await limitsBp(ctx);
  return { items: roleKeys.map((role) => ({ role, maxPercent: fromBp(m.get(role)!) })) };
}

export async function setDiscountLimits(
  ctx: Ctx,
  body: DiscountLimitsBody,
): Promise<DiscountLimits> {
  const before = await listDiscountLimits(ctx);
  for (const item of body.items)
    await ctx.tx
      .insert(discountLimits)
      .values({ workspaceId: ctx.workspaceId, role: item.role, maxPercent: item.maxPercent })
      .onConflictDoUpdate({
        target: [discountLimits.workspaceId, discountLimits.role],
        set: { maxPercent: item.maxPercent, updatedAt: new Date() },
      });
  const after = await listDiscountLimits(ctx);
  await recordAudit(ctx, {
    action: 'discount_limits.updated',
    entity: 'discount_limits',
    entityId: null,
    before: before.items,
    after: after.items,
  });
  return after;
}

// The largest discount of any line, in basis points of that line's quantity × price (rounded up,
// so 5.001 % is beyond a 5 % limit). The same money as the deal card and the documents.
export function maxDiscountBp(lines: { grossKopecks: number; discountKopecks: number }[]): number {
  let max = 0;
  for (const l of lines) {
    if (l.discountKopecks <= 0 || l.grossKopecks <= 0) continue;
    max = Math.max(max, Math.ceil((l.discountKopecks * 10_000) / l.grossKopecks));
  }
  return Math.min(max, 10_000);
}

const documentBp = (lines: DocumentLine[], vatMode: VatMode) =>
  maxDiscountBp(documentMoney(lines, vatMode).lines);

type Target = { dealId: string | null; documentId: string | null };
type Row = typeof discountApprovals.$inferSelect;

// Approvals that count for a target: the document's own and its deal's.
function covering(ctx: Ctx, t: Target): SQL {
  const parts: SQL[] = [];
  if (t.documentId) parts.push(eq(discountApprovals.documentId, t.documentId));
  if (t.dealId)
    parts.push(and(eq(discountApprovals.dealId, t.dealId), isNull(discountApprovals.documentId))!);
  return and(eq(discountApprovals.workspaceId, ctx.workspaceId), or(...parts))!;
}

async function bestBp(ctx: Ctx, t: Target, status: 'approved' | 'pending'): Promise<number> {
  const [r] = await ctx.tx
    .select({ max: sql<string | null>`max(${discountApprovals.percent})` })
    .from(discountApprovals)
    .where(and(covering(ctx, t), eq(discountApprovals.status, status)));
  return r?.max ? toBp(r.max) : 0;
}

// The target's own pending request (a document's, or a deal's without a document).
function ownScope(ctx: Ctx, t: Target): SQL {
  return and(
    eq(discountApprovals.workspaceId, ctx.workspaceId),
    t.documentId
      ? eq(discountApprovals.documentId, t.documentId)
      : and(eq(discountApprovals.dealId, t.dealId!), isNull(discountApprovals.documentId)),
    eq(discountApprovals.status, 'pending'),
  )!;
}

async function withdrawPending(ctx: Ctx, t: Target, reason: string): Promise<void> {
  const rows = await ctx.tx
    .update(discountApprovals)
    .set({ status: 'withdrawn', decidedAt: new Date(), decisionComment: reason })
    .where(ownScope(ctx, t))
    .returning({ id: discountApprovals.id });
  for (const r of rows)
    await recordAudit(ctx, {
      action: 'discount_approval.withdrawn',
      entity: 'discount_approvals',
      entityId: r.id,
      after: { reason },
    });
}

// Who is asked: the heads whose limit covers the discount; when none does, the admins and owners.
async function approversFor(ctx: Ctx, bp: number): Promise<string[]> {
  const limits = await limitsBp(ctx);
  const { items } = await workspaces.listUsers(
    { ...ctx, actor: systemActor },
    { limit: 500, status: 'active' },
  );
  const able = items.filter(
    (u) => u.id !== ctx.actor.memberId && (limits.get(u.role) ?? 0) >= bp && u.role !== 'manager',
  );
  const heads = able.filter((u) => u.role === 'head');
  return (heads.length ? heads : able.filter((u) => u.role !== 'assistant')).map((u) => u.id);
}

async function createRequest(
  ctx: Ctx,
  t: Target,
  bp: number,
  comment: string | null,
): Promise<Row> {
  await withdrawPending(ctx, t, 'superseded');
  const [row] = await ctx.tx
    .insert(discountApprovals)
    .values({
      workspaceId: ctx.workspaceId,
      id: newId(),
      dealId: t.dealId,
      documentId: t.documentId,
      percent: fromBp(bp),
      status: 'pending',
      requestedBy: ctx.actor.memberId,
      requestComment: comment,
    })
    .returning();
  await recordAudit(ctx, {
    action: 'discount_approval.requested',
    entity: 'discount_approvals',
    entityId: row!.id,
    after: { dealId: t.dealId, documentId: t.documentId, percent: row!.percent, comment },
  });
  const memberIds = await approversFor(ctx, bp);
  if (memberIds.length)
    await inbox.publish(
      ctx.workspaceId,
      {
        type: 'discount.approval_requested',
        approvalId: row!.id,
        dealId: t.dealId,
        documentId: t.documentId,
        percent: row!.percent,
        status: 'pending',
        memberIds,
      },
      ctx.tx,
    );
  return row!;
}

async function targetBp(ctx: Ctx, t: Target): Promise<number> {
  if (t.documentId) {
    const d = await documents.getDocument(ctx, t.documentId);
    return documentBp(d.lines, d.vatMode);
  }
  return maxDiscountBp((await catalog.dealLinesFor(ctx, t.dealId!)).lines);
}

// Lines were saved (a deal's, a draft document's): a discount beyond the actor's limit that no
// approval or pending request covers becomes a request; one within it withdraws the request.
async function linesChanged(ctx: Ctx, t: Target): Promise<void> {
  if (ctx.actor.kind === 'system') return;
  const bp = await targetBp(ctx, t);
  if (bp <= (await actorLimitBp(ctx))) return withdrawPending(ctx, t, 'within the limit');
  if ((await bestBp(ctx, t, 'approved')) >= bp) return;
  if ((await bestBp(ctx, t, 'pending')) >= bp) return;
  await createRequest(ctx, t, bp, null);
}

onDomainEvent(async (ctx, e) => {
  if (e.type === 'deal.lines_replaced') await linesChanged(ctx, { dealId: e.id, documentId: null });
  else if (e.type === 'document.lines_saved') {
    const d = await documents.getDocument(ctx, e.id);
    if (d.type === 'quote' || d.type === 'invoice')
      await linesChanged(ctx, { dealId: d.dealId, documentId: d.id });
  }
});

// documents' issue guard (src/runtime.ts): a quote or invoice whose discount is beyond the
// issuer's limit is issued only under an approval of at least that discount.
export const discountIssueGuard: documents.IssueGuard = async (ctx, doc) => {
  const bp = documentBp(doc.lines, doc.vatMode);
  if (bp === 0) return;
  const limit = await actorLimitBp(ctx);
  if (bp <= limit) return;
  const t = { dealId: doc.dealId, documentId: doc.id };
  if ((await bestBp(ctx, t, 'approved')) >= bp) return;
  const pending = (await bestBp(ctx, t, 'pending')) >= bp;
  throw new DomainError(
    'discount.approval_required',
    `a discount of ${fromBp(bp)} % is beyond your limit of ${fromBp(limit)} % and ${
      pending ? 'awaits approval' : 'is not approved'
    }`,
    { field: 'lines' },
  );
};

async function titleOf(ctx: Ctx, r: Row): Promise<string | null> {
  try {
    if (r.documentId) {
      const d = await documents.getDocument(ctx, r.documentId);
      const deal = d.dealId ? await pipeline.getDeal(ctx, d.dealId) : null;
      return `${d.type}${d.number ? ` № ${d.number}` : ''} · ${deal?.title ?? d.buyerName ?? '—'}`;
    }
    return (await pipeline.getDeal(ctx, r.dealId!)).title;
  } catch (e) {
    // Not visible to this member (or gone): not listed.
    if (e instanceof DomainError) return null;
    throw e;
  }
}

const toApproval = (r: Row, title: string): DiscountApproval => ({
  id: r.id,
  dealId: r.dealId,
  documentId: r.documentId,
  title,
  percent: r.percent,
  status: r.status,
  requestedBy: r.requestedBy,
  requestedAt: r.requestedAt.toISOString(),
  requestComment: r.requestComment,
  decidedBy: r.decidedBy,
  decidedAt: r.decidedAt?.toISOString() ?? null,
  decisionComment: r.decisionComment,
});

async function present(ctx: Ctx, r: Row): Promise<DiscountApproval> {
  return toApproval(r, (await titleOf(ctx, r)) ?? '—');
}

export async function listDiscountApprovals(
  ctx: Ctx,
  q: DiscountApprovalListQuery,
): Promise<{ items: DiscountApproval[] }> {
  const rows = await ctx.tx
    .select()
    .from(discountApprovals)
    .where(
      and(
        eq(discountApprovals.workspaceId, ctx.workspaceId),
        q.status ? eq(discountApprovals.status, q.status) : undefined,
        q.dealId ? eq(discountApprovals.dealId, q.dealId) : undefined,
        q.documentId ? eq(discountApprovals.documentId, q.documentId) : undefined,
      ),
    )
    .orderBy(desc(discountApprovals.requestedAt))
    .limit(200);
  const items: DiscountApproval[] = [];
  for (const r of rows) {
    const title = await titleOf(ctx, r);
    if (title !== null) items.push(toApproval(r, title));
  }
  return { items };
}

// Asked by hand (the deal card's button, or after an issue was refused): what the lines carry now.
export async function requestDiscountApproval(
  ctx: Ctx,
  body: DiscountApprovalCreateBody,
): Promise<DiscountApproval> {
  let t: Target;
  if (body.documentId) {
    const d = await documents.getDocument(ctx, body.documentId);
    t = { dealId: d.dealId, documentId: d.id };
  } else {
    await workspaces.requireVisible(ctx, 'deals', body.dealId!);
    t = { dealId: body.dealId!, documentId: null };
  }
  const bp = await targetBp(ctx, t);
  if (bp <= (await actorLimitBp(ctx)))
    throw new DomainError(
      'discount_approval.not_needed',
      `a discount of ${fromBp(bp)} % is within your limit`,
      { field: body.documentId ? 'documentId' : 'dealId' },
    );
  return present(ctx, await createRequest(ctx, t, bp, body.comment || null));
}

export async function decideDiscountApproval(
  ctx: Ctx,
  id: string,
  status: 'approved' | 'rejected',
  comment: string | undefined,
): Promise<DiscountApproval> {
  const [row] = await ctx.tx
    .select()
    .from(discountApprovals)
    .where(and(eq(discountApprovals.workspaceId, ctx.workspaceId), eq(discountApprovals.id, id)))
    .for('update');
  if (!row || (await titleOf(ctx, row)) === null)
    throw new DomainError('discount_approval.not_found', 'discount approval not found');
  if (row.status !== 'pending')
    throw new DomainError('discount_approval.not_pending', `the request is ${row.status}`);
  if (ctx.actor.kind !== 'system' && row.requestedBy === ctx.actor.memberId)
    throw new DomainError('discount.beyond_limit', 'one does not decide on one’s own request');
  const limit = await actorLimitBp(ctx);
  if (toBp(row.percent) > limit)
    throw new DomainError(
      'discount.beyond_limit',
      `a discount of ${row.percent} % is beyond your limit of ${fromBp(limit)} %`,
    );
  const [after] = await ctx.tx
    .update(discountApprovals)
    .set({
      status,
      decidedBy: ctx.actor.memberId,
      decidedAt: new Date(),
      decisionComment: comment || null,
    })
    .where(and(eq(discountApprovals.workspaceId, ctx.workspaceId), eq(discountApprovals.id, id)))
    .returning();
  await recordAudit(ctx, {
    action: `discount_approval.${status}`,
    entity: 'discount_approvals',
    entityId: id,
    before: { status: row.status },
    after: { status, percent: row.percent, comment: comment || null },
  });
  if (row.requestedBy)
    await inbox.publish(
      ctx.workspaceId,
      {
        type: 'discount.approval_decided',
        approvalId: id,
        dealId: row.dealId,
        documentId: row.documentId,
        percent: row.percent,
        status,
        memberIds: [row.requestedBy],
      },
      ctx.tx,
    );
  return present(ctx, after!);
}
