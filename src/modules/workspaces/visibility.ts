import type { Entity, ErrorCode } from '@voronka/contract';
import { and, eq, inArray, sql, type AnyColumn, type SQL, type SQLWrapper } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { members } from './tables.js';

// Record visibility: ONE rule, and every path that reads, names or links an owned record goes
// through it (docs/security.md, "Record visibility").
//
// - visibleTo: the rule as a condition on an owner column (lists, search, export, board, reports).
// - The owned entities (companies, contacts, deals, tasks, leads) register how their rows are
//   found and scoped (registerOwned, at module load); then
//   - requireVisible(ctx, entity, id, field): an item read or a link to a record; a record the
//     caller cannot see answers exactly as a missing one (404, naming the field when it is a link);
//   - visibleIds(ctx, entity, ids): which of these ids the caller sees, for naming linked records
//     (a visible record that links an invisible one shows neither its id nor its name);
//   - visibleIdsSql(ctx, entity): the same as a subquery, for a statement that filters by it.

// The rule from the actor's role: all, their team's members' records, or their own. The system actor
// (permissions null: jobs, intake, the SLA clock) sees everything.
export function visibleTo(
  ctx: Ctx,
  entity: Entity,
  ownerColumn: AnyColumn | SQLWrapper,
): SQL | undefined {
  const perms = ctx.actor.permissions;
  if (!perms) return undefined;
  const visibility = perms[entity].visibility;
  if (visibility === 'all') return undefined;
  if (visibility === 'own' || !ctx.actor.teamId)
    return eq(
      ownerColumn as AnyColumn,
      ctx.actor.memberId ?? '00000000-0000-0000-0000-000000000000',
    );
  return sql`${ownerColumn} in (select ${members.id} from ${members} where ${members.workspaceId} = ${ctx.workspaceId} and ${members.teamId} = ${ctx.actor.teamId})`;
}

export type OwnedEntity = 'companies' | 'contacts' | 'deals' | 'tasks' | 'leads';
type Owned = {
  table: PgTable;
  id: PgColumn;
  workspaceId: PgColumn;
  scope: (ctx: Ctx) => SQL | undefined;
  notFound: ErrorCode;
  what: string;
};
const owned = new Map<OwnedEntity, Owned>();

// Called once by the module that owns the table; `scope` is built on visibleTo (leads add that a
// team sees the requests nobody holds yet).
export function registerOwned(entity: OwnedEntity, def: Owned): void {
  owned.set(entity, def);
}

function ownedOf(entity: OwnedEntity): Owned {
  const def = owned.get(entity);
  if (!def) throw new Error(`no visibility registered for ${entity} (registerOwned)`);
  return def;
}

// The condition a statement over the entity's own table adds: in this workspace and visible.
export function ownedScope(ctx: Ctx, entity: OwnedEntity): SQL | undefined {
  const def = ownedOf(entity);
  return and(eq(def.workspaceId, ctx.workspaceId), def.scope(ctx));
}

// A record the caller may read or link to; otherwise the entity's not-found error (with `field`
// when the id came in a body or query: a link).
export async function requireVisible(
  ctx: Ctx,
  entity: OwnedEntity,
  id: string,
  field?: string,
): Promise<void> {
  const def = ownedOf(entity);
  const [row] = await ctx.tx
    .select({ id: def.id })
    .from(def.table)
    .where(and(ownedScope(ctx, entity), eq(def.id, id)))
    .limit(1);
  if (!row) throw new DomainError(def.notFound, `${def.what} not found`, field ? { field } : {});
}

// Which of the ids the caller sees (one query; none when no ids).
export async function visibleIds(
  ctx: Ctx,
  entity: OwnedEntity,
  ids: (string | null | undefined)[],
): Promise<Set<string>> {
  const wanted = [...new Set(ids.filter((i): i is string => Boolean(i)))];
  if (!wanted.length) return new Set();
  const def = ownedOf(entity);
  const rows = await ctx.tx
    .select({ id: def.id })
    .from(def.table)
    .where(and(ownedScope(ctx, entity), inArray(def.id, wanted)));
  return new Set(rows.map((r) => String(r.id)));
}

// The visible ids as a subquery (`id in (…)`), or undefined when the caller sees them all.
export function visibleIdsSql(ctx: Ctx, entity: OwnedEntity) {
  const def = ownedOf(entity);
  if (!def.scope(ctx)) return undefined;
  return ctx.tx.select({ id: def.id }).from(def.table).where(ownedScope(ctx, entity));
}

// An id to show, or null when it names a record the caller cannot see.
export const shownId = (id: string | null, visible: Set<string>): string | null =>
  id && visible.has(id) ? id : null;

// Items with their links to records the caller cannot see shown as none (one query per entity for
// the whole list): a task on someone else's client, an activity on someone else's deal.
export async function hideInvisibleLinks<T extends Record<string, unknown>>(
  ctx: Ctx,
  items: T[],
  links: Partial<Record<keyof T & string, OwnedEntity>>,
): Promise<T[]> {
  if (!ctx.actor.permissions || !items.length) return items;
  const seen = new Map<string, Set<string>>();
  for (const [key, entity] of Object.entries(links) as [string, OwnedEntity][])
    seen.set(
      key,
      await visibleIds(
        ctx,
        entity,
        items.map((i) => i[key] as string | null),
      ),
    );
  return items.map((i) => ({
    ...i,
    ...Object.fromEntries(
      [...seen].map(([key, ids]) => [key, shownId(i[key] as string | null, ids)]),
    ),
  }));
}
