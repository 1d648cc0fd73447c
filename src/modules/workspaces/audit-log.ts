import type { AuditEntry, AuditQuery, Page } from '@voronka/contract';
import { and, desc, eq, gte, inArray, lt, lte } from 'drizzle-orm';
import { auditLog } from '../../platform/audit/tables.js';
import type { Ctx } from '../../platform/context.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { members, teams, users } from './tables.js';
import { visibleTo } from './visibility.js';

// Record titles of other modules' entities (contacts, deals, requests…), handed in by the
// composition root (workspaces cannot import the modules that import it).
export type AuditTitles = (ctx: Ctx, ids: Map<string, string[]>) => Promise<Map<string, string>>;
let titlesPort: AuditTitles | null = null;
export function setAuditTitlesPort(port: AuditTitles): void {
  titlesPort = port;
}

// A snapshot's own name for its record: what was created, or deleted and is gone now.
function snapshotTitle(...snapshots: unknown[]): string | null {
  for (const s of snapshots) {
    if (typeof s !== 'object' || s === null) continue;
    const o = s as Record<string, unknown>;
    for (const k of ['name', 'title', 'fullName', 'email', 'fileName'])
      if (typeof o[k] === 'string' && o[k]) return o[k] as string;
  }
  return null;
}

// Titles of the page's records, read now: members and teams here, the rest through the port.
async function entityTitles(
  ctx: Ctx,
  entries: { entity: string; entityId: string | null }[],
): Promise<Map<string, string>> {
  const byEntity = new Map<string, string[]>();
  for (const e of entries)
    if (e.entityId && /^[0-9a-f-]{36}$/i.test(e.entityId))
      byEntity.set(e.entity, [...new Set([...(byEntity.get(e.entity) ?? []), e.entityId])]);
  const out = new Map<string, string>();
  const userIds = byEntity.get('users') ?? [];
  if (userIds.length) {
    const rows = await ctx.tx
      .select({ id: members.id, name: users.name })
      .from(members)
      .innerJoin(users, eq(users.id, members.userId))
      .where(and(eq(members.workspaceId, ctx.workspaceId), inArray(members.id, userIds)));
    for (const r of rows) out.set(`users:${r.id}`, r.name);
  }
  const teamIds = byEntity.get('teams') ?? [];
  if (teamIds.length) {
    const rows = await ctx.tx
      .select({ id: teams.id, name: teams.name })
      .from(teams)
      .where(and(eq(teams.workspaceId, ctx.workspaceId), inArray(teams.id, teamIds)));
    for (const r of rows) out.set(`teams:${r.id}`, r.name);
  }
  if (titlesPort) for (const [key, title] of await titlesPort(ctx, byEntity)) out.set(key, title);
  return out;
}

// Newest first by id (UUIDv7 is time-ordered), filtered by the reader's audit visibility.
export async function listAudit(ctx: Ctx, q: AuditQuery): Promise<Page<AuditEntry>> {
  const after = decodeCursor(q.cursor, ['uuid']);
  const rows = await ctx.tx
    .select({ entry: auditLog, actorName: users.name })
    .from(auditLog)
    .leftJoin(
      members,
      and(eq(members.workspaceId, auditLog.workspaceId), eq(members.id, auditLog.actorMemberId)),
    )
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
  const titles = await entityTitles(
    ctx,
    rows.slice(0, q.limit).map((r) => r.entry),
  );
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
      entityTitle:
        (e.entityId ? titles.get(`${e.entity}:${e.entityId}`) : undefined) ??
        snapshotTitle(e.after, e.before),
      before: e.before ?? null,
      after: e.after ?? null,
      ip: e.ip,
    }),
    (r) => [r.entry.id],
  );
}
