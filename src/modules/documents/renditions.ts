import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { systemActor, type Ctx } from '../../platform/context.js';
import { inWorkspace } from '../../platform/db/tenancy.js';
import type { Db } from '../../platform/db/types.js';
import { DomainError } from '../../platform/errors.js';
import { defineJob, enqueue, PermanentJobError } from '../../platform/jobs/jobs.js';
import { convertDocxToPdf, fillDocxTemplate, renderDocumentPdf } from '../print/service.js';
import { findDocumentRow } from './documents.js';
import { renderInputOf, type RenderInput } from './render.js';
import { documentRenditions } from './tables.js';

// DOCX → PDF through LibreOffice is slow (seconds, tens of seconds on a loaded box): it never runs
// inside a request. A request asks for the rendition and is told to come back (202 + Retry-After);
// the job `documents.convert` converts one document at a time per process, with a timeout, and
// keeps the PDF keyed by a hash of the template and the snapshot, so later requests are served
// from the table and an edited draft converts again.

export const CONVERT_ATTEMPTS = 3;
export const RETRY_AFTER_SECONDS = 2;

export const renditionKey = (input: RenderInput): string =>
  createHash('sha256')
    .update(input.template ?? Buffer.alloc(0))
    .update(JSON.stringify(input.snapshot))
    .digest('hex');

// One LibreOffice at a time in this process (a second would only compete for the two cores).
let queue: Promise<unknown> = Promise.resolve();
export function convertOneAtATime(docx: Buffer, timeoutMs?: number): Promise<Buffer | null> {
  const next = queue.then(() => convertDocxToPdf(docx, timeoutMs));
  queue = next.catch(() => undefined);
  return next;
}

export type PdfAnswer = { ready: true; pdf: Buffer } | { ready: false; retryAfter: number };

const renditionWhere = (ctx: Ctx, documentId: string, key: string) =>
  and(
    eq(documentRenditions.workspaceId, ctx.workspaceId),
    eq(documentRenditions.documentId, documentId),
    eq(documentRenditions.key, key),
  );

// A built-in layout renders now (pdfmake, a fraction of a second); a DOCX template's PDF is read
// from the renditions, or asked for (in the caller's transaction) and the caller told to wait.
export async function pdfOrPending(
  ctx: Ctx,
  documentId: string,
  input: RenderInput,
): Promise<PdfAnswer | { render: RenderInput }> {
  if (!input.template) return { render: input };
  const key = renditionKey(input);
  const [row] = await ctx.tx
    .select()
    .from(documentRenditions)
    .where(renditionWhere(ctx, documentId, key));
  if (row?.status === 'done' && row.pdf) return { ready: true, pdf: row.pdf };
  if (row?.status === 'failed')
    throw row.error === 'unavailable'
      ? unavailable()
      : new DomainError('document.pdf_failed', `LibreOffice could not convert: ${row.error}`, {
          field: 'templateId',
        });
  if (!row)
    await ctx.tx
      .insert(documentRenditions)
      .values({ workspaceId: ctx.workspaceId, documentId, key })
      .onConflictDoNothing();
  await enqueue(
    ctx.tx,
    documentConvert,
    { documentId, key },
    { workspaceId: ctx.workspaceId, key: `${documentId}:${key}` },
  );
  return { ready: false, retryAfter: RETRY_AFTER_SECONDS };
}

const unavailable = () =>
  new DomainError(
    'document.pdf_unavailable',
    'PDF from a DOCX template needs LibreOffice on the server: download the DOCX instead',
  );

export async function renderBuiltIn(input: RenderInput): Promise<Buffer> {
  return renderDocumentPdf(input.snapshot, input.assets);
}

export const documentConvert = defineJob({
  name: 'documents.convert',
  payload: z.object({ documentId: z.string().uuid(), key: z.string().max(100) }),
  maxAttempts: CONVERT_ATTEMPTS + 2,
  async run() {
    throw new PermanentJobError('documents.convert runs in its workspace only');
  },
  async perform(db: Db, workspaceId: string, { documentId, key }, requestId: string) {
    const inWs = <T>(fn: (ctx: Ctx) => Promise<T>) =>
      inWorkspace(db, workspaceId, (tx) =>
        fn({ tx, workspaceId, actor: systemActor, ip: null, requestId }),
      );
    // Re-read: done already (a repeated delivery), or the draft changed since (another key).
    const input = await inWs(async (ctx) => {
      const [row] = await ctx.tx
        .select({ status: documentRenditions.status })
        .from(documentRenditions)
        .where(renditionWhere(ctx, documentId, key));
      if (row?.status !== 'queued') return null;
      await ctx.tx
        .update(documentRenditions)
        .set({ attempts: sql`${documentRenditions.attempts} + 1` })
        .where(renditionWhere(ctx, documentId, key));
      const doc = await findDocumentRow(ctx, documentId).catch(() => null);
      const current = doc ? await renderInputOf(ctx, doc) : null;
      return current?.template && renditionKey(current) === key ? current : null;
    });
    if (!input) {
      await inWs((ctx) => finish(ctx, documentId, key, { error: 'outdated' }));
      return;
    }
    let outcome: { pdf: Buffer } | { error: string };
    try {
      const pdf = await convertOneAtATime(fillDocxTemplate(input.template!, input.snapshot));
      outcome = pdf ? { pdf } : { error: 'unavailable' };
    } catch (err) {
      const attempts = await inWs((ctx) => attemptsOf(ctx, documentId, key));
      if (attempts < CONVERT_ATTEMPTS) throw err;
      outcome = { error: String((err as Error).message ?? err).slice(0, 500) };
    }
    await inWs((ctx) => finish(ctx, documentId, key, outcome));
  },
});

async function attemptsOf(ctx: Ctx, documentId: string, key: string): Promise<number> {
  const [row] = await ctx.tx
    .select({ attempts: documentRenditions.attempts })
    .from(documentRenditions)
    .where(renditionWhere(ctx, documentId, key));
  return row?.attempts ?? CONVERT_ATTEMPTS;
}

async function finish(
  ctx: Ctx,
  documentId: string,
  key: string,
  outcome: { pdf: Buffer } | { error: string },
) {
  const where = and(
    renditionWhere(ctx, documentId, key),
    eq(documentRenditions.status, 'queued' as const),
  );
  if ('pdf' in outcome)
    await ctx.tx
      .update(documentRenditions)
      .set({ status: 'done', pdf: outcome.pdf, finishedAt: sql`now()` })
      .where(where);
  else if (outcome.error === 'outdated') await ctx.tx.delete(documentRenditions).where(where);
  else
    await ctx.tx
      .update(documentRenditions)
      .set({ status: 'failed', error: outcome.error, finishedAt: sql`now()` })
      .where(where);
}

// In a job (sending, a bulk export): the PDF now, converting here when no rendition is stored yet.
// Jobs may wait; the conversion still goes through the one-at-a-time queue and is kept.
export async function pdfInJob(
  db: Db,
  workspaceId: string,
  input: RenderInput,
  documentId: string,
) {
  if (!input.template) return renderBuiltIn(input);
  const key = renditionKey(input);
  const ctxOf = (tx: Ctx['tx']): Ctx => ({
    tx,
    workspaceId,
    actor: systemActor,
    ip: null,
    requestId: `pdf:${documentId}`,
  });
  const stored = await inWorkspace(db, workspaceId, async (tx) => {
    const [row] = await tx
      .select({ pdf: documentRenditions.pdf })
      .from(documentRenditions)
      .where(
        and(renditionWhere(ctxOf(tx), documentId, key), eq(documentRenditions.status, 'done')),
      );
    return row?.pdf ?? null;
  });
  if (stored) return stored;
  const pdf = await convertOneAtATime(fillDocxTemplate(input.template, input.snapshot));
  if (!pdf) throw unavailable();
  await inWorkspace(db, workspaceId, async (tx) => {
    await tx
      .insert(documentRenditions)
      .values({ workspaceId, documentId, key, status: 'done', pdf, finishedAt: sql`now()` })
      .onConflictDoUpdate({
        target: [
          documentRenditions.workspaceId,
          documentRenditions.documentId,
          documentRenditions.key,
        ],
        set: { status: 'done', pdf, finishedAt: sql`now()` },
      });
  });
  return pdf;
}
