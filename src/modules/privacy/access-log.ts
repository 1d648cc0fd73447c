import { PersonalDataAccessQuery, type PersonalDataAccess, type Page } from '@voronka/contract';
import { and, desc, eq, gte, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { decodeCursor, encodeCursor } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import * as clients from '../clients/service.js';
import { personalDataAccess } from './tables.js';

type How = 'view' | 'export' | 'vcard' | 'privacy_export';

// Every card view and export of a person, one row each, written in the reading request's own
// transaction as ONE insert (a card view: one row; an exported page of up to 1,000: one multi-row
// statement). Members reading through the app and tokens alike; the system's own reads (jobs) are
// not access by a person and are not logged.
export async function recordAccess(
  ctx: Ctx,
  records: { entity: 'contacts' | 'companies'; recordId: string }[],
  how: How,
): Promise<void> {
  if (!records.length || ctx.actor.kind === 'system') return;
  await ctx.tx.insert(personalDataAccess).values(
    records.map((r) => ({
      workspaceId: ctx.workspaceId,
      id: newId(),
      memberId: ctx.actor.memberId,
      entity: r.entity,
      recordId: r.recordId,
      how,
      ip: ctx.ip,
    })),
  );
}

clients.onCardRead((ctx, read) =>
  recordAccess(
    ctx,
    read.ids.map((recordId) => ({ entity: read.entity, recordId })),
    read.how,
  ),
);

export async function listAccess(
  ctx: Ctx,
  input: PersonalDataAccessQuery,
): Promise<Page<PersonalDataAccess>> {
  const q = PersonalDataAccessQuery.parse(input);
  const after = decodeCursor(q.cursor, ['timestamp', 'uuid']);
  const a = personalDataAccess;
  const filters: (SQL | undefined)[] = [
    eq(a.workspaceId, ctx.workspaceId),
    q.memberId ? eq(a.memberId, q.memberId) : undefined,
    q.recordId ? eq(a.recordId, q.recordId) : undefined,
    q.how ? eq(a.how, q.how) : undefined,
    q.from ? gte(a.at, new Date(q.from)) : undefined,
    q.to ? lte(a.at, new Date(q.to)) : undefined,
    after
      ? or(
          sql`${a.at} < ${after[0]}::timestamptz`,
          and(sql`${a.at} = ${after[0]}::timestamptz`, lt(a.id, after[1] as string)),
        )
      : undefined,
  ];
  const rows = await ctx.tx
    .select({
      id: a.id,
      memberId: a.memberId,
      memberName: sql<string | null>`(select u.name from members m join users u on u.id = m.user_id
        where m.workspace_id = ${a.workspaceId} and m.id = ${a.memberId})`,
      entity: a.entity,
      recordId: a.recordId,
      recordName: sql<string | null>`case ${a.entity}
        when 'contacts' then (select c.full_name from contacts c where c.workspace_id = ${a.workspaceId} and c.id = ${a.recordId})
        else (select c.name from companies c where c.workspace_id = ${a.workspaceId} and c.id = ${a.recordId}) end`,
      how: a.how,
      ip: a.ip,
      at: a.at,
      atKey: sql<string>`${a.at}::text`,
    })
    .from(a)
    .where(and(...filters))
    .orderBy(desc(a.at), desc(a.id))
    .limit(q.limit + 1);
  const more = rows.length > q.limit;
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map(({ atKey: _, ...r }) => ({ ...r, at: r.at.toISOString() })),
    nextCursor: more && last ? encodeCursor([last.atKey, last.id]) : null,
  };
}
