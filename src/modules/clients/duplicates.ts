import type { DuplicatePair, DuplicatesQuery } from '@voronka/contract';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { visibleTo } from '../workspaces/service.js';
import { companies, contactPoints, contacts } from './tables.js';

// Names at least this similar (pg_trgm) make a candidate pair; set per transaction so the `%`
// operator uses the trigram index with this threshold instead of the default 0.3.
const NAME_SIMILARITY = 0.6;

type Pair = DuplicatePair;
const rank: Record<Pair['matchedOn'], number> = { inn: 0, phone: 0, email: 1, name: 2 };

// Candidate pairs among the records the actor sees: exact keys first, then similar names; each
// pair once, with its strongest reason.
export async function listDuplicates(ctx: Ctx, q: DuplicatesQuery): Promise<{ items: Pair[] }> {
  if (ctx.actor.permissions && !ctx.actor.permissions[q.entity].read)
    throw new DomainError('auth.forbidden', `no right to read ${q.entity}`);
  await ctx.tx.execute(
    sql`select set_config('pg_trgm.similarity_threshold', ${String(NAME_SIMILARITY)}, true)`,
  );
  const found =
    q.entity === 'contacts'
      ? [...(await samePoints(ctx, q.limit)), ...(await similarNames(ctx, q.limit, 'contacts'))]
      : [...(await sameInn(ctx, q.limit)), ...(await similarNames(ctx, q.limit, 'companies'))];
  const byPair = new Map<string, Pair>();
  for (const p of found.sort((x, y) => rank[x.matchedOn] - rank[y.matchedOn])) {
    const key = [p.a.id, p.b.id].sort().join(':');
    if (!byPair.has(key)) byPair.set(key, p);
  }
  return { items: [...byPair.values()].slice(0, q.limit) };
}

const pair = (
  r: { aId: string; aName: string; bId: string; bName: string },
  matchedOn: Pair['matchedOn'],
  similarity: number | null = null,
): Pair => ({
  a: { id: r.aId, name: r.aName },
  b: { id: r.bId, name: r.bName },
  matchedOn,
  similarity,
});

async function samePoints(ctx: Ctx, limit: number): Promise<Pair[]> {
  const [p1, p2, c1, c2] = [
    alias(contactPoints, 'p1'),
    alias(contactPoints, 'p2'),
    alias(contacts, 'c1'),
    alias(contacts, 'c2'),
  ];
  const rows = await ctx.tx
    .selectDistinct({
      aId: c1.id,
      aName: c1.fullName,
      bId: c2.id,
      bName: c2.fullName,
      kind: p1.kind,
    })
    .from(p1)
    .innerJoin(
      p2,
      and(
        eq(p2.workspaceId, p1.workspaceId),
        eq(p2.kind, p1.kind),
        eq(p2.value, p1.value),
        sql`${p1.contactId} < ${p2.contactId}`,
      ),
    )
    .innerJoin(c1, and(eq(c1.workspaceId, p1.workspaceId), eq(c1.id, p1.contactId)))
    .innerJoin(c2, and(eq(c2.workspaceId, p2.workspaceId), eq(c2.id, p2.contactId)))
    .where(
      and(
        eq(p1.workspaceId, ctx.workspaceId),
        inArray(p1.kind, ['phone', 'email']),
        visibleTo(ctx, 'contacts', c1.ownerId),
        visibleTo(ctx, 'contacts', c2.ownerId),
      ),
    )
    .limit(limit);
  return rows.map((r) => pair(r, r.kind === 'phone' ? 'phone' : 'email'));
}

async function sameInn(ctx: Ctx, limit: number): Promise<Pair[]> {
  const [c1, c2] = [alias(companies, 'c1'), alias(companies, 'c2')];
  const rows = await ctx.tx
    .select({ aId: c1.id, aName: c1.name, bId: c2.id, bName: c2.name })
    .from(c1)
    .innerJoin(
      c2,
      and(eq(c2.workspaceId, c1.workspaceId), eq(c2.inn, c1.inn), sql`${c1.id} < ${c2.id}`),
    )
    .where(
      and(
        eq(c1.workspaceId, ctx.workspaceId),
        sql`${c1.inn} is not null`,
        visibleTo(ctx, 'companies', c1.ownerId),
        visibleTo(ctx, 'companies', c2.ownerId),
      ),
    )
    .limit(limit);
  return rows.map((r) => pair(r, 'inn'));
}

// Pairs whose names are alike (the trigram index's `%`, then the similarity above the threshold):
// contacts by full name, companies by name.
async function similarNames(
  ctx: Ctx,
  limit: number,
  entity: 'contacts' | 'companies',
): Promise<Pair[]> {
  const table = entity === 'contacts' ? contacts : companies;
  const [c1, c2] = [alias(table, 'c1'), alias(table, 'c2')];
  // The two tables share every column used here but the name's.
  const nameOf = (c: unknown): AnyPgColumn =>
    (c as unknown as Record<string, AnyPgColumn>)[entity === 'contacts' ? 'fullName' : 'name']!;
  const [n1, n2] = [nameOf(c1), nameOf(c2)];
  const similarity = sql<number>`similarity(${n1}, ${n2})`.mapWith(Number);
  const rows = await ctx.tx
    .select({ aId: c1.id, aName: n1, bId: c2.id, bName: n2, similarity })
    .from(c1)
    .innerJoin(
      c2,
      and(eq(c2.workspaceId, c1.workspaceId), sql`${c1.id} < ${c2.id}`, sql`${n1} % ${n2}`),
    )
    .where(
      and(
        eq(c1.workspaceId, ctx.workspaceId),
        sql`${similarity} > ${NAME_SIMILARITY}`,
        visibleTo(ctx, entity, c1.ownerId),
        visibleTo(ctx, entity, c2.ownerId),
      ),
    )
    .limit(limit);
  return rows.map((r) => pair(r, 'name', Math.round(r.similarity * 100) / 100));
}
