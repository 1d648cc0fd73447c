import {
  PrivacyRequestListQuery,
  type PrivacyRequest,
  type PrivacyRequestCloseBody,
  type PrivacyRequestCreateBody,
  type PrivacyRequestExtendBody,
} from '@voronka/contract';
import { and, asc, eq, lt, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as clients from '../clients/service.js';
import * as workspaces from '../workspaces/service.js';
import { dueDate, extendedDue } from './clock.js';
import { privacyRequests } from './tables.js';

export type RequestRow = typeof privacyRequests.$inferSelect;

// Everything but the export's bytes.
export const requestColumns = {
  workspaceId: privacyRequests.workspaceId,
  id: privacyRequests.id,
  contactId: privacyRequests.contactId,
  kind: privacyRequests.kind,
  status: privacyRequests.status,
  receivedAt: privacyRequests.receivedAt,
  dueAt: privacyRequests.dueAt,
  extendedAt: privacyRequests.extendedAt,
  extensionReason: privacyRequests.extensionReason,
  note: privacyRequests.note,
  answer: privacyRequests.answer,
  closedAt: privacyRequests.closedAt,
  createdBy: privacyRequests.createdBy,
  exportStatus: privacyRequests.exportStatus,
  exportDone: privacyRequests.exportDone,
  exportTotal: privacyRequests.exportTotal,
  exportSize: privacyRequests.exportSize,
  erasedAt: privacyRequests.erasedAt,
  createdAt: privacyRequests.createdAt,
  contactName: sql<string | null>`(select c.full_name from contacts c
    where c.workspace_id = ${privacyRequests.workspaceId} and c.id = ${privacyRequests.contactId})`,
};
type Listed = Omit<RequestRow, 'exportContent'> & { contactName: string | null };

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const toRequest = (r: Listed, now = new Date()): PrivacyRequest => ({
  id: r.id,
  contactId: r.contactId,
  contactName: r.contactName,
  kind: r.kind,
  status: r.status,
  receivedAt: r.receivedAt.toISOString(),
  dueAt: r.dueAt.toISOString(),
  extended: r.extendedAt !== null,
  extensionReason: r.extensionReason,
  overdue: r.status === 'open' && r.dueAt.getTime() < now.getTime(),
  note: r.note,
  answer: r.answer,
  closedAt: iso(r.closedAt),
  erasedAt: iso(r.erasedAt),
  export: r.exportStatus
    ? { status: r.exportStatus, done: r.exportDone, total: r.exportTotal, size: r.exportSize }
    : null,
  createdAt: r.createdAt.toISOString(),
});

const byId = (ctx: Ctx, id: string) =>
  and(eq(privacyRequests.workspaceId, ctx.workspaceId), eq(privacyRequests.id, id));

export async function loadRequest(ctx: Ctx, id: string, lock = false): Promise<Listed> {
  const q = ctx.tx.select(requestColumns).from(privacyRequests).where(byId(ctx, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound('privacy_request.not_found', 'privacy request');
  return row;
}

export const getRequest = async (ctx: Ctx, id: string) => toRequest(await loadRequest(ctx, id));

export const timeZoneOf = async (ctx: Ctx) => (await workspaces.getWorkspace(ctx)).timezone;

export async function createRequest(ctx: Ctx, body: PrivacyRequestCreateBody) {
  try {
    await clients.getContact(ctx, body.contactId);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'contact.not_found')
      throw new DomainError('contact.not_found', 'contact not found', { field: 'contactId' });
    throw err;
  }
  const receivedAt = body.receivedAt ? new Date(body.receivedAt) : new Date();
  if (receivedAt.getTime() > Date.now() + 60_000)
    throw new DomainError('request.invalid', 'a request cannot be received in the future', {
      field: 'receivedAt',
    });
  const id = newId();
  await ctx.tx.insert(privacyRequests).values({
    workspaceId: ctx.workspaceId,
    id,
    contactId: body.contactId,
    kind: body.kind,
    receivedAt,
    dueAt: dueDate(receivedAt, await timeZoneOf(ctx)),
    note: body.note || null,
    createdBy: ctx.actor.memberId,
  });
  await recordAudit(ctx, {
    action: 'privacy.request_created',
    entity: 'privacy',
    entityId: id,
    after: { kind: body.kind, contactId: body.contactId, receivedAt },
  });
  return getRequest(ctx, id);
}

export async function listRequests(ctx: Ctx, input: PrivacyRequestListQuery) {
  const q = PrivacyRequestListQuery.parse(input);
  const filters: (SQL | undefined)[] = [
    eq(privacyRequests.workspaceId, ctx.workspaceId),
    q.status ? eq(privacyRequests.status, q.status) : undefined,
    q.kind ? eq(privacyRequests.kind, q.kind) : undefined,
    q.contactId ? eq(privacyRequests.contactId, q.contactId) : undefined,
    q.overdue === 'true'
      ? and(eq(privacyRequests.status, 'open'), lt(privacyRequests.dueAt, sql`now()`))
      : undefined,
    q.overdue === 'false'
      ? sql`not (${privacyRequests.status} = 'open' and ${privacyRequests.dueAt} < now())`
      : undefined,
  ];
  // Open ones first, the nearest deadline first; then closed ones, newest first.
  const rows = await ctx.tx
    .select(requestColumns)
    .from(privacyRequests)
    .where(and(...filters))
    .orderBy(
      sql`${privacyRequests.status} <> 'open'`,
      sql`case when ${privacyRequests.status} = 'open' then ${privacyRequests.dueAt} end asc`,
      sql`${privacyRequests.createdAt} desc`,
      asc(privacyRequests.id),
    )
    .limit(q.limit);
  const now = new Date();
  return { items: rows.map((r) => toRequest(r, now)) };
}

export function assertOpen(r: Listed) {
  if (r.status !== 'open')
    throw new DomainError('privacy_request.state', `the request is ${r.status}`, { field: 'id' });
}

export async function extendRequest(ctx: Ctx, id: string, body: PrivacyRequestExtendBody) {
  const r = await loadRequest(ctx, id, true);
  assertOpen(r);
  if (r.extendedAt)
    throw new DomainError('privacy_request.state', 'the deadline was already extended once', {
      field: 'reason',
    });
  const dueAt = extendedDue(r.dueAt, await timeZoneOf(ctx));
  await ctx.tx
    .update(privacyRequests)
    .set({ dueAt, extendedAt: new Date(), extensionReason: body.reason })
    .where(byId(ctx, id));
  await recordAudit(ctx, {
    action: 'privacy.request_extended',
    entity: 'privacy',
    entityId: id,
    before: { dueAt: r.dueAt },
    after: { dueAt, reason: body.reason },
  });
  return getRequest(ctx, id);
}

export async function closeRequest(ctx: Ctx, id: string, body: PrivacyRequestCloseBody) {
  const r = await loadRequest(ctx, id, true);
  assertOpen(r);
  await ctx.tx
    .update(privacyRequests)
    .set({ status: body.status, answer: body.answer, closedAt: new Date() })
    .where(byId(ctx, id));
  await recordAudit(ctx, {
    action: 'privacy.request_closed',
    entity: 'privacy',
    entityId: id,
    after: { status: body.status, late: r.dueAt.getTime() < Date.now() },
  });
  return getRequest(ctx, id);
}
