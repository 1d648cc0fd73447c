import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { companies, contactPoints, contacts, deals } from './tables.js';

// Lookups other modules need without reaching into crm's tables: intake matching of a contact by a
// normalised phone or e-mail, and display names of linked records.

export type ContactMatch = { id: string; name: string; companyId: string | null };

// The oldest contact holding this exact point (phones E.164, e-mails lower-case, messenger ids as
// the platform gives them), or null.
export async function findContactByPoint(ctx: Ctx, kind: 'phone' | 'email' | 'telegram' | 'vk' | 'whatsapp', value: string): Promise<ContactMatch | null> {
  const [row] = await ctx.tx
    .select({ id: contacts.id, name: contacts.fullName, companyId: contacts.companyId })
    .from(contactPoints)
    .innerJoin(contacts, and(eq(contacts.workspaceId, contactPoints.workspaceId), eq(contacts.id, contactPoints.contactId)))
    .where(and(eq(contactPoints.workspaceId, ctx.workspaceId), eq(contactPoints.kind, kind), eq(contactPoints.value, value)))
    .orderBy(asc(contacts.createdAt), asc(contacts.id))
    .limit(1);
  return row ?? null;
}

export type RecordNames = { contacts: Map<string, string>; companies: Map<string, string>; deals: Map<string, string> };

// Names of the given contacts, companies and deals in one query each (none when no ids).
export async function recordNames(ctx: Ctx, ids: { contacts?: string[]; companies?: string[]; deals?: string[] }): Promise<RecordNames> {
  const ws = ctx.workspaceId;
  const uniq = (a: string[] | undefined) => [...new Set(a ?? [])];
  // One after another: statements on one transaction's connection run in turn anyway.
  const c = uniq(ids.contacts).length ? await ctx.tx.select({ id: contacts.id, name: contacts.fullName }).from(contacts).where(and(eq(contacts.workspaceId, ws), inArray(contacts.id, uniq(ids.contacts)))) : [];
  const co = uniq(ids.companies).length ? await ctx.tx.select({ id: companies.id, name: companies.name }).from(companies).where(and(eq(companies.workspaceId, ws), inArray(companies.id, uniq(ids.companies)))) : [];
  const d = uniq(ids.deals).length ? await ctx.tx.select({ id: deals.id, name: deals.title }).from(deals).where(and(eq(deals.workspaceId, ws), inArray(deals.id, uniq(ids.deals)))) : [];
  const toMap = (rows: { id: string; name: string }[]) => new Map(rows.map((r) => [r.id, r.name]));
  return { contacts: toMap(c), companies: toMap(co), deals: toMap(d) };
}
