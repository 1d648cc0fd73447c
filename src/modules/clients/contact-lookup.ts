import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { noRows, readModel, type ReadModel } from '../../platform/db/read-model.js';
import { ownedScope } from '../workspaces/service.js';
import './owned.js';
import { deals } from '../pipeline/tables.js';
import { companies, contactPoints, contacts } from './tables.js';

// Lookups other modules need without reaching into crm's tables: intake matching of a contact by a
// normalised phone or e-mail, and display names of linked records.

export type ContactMatch = { id: string; name: string; companyId: string | null };

// The oldest contact holding this exact point (phones E.164, e-mails lower-case, messenger ids as
// the platform gives them), or null.
export async function findContactByPoint(
  ctx: Ctx,
  kind: 'phone' | 'email' | 'telegram' | 'vk' | 'whatsapp',
  value: string,
): Promise<ContactMatch | null> {
  const [row] = await ctx.tx
    .select({ id: contacts.id, name: contacts.fullName, companyId: contacts.companyId })
    .from(contactPoints)
    .innerJoin(
      contacts,
      and(
        eq(contacts.workspaceId, contactPoints.workspaceId),
        eq(contacts.id, contactPoints.contactId),
      ),
    )
    .where(
      and(
        eq(contactPoints.workspaceId, ctx.workspaceId),
        eq(contactPoints.kind, kind),
        eq(contactPoints.value, value),
      ),
    )
    .orderBy(asc(contacts.createdAt), asc(contacts.id))
    .limit(1);
  return row ?? null;
}

export type ContactPoint = {
  kind: 'phone' | 'email' | 'telegram' | 'vk' | 'whatsapp';
  value: string;
};

// findContactByPoint for several points, the first point (in the order given) that any contact
// holds winning, as a read model (at most one row) for another module to name inside its own
// statement: the inbox matches a client in the statement that stores the message.
export type ContactMatchRow = { id: string; companyId: string | null };
const contactMatchColumns = { id: 'uuid', companyId: 'uuid' };

export function contactByPoints(ctx: Ctx, points: ContactPoint[]): ReadModel<ContactMatchRow> {
  if (!points.length) return noRows(contactMatchColumns);
  const wanted = sql.join(
    points.map((p, i) => sql`(${i}::int, ${p.kind}::text, ${p.value}::text)`),
    sql`, `,
  );
  return readModel(
    contactMatchColumns,
    sql`
    select c.id, c.company_id from ${contactPoints} p
    join (values ${wanted}) as w(rank, kind, value) on p.kind = w.kind and p.value = w.value
    join ${contacts} c on c.workspace_id = p.workspace_id and c.id = p.contact_id
    where p.workspace_id = ${ctx.workspaceId}
    order by w.rank, c.created_at, c.id
    limit 1`,
  );
}

export type RecordNames = {
  contacts: Map<string, string>;
  companies: Map<string, string>;
  deals: Map<string, string>;
};

// Names of the given contacts, companies and deals the caller sees, in one query each (none when no
// ids). A record the caller cannot see is absent from the maps: show neither its id nor its name.
export async function recordNames(
  ctx: Ctx,
  ids: { contacts?: string[]; companies?: string[]; deals?: string[] },
): Promise<RecordNames> {
  const uniq = (a: string[] | undefined) => [...new Set(a ?? [])];
  // One after another: statements on one transaction's connection run in turn anyway.
  const c = uniq(ids.contacts).length
    ? await ctx.tx
        .select({ id: contacts.id, name: contacts.fullName })
        .from(contacts)
        .where(and(ownedScope(ctx, 'contacts'), inArray(contacts.id, uniq(ids.contacts))))
    : [];
  const co = uniq(ids.companies).length
    ? await ctx.tx
        .select({ id: companies.id, name: companies.name })
        .from(companies)
        .where(and(ownedScope(ctx, 'companies'), inArray(companies.id, uniq(ids.companies))))
    : [];
  const d = uniq(ids.deals).length
    ? await ctx.tx
        .select({ id: deals.id, name: deals.title })
        .from(deals)
        .where(and(ownedScope(ctx, 'deals'), inArray(deals.id, uniq(ids.deals))))
    : [];
  const toMap = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  return { contacts: toMap(c), companies: toMap(co), deals: toMap(d) };
}
