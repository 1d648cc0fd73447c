import { and, eq } from 'drizzle-orm';
import yazl from 'yazl';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import { systemActor, type Ctx } from '../../platform/context.js';
import { inWorkspace } from '../../platform/db/tenancy.js';
import type { Db } from '../../platform/db/types.js';
import { DomainError } from '../../platform/errors.js';
import { defineJob, enqueue, PermanentJobError } from '../../platform/jobs/jobs.js';
import * as clients from '../clients/service.js';
import { recordAccess } from './access-log.js';
import { summaryPdf } from './answers.js';
import { listConsents } from './consents.js';
import { catalog, idsOf, mergeRows, personOf, rowsIn } from './person-data.js';
import { assertOpen, getRequest, loadRequest } from './requests.js';
import { privacyRequests } from './tables.js';

// An access request's answer (152-FZ art. 14): everything the workspace holds about the person, as
// a ZIP of JSON — the card, its company, the consent log, and one file per table where the person's
// rows were found (requests, conversations and messages, calls and tasks, documents…). Built by a
// job, one table at a time in short transactions, the progress counted (two passes over the tables
// and the packing); the ZIP is kept on the request until it is erased.

export async function startExport(ctx: Ctx, id: string) {
  const r = await loadRequest(ctx, id, true);
  if (r.kind !== 'access')
    throw new DomainError(
      'privacy_request.state',
      'only an access request is answered with an export',
      {
        field: 'id',
      },
    );
  assertOpen(r);
  if (r.exportStatus === 'queued' || r.exportStatus === 'running')
    throw new DomainError('privacy_request.state', 'the export is already being made', {
      field: 'id',
    });
  await ctx.tx
    .update(privacyRequests)
    .set({
      exportStatus: 'queued',
      exportDone: 0,
      exportTotal: 0,
      exportContent: null,
      exportSize: null,
    })
    .where(and(eq(privacyRequests.workspaceId, ctx.workspaceId), eq(privacyRequests.id, id)));
  await enqueue(
    ctx.tx,
    privacyExport,
    { requestId: id },
    { workspaceId: ctx.workspaceId, key: `${id}:${Date.now()}` },
  );
  await recordAccess(ctx, [{ entity: 'contacts', recordId: r.contactId }], 'privacy_export');
  await recordAudit(ctx, { action: 'privacy.export_queued', entity: 'privacy', entityId: id });
  return getRequest(ctx, id);
}

export async function exportFile(ctx: Ctx, id: string): Promise<Buffer> {
  const [row] = await ctx.tx
    .select({ status: privacyRequests.exportStatus, content: privacyRequests.exportContent })
    .from(privacyRequests)
    .where(and(eq(privacyRequests.workspaceId, ctx.workspaceId), eq(privacyRequests.id, id)));
  if (!row) throw new DomainError('privacy_request.not_found', 'privacy request not found');
  if (row.status !== 'done' || !row.content)
    throw new DomainError(
      'privacy_request.state',
      `the export is ${row.status ?? 'not asked for'}`,
      {
        field: 'id',
      },
    );
  await recordAudit(ctx, { action: 'privacy.export_downloaded', entity: 'privacy', entityId: id });
  return row.content;
}

export function zipOf(files: { name: string; content: unknown }[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const f of files)
    zip.addBuffer(
      Buffer.isBuffer(f.content)
        ? f.content
        : Buffer.from(JSON.stringify(f.content, null, 2), 'utf8'),
      f.name,
    );
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

export const privacyExport = defineJob({
  name: 'privacy.export',
  payload: z.object({ requestId: z.string().uuid() }),
  maxAttempts: 3,
  async run() {
    throw new PermanentJobError('privacy.export runs in its workspace only');
  },
  async perform(db: Db, workspaceId: string, { requestId }, jobId: string) {
    const inWs = <T>(fn: (ctx: Ctx) => Promise<T>) =>
      inWorkspace(db, workspaceId, (tx) =>
        fn({ tx, workspaceId, actor: systemActor, ip: null, requestId: jobId }),
      );
    const where = and(
      eq(privacyRequests.workspaceId, workspaceId),
      eq(privacyRequests.id, requestId),
    );
    const update = (set: Partial<typeof privacyRequests.$inferInsert>) =>
      inWs((ctx) => ctx.tx.update(privacyRequests).set(set).where(where));
    const start = await inWs(async (ctx) => {
      const [r] = await ctx.tx
        .select({
          contactId: privacyRequests.contactId,
          status: privacyRequests.exportStatus,
          erasedAt: privacyRequests.erasedAt,
          receivedAt: privacyRequests.receivedAt,
        })
        .from(privacyRequests)
        .where(where);
      if (!r || r.erasedAt || (r.status !== 'queued' && r.status !== 'running')) return null;
      return {
        receivedAt: r.receivedAt.toISOString(),
        contactId: r.contactId,
        person: await personOf(ctx, r.contactId),
        tables: await catalog(ctx),
      };
    });
    if (!start) return;
    const { person, tables } = start;
    const total = tables.length * 2 + 1;
    await update({ exportStatus: 'running', exportDone: 0, exportTotal: total });
    const level1 = new Map<string, Record<string, unknown>[]>();
    let done = 0;
    for (const t of tables) {
      level1.set(t.name, await inWs((ctx) => rowsIn(ctx, t, [person.contactId], person.needles)));
      await update({ exportDone: ++done });
    }
    const ids = idsOf(tables, level1, person.contactId);
    const found = new Map(level1);
    for (const t of tables) {
      const more = ids.length ? await inWs((ctx) => rowsIn(ctx, t, ids, [])) : [];
      found.set(t.name, mergeRows(found.get(t.name) ?? [], more));
      await update({ exportDone: ++done });
    }
    const files = await inWs((ctx) =>
      answerFiles(
        ctx,
        { requestId, receivedAt: start.receivedAt, contactId: person.contactId },
        found,
      ),
    );
    const content = await zipOf(files);
    await update({
      exportStatus: 'done',
      exportDone: total,
      exportContent: content,
      exportSize: content.length,
    });
  },
});

// The ZIP's files: the PDF summary, the card, its company, the consent log, the person's rows of
// every table, and a README with the counts.
async function answerFiles(
  ctx: Ctx,
  r: { requestId: string; receivedAt: string; contactId: string },
  found: Map<string, Record<string, unknown>[]>,
) {
  const card = await clients.getContact(ctx, r.contactId, false);
  const company = card.companyId
    ? await clients.getCompany(ctx, card.companyId, false).catch(() => null)
    : null;
  const consents = await listConsents(ctx, r.contactId);
  const counts = Object.fromEntries(
    [...found.entries()].filter(([, rows]) => rows.length).map(([t, rows]) => [t, rows.length]),
  );
  const summary = await summaryPdf(ctx, {
    request: { id: r.requestId, receivedAt: r.receivedAt },
    card,
    consents,
    tables: counts,
  });
  return [
    { name: 'summary.pdf', content: summary },
    { name: 'contact.json', content: card },
    ...(company ? [{ name: 'company.json', content: company }] : []),
    { name: 'consents.json', content: consents },
    ...[...found.entries()]
      .filter(([, rows]) => rows.length)
      .map(([table, rows]) => ({ name: `tables/${table}.json`, content: rows })),
    {
      name: 'README.json',
      content: {
        generatedAt: new Date().toISOString(),
        requestId: r.requestId,
        about:
          'Всё, что хранится о субъекте персональных данных (152-ФЗ, ст. 14): карточка, согласия и строки каждой таблицы, где он найден.',
        tables: counts,
      },
    },
  ];
}
