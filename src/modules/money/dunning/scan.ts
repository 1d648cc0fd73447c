import { and, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../../platform/context.js';
import { rowsOf } from '../../../platform/db/rls.js';
import { newId } from '../../../platform/ids.js';
import { defineJob, defineSystemJob, enqueue } from '../../../platform/jobs/jobs.js';
import { openInvoices } from '../ledger.js';
import { dueDateOf, termsMap, termsOf } from '../terms.js';
import { activePolicy } from './policies.js';
import { dueSteps } from './rules.js';
import { dunningStep } from './step.js';
import { dunningPauses, dunningRuns } from './tables.js';
import { today } from './vars.js';

// The scan: every open invoice of the workspace against its default ladder. A step whose day has
// come gets a dunning_runs row (unique per invoice and offset) and, only when this scan made that
// row, a dunning.step job keyed the same way: any number of scans and workers fire it once.

type NewRun = typeof dunningRuns.$inferInsert;

async function pausedCompanies(ctx: Ctx): Promise<Set<string>> {
  const rows = await ctx.tx
    .select({ companyId: dunningPauses.companyId })
    .from(dunningPauses)
    .where(
      and(
        eq(dunningPauses.workspaceId, ctx.workspaceId),
        or(isNull(dunningPauses.until), gt(dunningPauses.until, new Date())),
      ),
    );
  return new Set(rows.map((r) => r.companyId));
}

export async function scanWorkspace(ctx: Ctx, on = today()): Promise<number> {
  const policy = await activePolicy(ctx);
  if (!policy) return 0;
  const invoices = (await openInvoices(ctx)).filter((i) => i.openKopecks > 0);
  const terms = await termsMap(
    ctx,
    invoices.flatMap((i) => [i.dealId, i.companyId]).filter((x): x is string => !!x),
  );
  const paused = await pausedCompanies(ctx);
  const rows: NewRun[] = [];
  for (const inv of invoices) {
    if (inv.companyId && paused.has(inv.companyId)) continue;
    const due = dueDateOf(inv, termsOf(inv, terms));
    if (!due) continue;
    const { fire, skip } = dueSteps(policy.steps, due, on);
    if (!fire) continue;
    const base = { workspaceId: ctx.workspaceId, invoiceId: inv.id, companyId: inv.companyId };
    for (const s of [...skip, fire])
      rows.push({
        ...base,
        id: newId(),
        policyId: policy.id,
        offsetDays: s.offsetDays,
        channels: s.channels,
        subject: s.subject,
        text: s.text,
        status: s === fire ? 'queued' : 'skipped',
        note: s === fire ? null : 'a later step was due',
        doneAt: s === fire ? null : new Date(),
      });
  }
  let fired = 0;
  for (let i = 0; i < rows.length; i += 500) {
    const made = await ctx.tx
      .insert(dunningRuns)
      .values(rows.slice(i, i + 500))
      .onConflictDoNothing()
      .returning({
        id: dunningRuns.id,
        status: dunningRuns.status,
        invoiceId: dunningRuns.invoiceId,
        offsetDays: dunningRuns.offsetDays,
      });
    for (const r of made.filter((m) => m.status === 'queued')) {
      await enqueue(
        ctx.tx,
        dunningStep,
        { runId: r.id },
        { workspaceId: ctx.workspaceId, key: `${ctx.workspaceId}:${r.invoiceId}:${r.offsetDays}` },
      );
      fired++;
    }
  }
  return fired;
}

export const dunningScan = defineJob({
  name: 'money.dunning-scan',
  payload: z.object({ day: z.string() }),
  async run(ctx) {
    await scanWorkspace(ctx);
  },
});

// Hourly from the worker's schedule (keyed by the hour): one scan per workspace with a ladder.
export const dunningScanAll = defineSystemJob({
  name: 'money.dunning-scan-all',
  payload: z.object({ hour: z.string() }),
  async run(tx, { hour }) {
    const rows = rowsOf<{ workspace_id: string }>(
      await tx.execute(
        sql`select distinct workspace_id from dunning_policies where is_default and enabled`,
      ),
    );
    for (const w of rows)
      await enqueue(
        tx,
        dunningScan,
        { day: hour.slice(0, 10) },
        { workspaceId: w.workspace_id, key: `${w.workspace_id}:${hour}` },
      );
  },
});
