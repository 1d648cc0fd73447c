import type { AuditEntry, AuditQuery, Page } from '@voronka/contract';
import { and, desc, eq, gte, lt, lte } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/tables.js';
import type { Ctx } from '../../platform/context.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { members, users } from './tables.js';
import { visibleTo } from './visibility.js';

// Newest first by id (UUIDv7 is time-ordered), filtered by the reader's audit visibility.
export async function listAudit(ctx: Ctx, q: AuditQuery): Promise<Page<AuditEntry>> {
  const after = decodeCursor(q.cursor, ['uuid']);
  const rows = await ctx.tx
    .select({ entry: auditLog, actorName: users.name })
    .from(auditLog)
    .leftJoin(members, and(eq(members.workspaceId, auditLog.workspaceId), eq(members.id, auditLog.actorMemberId)))
    .leftJoin(users, eq(users.id, members.userId))
    .where(
      and(
        eq(auditLog.workspaceId, ctx.workspaceId),
        visibleTo(ctx, 'audit', auditLog.actorMemberId),
        q.entity ? eq(auditLog.entity, q.entity) : undefined,
        q.entityId ? eq(auditLog.entityId, q.entityId) : undefined,
        q.actorId ? eq(auditLog.actorMemberId, q.actorId) : undefined,
        q.action ? eq(auditLog.action, q.action) : undefined,
        q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
        q.to ? lte(auditLog.at, new Date(q.to)) : undefined,
        after ? lt(auditLog.id, String(after[0])) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(q.limit + 1);
  return toPage(
    rows,
    q.limit,
    ({ entry: e, actorName }) => ({
      id: e.id,
      at: e.at.toISOString(),
      actorId: e.actorMemberId,
      actorName,
      actorKind: e.actorKind,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      before: e.before ?? null,
      after: e.after ?? null,
      ip: e.ip,
    }),
    (r) => [r.entry.id],
  );
}
