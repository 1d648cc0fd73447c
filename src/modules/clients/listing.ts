import { asc, desc, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { decodeCursor } from '../../platform/http/pagination.js';
import * as workspaces from '../workspaces/service.js';

// Shared by the company and contact lists: keyset pagination on (sort key, id), owner checks.

export type SortSpec = { column: AnyColumn; kind: 'text' | 'timestamp' };

// The sort key travels in the cursor as PostgreSQL's own text, so timestamps keep their
// microseconds (a JavaScript Date would cut them and skip or repeat rows at page edges).
export const sortKeyText = (s: SortSpec) => sql<string>`${s.column}::text`;

export function keysetAfter(
  s: SortSpec,
  id: AnyColumn,
  order: 'asc' | 'desc',
  cursor: string | undefined,
): SQL | undefined {
  const after = decodeCursor(cursor, [s.kind, 'uuid']);
  if (!after) return undefined;
  const key =
    s.kind === 'timestamp' ? sql`${String(after[0])}::timestamptz` : sql`${String(after[0])}::text`;
  const cmp = order === 'asc' ? sql`>` : sql`<`;
  return sql`(${s.column}, ${id}) ${cmp} (${key}, ${String(after[1])}::uuid)`;
}

export const keysetOrder = (s: SortSpec, id: AnyColumn, order: 'asc' | 'desc') =>
  order === 'asc' ? [asc(s.column), asc(id)] : [desc(s.column), desc(id)];

// LIKE patterns from user text: the wildcards it contains are literal.
export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

// An owner must be a member of this workspace the actor may see.
export async function assertOwner(ctx: Ctx, ownerId: string | null | undefined): Promise<void> {
  if (!ownerId) return;
  try {
    await workspaces.getUser(ctx, ownerId);
  } catch {
    throw new DomainError('user.not_found', 'owner is not a member of this workspace', {
      field: 'ownerId',
    });
  }
}

// Optional text from the contract: undefined leaves a field alone, '' and null clear it.
export const textOrNull = (v: string | null | undefined) =>
  v === undefined ? undefined : v === null || v === '' ? null : v;

export const defined = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
