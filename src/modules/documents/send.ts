import type { DocumentSendBody } from '@voronka/contract';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import { systemActor, type Ctx } from '../../platform/context.js';
import { inWorkspace } from '../../platform/db/tenancy.js';
import type { Db } from '../../platform/db/types.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { defineJob, enqueue, PermanentJobError } from '../../platform/jobs/jobs.js';
import { writeActivity } from '../activities/service.js';
import { listChannelsWithSetting, sendThroughChannel } from '../inbox/service.js';
import { findDocumentRow } from './documents.js';
import { longDate } from './issue.js';
import { renderInputOf, type RenderInput } from './render.js';
import { pdfInJob } from './renditions.js';
import { documents, documentSends } from './tables.js';

const TITLES: Record<string, string> = {
  quote: 'Коммерческое предложение',
  invoice: 'Счёт на оплату',
  act: 'Акт',
  torg12: 'Товарная накладная',
  upd: 'УПД',
  contract: 'Договор',
};

// The letter's default wording (the member may rewrite subject and text before sending); the
// signed link to the PDF is always appended.
export function letterTemplate(
  doc: { type: string; number: string | null; date: string; seller: string },
  link: string,
  custom: { subject?: string | undefined; text?: string | undefined },
) {
  const title = `${TITLES[doc.type] ?? doc.type} № ${doc.number} от ${longDate(doc.date)}`;
  const subject = custom.subject?.trim() || `${title} — ${doc.seller}`;
  const body =
    custom.text?.trim() ||
    `Здравствуйте!\n\nНаправляем ${title}. Документ во вложении (PDF).\n\nС уважением,\n${doc.seller}`;
  return { subject, text: `${body}\n\nСкачать документ: ${link}\n` };
}

// The workspace's outgoing mail: the chosen e-mail channel, or the first enabled one with an
// SMTP server (the one inbox replies go out through).
async function mailChannel(ctx: Ctx, channelId: string | undefined): Promise<string> {
  // Under the workspace's row-level security: this workspace's channels only.
  const usable = (await listChannelsWithSetting(ctx.tx, 'email', 'smtpHost')).filter(
    (c) => c.workspaceId === ctx.workspaceId,
  );
  const chosen = channelId ? usable.find((c) => c.id === channelId) : usable[0];
  if (!chosen)
    throw new DomainError(
      'channel.not_found',
      'no e-mail channel with an SMTP server: set one up in the inbox settings',
      { field: 'channelId' },
    );
  return chosen.id;
}

export async function queueDocumentSend(
  ctx: Ctx,
  id: string,
  body: DocumentSendBody,
  link: (documentId: string) => string,
): Promise<{ id: string; status: 'queued' }> {
  const row = await findDocumentRow(ctx, id);
  // Every record the body names is found first: a channel of another workspace is not found (404),
  // whatever the document's state.
  const channelId = await mailChannel(ctx, body.channelId);
  if (row.status === 'draft' || row.status === 'cancelled' || !row.snapshot)
    throw new DomainError('document.invalid_transition', `a ${row.status} document is not sent`, {
      field: 'status',
    });
  const letter = letterTemplate(
    {
      type: row.type,
      number: row.snapshot.number,
      date: row.date,
      seller: row.snapshot.seller.name,
    },
    link(row.id),
    body,
  );
  const sendId = newId();
  await ctx.tx.insert(documentSends).values({
    workspaceId: ctx.workspaceId,
    id: sendId,
    documentId: id,
    channelId,
    to: body.to,
    ...letter,
    actorId: ctx.actor.memberId,
  });
  await enqueue(ctx.tx, documentSend, { sendId }, { workspaceId: ctx.workspaceId, key: sendId });
  await recordAudit(ctx, {
    action: 'document.send_queued',
    entity: 'documents',
    entityId: id,
    after: { to: body.to, subject: letter.subject },
  });
  return { id: sendId, status: 'queued' };
}

type SendRow = typeof documentSends.$inferSelect;
type Prepared = {
  send: SendRow;
  input: RenderInput;
  dealId: string | null;
  companyId: string | null;
};

async function loadSend(ctx: Ctx, sendId: string, lock: boolean): Promise<SendRow | null> {
  const q = ctx.tx
    .select()
    .from(documentSends)
    .where(and(eq(documentSends.workspaceId, ctx.workspaceId), eq(documentSends.id, sendId)));
  const [row] = lock ? await q.for('update') : await q;
  return row && row.status === 'queued' ? row : null;
}

async function prepare(ctx: Ctx, sendId: string): Promise<Prepared | null> {
  const send = await loadSend(ctx, sendId, false);
  if (!send) return null;
  const doc = await findDocumentRow(ctx, send.documentId);
  return {
    send,
    input: await renderInputOf(ctx, doc),
    dealId: doc.dealId,
    companyId: doc.companyId,
  };
}

// Recorded under the row lock: a send no longer queued (a repeated delivery) is left alone, so the
// timeline gets one entry and the document moves to «sent» once.
async function record(ctx: Ctx, p: Prepared, outcome: { externalId: string } | { error: string }) {
  const send = await loadSend(ctx, p.send.id, true);
  if (!send) return;
  const now = new Date();
  const where = and(eq(documentSends.workspaceId, ctx.workspaceId), eq(documentSends.id, send.id));
  if ('error' in outcome) {
    await ctx.tx.update(documentSends).set({ status: 'failed', error: outcome.error }).where(where);
    return;
  }
  await ctx.tx
    .update(documentSends)
    .set({ status: 'sent', externalId: outcome.externalId, sentAt: now })
    .where(where);
  const docWhere = and(
    eq(documents.workspaceId, ctx.workspaceId),
    eq(documents.id, send.documentId),
  );
  const [doc] = await ctx.tx.select({ status: documents.status }).from(documents).where(docWhere);
  if (doc?.status === 'issued')
    await ctx.tx.update(documents).set({ status: 'sent', updatedAt: now }).where(docWhere);
  await writeActivity(
    { ...ctx, actor: { ...ctx.actor, memberId: send.actorId } },
    {
      kind: 'email',
      dealId: p.dealId,
      companyId: p.companyId,
      body: `${send.subject}\n→ ${send.to}`,
      data: { documentId: send.documentId, to: send.to, subject: send.subject },
    },
  );
}

// Durable and sent once: the provider is called outside any transaction with a Message-ID derived
// from the send's id (a resend after a crash carries the same one); a refusal for good marks the
// send failed, anything else is retried with back-off.
export const documentSend = defineJob({
  name: 'documents.send',
  payload: z.object({ sendId: z.string().uuid() }),
  maxAttempts: 5,
  async run() {
    throw new PermanentJobError('documents.send runs in its workspace only');
  },
  async perform(db: Db, workspaceId: string, { sendId }, requestId: string) {
    const inWs = <T>(fn: (ctx: Ctx) => Promise<T>) =>
      inWorkspace(db, workspaceId, (tx) =>
        fn({ tx, workspaceId, actor: systemActor, ip: null, requestId }),
      );
    const p = await inWs((ctx) => prepare(ctx, sendId));
    if (!p) return;
    let outcome: { externalId: string } | { error: string };
    try {
      const pdf = await pdfInJob(db, workspaceId, p.input, p.send.documentId);
      outcome = await sendThroughChannel(db, workspaceId, p.send.channelId, p.send.to, {
        id: p.send.id,
        subject: p.send.subject,
        text: p.send.text,
        attachments: [{ name: `${p.input.fileBase}.pdf`, type: 'application/pdf', content: pdf }],
      });
    } catch (err) {
      if (!(err instanceof PermanentJobError)) throw err;
      outcome = { error: err.message.slice(0, 1000) };
    }
    await inWs((ctx) => record(ctx, p, outcome));
  },
});
