import {
  DOCUMENT_EXPORT_MAX,
  type DocumentExport,
  type DocumentExportBody,
} from '@voronka/contract';
import { and, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import yazl from 'yazl';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import { systemActor, type Ctx } from '../../platform/context.js';
import { inWorkspace } from '../../platform/db/tenancy.js';
import type { Db } from '../../platform/db/types.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { defineJob, enqueue, PermanentJobError } from '../../platform/jobs/jobs.js';
import { documentScope } from './documents.js';
import { renderInputOf } from './render.js';
import { pdfInJob } from './renditions.js';
import { documentExports, documents } from './tables.js';

// A bulk export: the documents are chosen under the member's rights when it is asked for (the
// job runs as the system and only renders those), one PDF after another in short transactions with
// the progress counted, then one ZIP stored for the member to download. Bounded: at most
// DOCUMENT_EXPORT_MAX documents and EXPORT_MAX_BYTES of PDFs; exports are kept for a day.

export const EXPORT_MAX_BYTES = 200 * 1024 * 1024;

type Row = typeof documentExports.$inferSelect;
const toExport = (
  r: Omit<Row, 'content' | 'workspaceId' | 'documentIds' | 'memberId' | 'finishedAt'>,
) =>
  ({
    id: r.id,
    status: r.status as DocumentExport['status'],
    done: r.done,
    total: r.total,
    size: r.size,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
  }) satisfies DocumentExport;

const columns = {
  id: documentExports.id,
  status: documentExports.status,
  done: documentExports.done,
  total: documentExports.total,
  size: documentExports.size,
  error: documentExports.error,
  createdAt: documentExports.createdAt,
};

async function chooseDocuments(ctx: Ctx, body: DocumentExportBody): Promise<string[]> {
  const filters: (SQL | undefined)[] = [
    documentScope(ctx),
    body.ids ? inArray(documents.id, body.ids) : undefined,
    body.type ? eq(documents.type, body.type) : undefined,
    body.status ? eq(documents.status, body.status) : undefined,
    body.legalEntityId ? eq(documents.legalEntityId, body.legalEntityId) : undefined,
    body.from ? gte(documents.date, body.from) : undefined,
    body.to ? lte(documents.date, body.to) : undefined,
  ];
  const rows = await ctx.tx
    .select({ id: documents.id })
    .from(documents)
    .where(and(...filters))
    .orderBy(desc(documents.date), desc(documents.id))
    .limit(DOCUMENT_EXPORT_MAX + 1);
  return rows.map((r) => r.id);
}

export async function createExport(ctx: Ctx, body: DocumentExportBody): Promise<DocumentExport> {
  const ids = await chooseDocuments(ctx, body);
  const field = body.ids ? 'ids' : 'filters';
  if (!ids.length)
    throw new DomainError('document_export.empty', 'no document you may see matches', { field });
  if (ids.length > DOCUMENT_EXPORT_MAX)
    throw new DomainError(
      'document_export.too_many',
      `more than ${DOCUMENT_EXPORT_MAX} documents: narrow the filters`,
      { field },
    );
  // Exports are short-lived: yesterday's files go when a new one is asked for.
  await ctx.tx
    .delete(documentExports)
    .where(
      and(
        eq(documentExports.workspaceId, ctx.workspaceId),
        lt(documentExports.createdAt, sql`now() - interval '1 day'`),
      ),
    );
  const id = newId();
  const [row] = await ctx.tx
    .insert(documentExports)
    .values({
      workspaceId: ctx.workspaceId,
      id,
      memberId: ctx.actor.memberId,
      documentIds: ids,
      status: 'queued',
      total: ids.length,
    })
    .returning(columns);
  await enqueue(
    ctx.tx,
    documentExport,
    { exportId: id },
    { workspaceId: ctx.workspaceId, key: id },
  );
  await recordAudit(ctx, {
    action: 'document.export_queued',
    entity: 'documents',
    entityId: id,
    after: { total: ids.length },
  });
  return toExport(row!);
}

// Only the member who asked for it sees an export (it holds their documents).
const mine = (ctx: Ctx, id: string) =>
  and(
    eq(documentExports.workspaceId, ctx.workspaceId),
    eq(documentExports.id, id),
    ctx.actor.memberId
      ? eq(documentExports.memberId, ctx.actor.memberId)
      : sql`${documentExports.memberId} is null`,
  );

export async function getExport(ctx: Ctx, id: string): Promise<DocumentExport> {
  const [row] = await ctx.tx.select(columns).from(documentExports).where(mine(ctx, id));
  if (!row) throw notFound('document_export.not_found', 'export');
  return toExport(row);
}

export async function getExportFile(ctx: Ctx, id: string): Promise<Buffer> {
  const [row] = await ctx.tx
    .select({ status: documentExports.status, content: documentExports.content })
    .from(documentExports)
    .where(mine(ctx, id));
  if (!row) throw notFound('document_export.not_found', 'export');
  if (row.status !== 'done' || !row.content)
    throw new DomainError('document_export.not_ready', `the export is ${row.status}`, {
      field: 'id',
    });
  return row.content;
}

function zipOf(files: { name: string; pdf: Buffer }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const seen = new Map<string, number>();
  for (const f of files) {
    const n = (seen.get(f.name) ?? 0) + 1;
    seen.set(f.name, n);
    const name = n === 1 ? f.name : `${f.name} (${n})`;
    zip.addBuffer(f.pdf, `${name.replace(/[/\\:*?"<>|]/g, '_')}.pdf`);
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

export const documentExport = defineJob({
  name: 'documents.export',
  payload: z.object({ exportId: z.string().uuid() }),
  maxAttempts: 3,
  async run() {
    throw new PermanentJobError('documents.export runs in its workspace only');
  },
  async perform(db: Db, workspaceId: string, { exportId }, requestId: string) {
    const inWs = <T>(fn: (ctx: Ctx) => Promise<T>) =>
      inWorkspace(db, workspaceId, (tx) =>
        fn({ tx, workspaceId, actor: systemActor, ip: null, requestId }),
      );
    const where = and(
      eq(documentExports.workspaceId, workspaceId),
      eq(documentExports.id, exportId),
    );
    const update = (set: Partial<Row>) =>
      inWs((ctx) => ctx.tx.update(documentExports).set(set).where(where));
    const ids = await inWs(async (ctx) => {
      const [row] = await ctx.tx.select().from(documentExports).where(where);
      return row && (row.status === 'queued' || row.status === 'running') ? row.documentIds : null;
    });
    if (!ids) return;
    // A repeated delivery starts over: nothing of a half-done run was kept.
    await update({ status: 'running', done: 0 });
    const files: { name: string; pdf: Buffer }[] = [];
    let bytes = 0;
    for (const [i, id] of ids.entries()) {
      const input = await inWs(async (ctx) => {
        const [doc] = await ctx.tx
          .select()
          .from(documents)
          .where(and(eq(documents.workspaceId, workspaceId), eq(documents.id, id)));
        return doc ? renderInputOf(ctx, doc) : null;
      });
      // A document deleted since the export was asked for is left out.
      if (input) {
        let pdf: Buffer;
        try {
          pdf = await pdfInJob(db, workspaceId, input, id);
        } catch (err) {
          // A refusal that will not change (no LibreOffice here): the export fails, and says why.
          if (!(err instanceof DomainError)) throw err;
          await update({ status: 'failed', error: err.code, finishedAt: new Date() });
          return;
        }
        bytes += pdf.length;
        if (bytes > EXPORT_MAX_BYTES) {
          await update({ status: 'failed', error: 'too_large', finishedAt: new Date() });
          return;
        }
        files.push({ name: input.fileBase, pdf });
      }
      await update({ done: i + 1 });
    }
    const content = await zipOf(files);
    await update({ status: 'done', content, size: content.length, finishedAt: new Date() });
  },
});
