import {
  PermissionMatrix,
  RoleKey,
  type ImportEntity,
  type ImportRowError,
} from '@voronka/contract';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { readTableRows } from '../../platform/export/table-reader.js';
import { defineJob, enqueue, PermanentJobError } from '../../platform/jobs/jobs.js';
import { importDeclaration } from './registry.js';
import { importFiles, imports } from './tables.js';

// Import, the worker's side. The first run turns the uploaded CSV/XLSX (streamed) into one JSON
// array per line; each later run takes the next CHUNK lines from a byte offset, checks duplicates
// and writes them in a few multi-row statements, records progress and enqueues the next run. Every
// run is its own short transaction (PGlite runs one at a time), and a run whose starting row is not
// the import's progress is a repeat delivery and does nothing.

export const CHUNK = 1000;
// Bytes read per run: enough for a chunk of ordinary rows; doubled while it holds fewer (long rows).
const WINDOW = 512 * 1024;
const MAX_STORED_ERRORS = 1000;

// The importer's rights travel with the job: records are owned by them, and "update" touches only
// what they may see.
const ImportActorSchema = z.object({
  memberId: z.string().nullable(),
  teamId: z.string().nullable(),
  role: RoleKey.nullable(),
  permissions: PermissionMatrix.nullable(),
});
export type ImportActor = z.infer<typeof ImportActorSchema>;

export type ChunkInput = {
  rows: string[][];
  firstRow: number;
  mapping: Record<string, string>;
  policy: 'skip' | 'update' | 'create';
};
export type ChunkResult = {
  created: number;
  updated: number;
  skipped: number;
  errors: ImportRowError[];
};

const where = (ctx: Ctx, id: string) =>
  and(eq(imports.workspaceId, ctx.workspaceId), eq(imports.id, id));
const fileWhere = (ctx: Ctx, id: string) =>
  and(eq(importFiles.workspaceId, ctx.workspaceId), eq(importFiles.importId, id));

async function prepare(ctx: Ctx, importId: string, format: 'csv' | 'xlsx') {
  const [file] = await ctx.tx
    .select({ content: importFiles.content })
    .from(importFiles)
    .where(fileWhere(ctx, importId));
  if (!file) throw new PermanentJobError(`import ${importId} has no file`);
  const lines: Buffer[] = [];
  let header = true;
  try {
    for await (const row of readTableRows(Buffer.from(file.content), format)) {
      if (header) header = false;
      else lines.push(Buffer.from(`${JSON.stringify(row)}\n`));
    }
  } catch (err) {
    // A file that cannot be parsed will not parse on a retry either: the import fails, saying where.
    const reason = `the file cannot be read after row ${lines.length + 1}: ${String((err as Error).message ?? err).slice(0, 200)}`;
    await ctx.tx
      .update(imports)
      .set({
        status: 'failed',
        finishedAt: sql`now()`,
        errors: [{ row: lines.length + 2, field: 'file', reason }],
      })
      .where(where(ctx, importId));
    return false;
  }
  await ctx.tx
    .update(importFiles)
    .set({ content: Buffer.concat(lines) })
    .where(fileWhere(ctx, importId));
  await ctx.tx
    .update(imports)
    .set({ status: 'running', totalRows: lines.length })
    .where(where(ctx, importId));
  return true;
}

async function readChunk(
  ctx: Ctx,
  importId: string,
  offset: number,
  window = WINDOW,
): Promise<{ rows: string[][]; next: number; size: number }> {
  const [part] = await ctx.tx
    .select({
      bytes: sql<Uint8Array>`substring(${importFiles.content} from ${offset + 1} for ${window})`,
      size: sql<number>`length(${importFiles.content})`.mapWith(Number),
    })
    .from(importFiles)
    .where(fileWhere(ctx, importId));
  if (!part) throw new PermanentJobError(`import ${importId} has no file`);
  const bytes = Buffer.from(part.bytes);
  const rows: string[][] = [];
  let at = 0;
  while (rows.length < CHUNK) {
    const end = bytes.indexOf(0x0a, at);
    if (end < 0) break;
    rows.push(JSON.parse(bytes.subarray(at, end).toString('utf8')) as string[]);
    at = end + 1;
  }
  if (rows.length < CHUNK && offset + window < part.size)
    return readChunk(ctx, importId, offset, window * 2);
  return { rows, next: offset + at, size: part.size };
}

async function finish(ctx: Ctx, importId: string, entity: ImportEntity) {
  const [done] = await ctx.tx
    .update(imports)
    .set({ status: 'done', finishedAt: sql`now()` })
    .where(where(ctx, importId))
    .returning();
  // The stored file is no longer needed; the import row keeps the counts and the errors.
  await ctx.tx.delete(importFiles).where(fileWhere(ctx, importId));
  if (done)
    await recordAudit(ctx, {
      action: 'import.finished',
      entity,
      entityId: importId,
      after: {
        fileName: done.fileName,
        total: done.totalRows,
        created: done.createdRows,
        updated: done.updatedRows,
        skipped: done.skippedRows,
        errors: done.errors.length,
      },
    });
}

export const importChunk = defineJob({
  name: 'crm.import-chunk',
  payload: z.object({
    importId: z.string(),
    row: z.number().int().min(0),
    offset: z.number().int().min(-1),
    actor: ImportActorSchema,
  }),
  maxAttempts: 3,
  async run(jobCtx, p): Promise<void> {
    const ctx: Ctx = { ...jobCtx, actor: { kind: 'user', userId: null, ...p.actor } };
    const [imp] = await ctx.tx.select().from(imports).where(where(ctx, p.importId));
    if (!imp || imp.status === 'done' || imp.status === 'failed') return;
    const entity = imp.entity as ImportEntity;
    const next = (row: number, offset: number): Promise<void> =>
      enqueue(
        ctx.tx,
        importChunk,
        { ...p, row, offset },
        { workspaceId: ctx.workspaceId, key: `${p.importId}:${row}` },
      );
    if (p.offset < 0) {
      if (imp.status !== 'queued') return;
      if (await prepare(ctx, p.importId, imp.format)) await next(0, 0);
      return;
    }
    if (imp.processedRows !== p.row) return;
    const chunk = await readChunk(ctx, p.importId, p.offset);
    if (!chunk.rows.length) return finish(ctx, p.importId, entity);
    const input: ChunkInput = {
      rows: chunk.rows,
      firstRow: p.row + 2,
      mapping: imp.mapping,
      policy: imp.duplicatePolicy,
    };
    const r = await importDeclaration(entity).rows(ctx, input);
    const room = Math.max(0, MAX_STORED_ERRORS - imp.errors.length);
    await ctx.tx
      .update(imports)
      .set({
        processedRows: sql`${imports.processedRows} + ${chunk.rows.length}`,
        createdRows: sql`${imports.createdRows} + ${r.created}`,
        updatedRows: sql`${imports.updatedRows} + ${r.updated}`,
        skippedRows: sql`${imports.skippedRows} + ${r.skipped}`,
        errors: sql`${imports.errors} || ${JSON.stringify(r.errors.slice(0, room))}::jsonb`,
      })
      .where(where(ctx, p.importId));
    if (chunk.next >= chunk.size) return finish(ctx, p.importId, entity);
    return next(p.row + chunk.rows.length, chunk.next);
  },
});
