import {
  DunningPauseBody as PauseSchema,
  type DunningPause,
  type DunningPauseBody,
  type DunningRun,
  type DunningState,
} from '@voronka/contract';
import { and, desc, eq, gt, isNull, or } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/audit.js';
import type { Ctx } from '../../../platform/context.js';
import { DomainError } from '../../../platform/errors.js';
import { assertCompany } from '../../clients/service.js';
import { invoiceFacts } from '../../documents/service.js';
import { dunningPauses, dunningRuns } from './tables.js';

// A person pauses dunning for a client (a promise to pay, a dispute): no step fires while paused.
// A pause with an end resumes by itself; every pause and resume is audited.

type PauseRow = typeof dunningPauses.$inferSelect;

const byCompany = (ctx: Ctx, companyId: string) =>
  and(eq(dunningPauses.workspaceId, ctx.workspaceId), eq(dunningPauses.companyId, companyId));

const toPause = (r: PauseRow): DunningPause => ({
  pausedBy: r.pausedBy,
  reason: r.reason,
  until: r.until?.toISOString() ?? null,
  pausedAt: r.createdAt.toISOString(),
});

// The pause in force now (an ended one counts for nothing).
export async function activePause(ctx: Ctx, companyId: string): Promise<PauseRow | null> {
  const [row] = await ctx.tx
    .select()
    .from(dunningPauses)
    .where(
      and(
        byCompany(ctx, companyId),
        or(isNull(dunningPauses.until), gt(dunningPauses.until, new Date())),
      ),
    );
  return row ?? null;
}

export async function getDunningState(ctx: Ctx, companyId: string): Promise<DunningState> {
  await assertCompany(ctx, companyId, 'id');
  const pause = await activePause(ctx, companyId);
  const rows = await ctx.tx
    .select()
    .from(dunningRuns)
    .where(and(eq(dunningRuns.workspaceId, ctx.workspaceId), eq(dunningRuns.companyId, companyId)))
    .orderBy(desc(dunningRuns.createdAt))
    .limit(50);
  const facts = new Map(
    (await invoiceFacts(ctx, [...new Set(rows.map((r) => r.invoiceId))])).map((f) => [f.id, f]),
  );
  // A manager who sees only their own clients' money sees the reminders about their own invoices.
  const own = ctx.actor.permissions?.finance.visibility === 'own';
  const shown = own
    ? rows.filter((r) => facts.get(r.invoiceId)?.ownerId === ctx.actor.memberId)
    : rows;
  const runs: DunningRun[] = shown.map((r) => ({
    id: r.id,
    invoiceId: r.invoiceId,
    invoiceNumber: facts.get(r.invoiceId)?.number ?? null,
    offsetDays: r.offsetDays,
    channels: r.channels,
    status: r.status,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    doneAt: r.doneAt?.toISOString() ?? null,
  }));
  return { companyId, pause: pause ? toPause(pause) : null, runs };
}

export async function pauseDunning(
  ctx: Ctx,
  companyId: string,
  input: DunningPauseBody,
): Promise<DunningState> {
  await assertCompany(ctx, companyId, 'id');
  const body = PauseSchema.parse(input);
  const until = body.until ? new Date(body.until) : null;
  if (until && until.getTime() <= Date.now())
    throw new DomainError('dunning_pause.invalid', 'the pause must end in the future', {
      field: 'until',
    });
  const values = {
    workspaceId: ctx.workspaceId,
    companyId,
    pausedBy: ctx.actor.memberId,
    reason: body.reason,
    until,
    createdAt: new Date(),
  };
  await ctx.tx
    .insert(dunningPauses)
    .values(values)
    .onConflictDoUpdate({
      target: [dunningPauses.workspaceId, dunningPauses.companyId],
      set: values,
    });
  await recordAudit(ctx, {
    action: 'dunning.paused',
    entity: 'finance',
    entityId: companyId,
    after: { reason: body.reason, until: body.until ?? null },
  });
  return getDunningState(ctx, companyId);
}

export async function resumeDunning(ctx: Ctx, companyId: string): Promise<DunningState> {
  await assertCompany(ctx, companyId, 'id');
  const [before] = await ctx.tx.delete(dunningPauses).where(byCompany(ctx, companyId)).returning();
  if (before)
    await recordAudit(ctx, {
      action: 'dunning.resumed',
      entity: 'finance',
      entityId: companyId,
      before: toPause(before),
    });
  return getDunningState(ctx, companyId);
}
