import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { inSystemWorkspace, type Ctx } from '../../../platform/context.js';
import type { Db } from '../../../platform/db/types.js';
import { defineJob, PermanentJobError } from '../../../platform/jobs/jobs.js';
import { createTask, writeActivity } from '../../activities/service.js';
import { companyEmails, contactIdsOfCompanySql } from '../../clients/service.js';
import {
  latestMessengerThread,
  listChannelsWithSetting,
  queueReply,
  sendThroughChannel,
} from '../../inbox/service.js';
import { activePause } from './pause.js';
import { fillTemplate } from './rules.js';
import { dunningRuns } from './tables.js';
import { owedInvoice, varsOf } from './vars.js';
import { TemplateProblem } from '../../../platform/templates/liquid.js';

// One step of the ladder for one invoice, in three parts like documents.send: under the run's row
// lock, re-check (paid or cancelled → stopped; client paused → skipped), then make the task, queue
// the messenger message into the client's conversation (the inbox sends it, keyed by its message)
// and write the timeline entry, marking the run `sending` when an e-mail is due; the e-mail goes
// out outside any transaction with the run's id as its Message-ID; its outcome is recorded last.
// A run found `sending` (a crash after the commit) re-checks payment and resends only the e-mail,
// with the same Message-ID; a run in any other state is left alone, so nothing happens twice.

type Run = typeof dunningRuns.$inferSelect;
type Letter = { runId: string; channelId: string; to: string; subject: string; text: string };

const byId = (ctx: Ctx, id: string) =>
  and(eq(dunningRuns.workspaceId, ctx.workspaceId), eq(dunningRuns.id, id));

async function finish(ctx: Ctx, run: Run, status: Run['status'], note: string | null) {
  await ctx.tx
    .update(dunningRuns)
    .set({ status, note, doneAt: new Date() })
    .where(byId(ctx, run.id));
}

async function mailTarget(ctx: Ctx, companyId: string | null) {
  const boxes = (await listChannelsWithSetting(ctx.tx, 'email', 'smtpHost')).filter(
    (c) => c.workspaceId === ctx.workspaceId,
  );
  const [to] = companyId ? await companyEmails(ctx, companyId) : [];
  if (!boxes[0]) return 'no e-mail channel with an SMTP server';
  if (!to) return 'the client has no e-mail address';
  return { channelId: boxes[0].id, to };
}

async function prepareStep(ctx: Ctx, runId: string): Promise<Letter | null> {
  const [run] = await ctx.tx.select().from(dunningRuns).where(byId(ctx, runId)).for('update');
  if (!run || (run.status !== 'queued' && run.status !== 'sending')) return null;
  const inv = await owedInvoice(ctx, run.invoiceId);
  if (!inv) return finish(ctx, run, 'stopped', 'the invoice is paid or cancelled').then(() => null);
  const pause = run.companyId ? await activePause(ctx, run.companyId) : null;
  if (pause) return finish(ctx, run, 'skipped', `paused: ${pause.reason}`).then(() => null);
  const vars = varsOf(ctx, inv);
  let subject: string, text: string;
  try {
    subject = fillTemplate(run.subject, vars);
    text = fillTemplate(run.text, vars);
  } catch (err) {
    if (!(err instanceof TemplateProblem)) throw err;
    return finish(ctx, run, 'failed', `template: ${err.message}`).then(() => null);
  }
  const mail = run.channels.includes('email') ? await mailTarget(ctx, run.companyId) : null;
  const letter = mail && typeof mail !== 'string' ? { runId, ...mail, subject, text } : null;
  if (run.status === 'sending') return letter;
  const notes: string[] = typeof mail === 'string' ? [`e-mail: ${mail}`] : [];
  if (run.channels.includes('task'))
    await createTask(ctx, {
      kind: 'todo',
      title: subject,
      description: text,
      ownerId: inv.ownerId,
      companyId: inv.companyId,
      dealId: inv.dealId,
      dueAt: new Date().toISOString(),
    });
  if (run.channels.includes('messenger')) {
    const thread = inv.companyId
      ? await latestMessengerThread(ctx, contactIdsOfCompanySql(ctx, inv.companyId))
      : null;
    if (thread) await queueReply(ctx, thread, { text });
    else notes.push('messenger: the client has no messenger conversation');
  }
  await writeActivity(ctx, {
    kind: 'dunning',
    companyId: inv.companyId,
    dealId: inv.dealId,
    body: `${subject}\n\n${text}`,
    data: { invoiceId: inv.id, offsetDays: run.offsetDays, channels: run.channels, notes },
  });
  const note = notes.join('; ') || null;
  if (letter)
    await ctx.tx.update(dunningRuns).set({ status: 'sending', note }).where(byId(ctx, runId));
  else await finish(ctx, run, 'sent', note);
  return letter;
}

async function recordMail(ctx: Ctx, runId: string, error: string | null) {
  const [run] = await ctx.tx.select().from(dunningRuns).where(byId(ctx, runId)).for('update');
  if (run?.status !== 'sending') return;
  await finish(ctx, run, error ? 'failed' : 'sent', error ? `e-mail: ${error}` : run.note);
}

export const dunningStep = defineJob({
  name: 'money.dunning-step',
  payload: z.object({ runId: z.string().uuid() }),
  maxAttempts: 5,
  async run() {
    throw new PermanentJobError('money.dunning-step runs in its workspace only');
  },
  async perform(db: Db, workspaceId: string, { runId }, requestId: string) {
    const inWs = <T>(fn: (ctx: Ctx) => Promise<T>) =>
      inSystemWorkspace(db, workspaceId, fn, { requestId });
    const letter = await inWs((ctx) => prepareStep(ctx, runId));
    if (!letter) return;
    let error: string | null = null;
    try {
      await sendThroughChannel(db, workspaceId, letter.channelId, letter.to, {
        id: letter.runId,
        subject: letter.subject,
        text: letter.text,
      });
    } catch (err) {
      // Refused for good: recorded; anything else is retried by the queue (the run stays sending).
      if (!(err instanceof PermanentJobError)) throw err;
      error = err.message.slice(0, 1000);
    }
    await inWs((ctx) => recordMail(ctx, runId, error));
  },
});
