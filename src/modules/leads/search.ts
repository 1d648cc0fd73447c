import type { SearchHitRow, SearchTerms } from '@voronka/contract';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { visibleTo } from '../workspaces/service.js';
import { leads } from './tables.js';

// Leads in the global search: the phone (E.164) or e-mail (lower-case, as the contract stores it) exactly, then full text on the
// generated 'russian' tsvector. No trigram step: leads have no trigram index yet, and a sequential
// similarity scan over a million requests would not meet the search budget.
const title = sql<string>`coalesce(${leads.title}, ${leads.contactName}, ${leads.companyName}, ${leads.contactPhone}, ${leads.contactEmail}, '')`;
const subtitle = sql<string | null>`nullif(concat_ws(' · ', ${leads.contactName}, ${leads.contactPhone}, ${leads.contactEmail}), '')`;

export async function searchLeads(ctx: Ctx, t: SearchTerms): Promise<SearchHitRow[]> {
  const scope = and(eq(leads.workspaceId, ctx.workspaceId), visibleTo(ctx, 'leads', leads.assigneeId));
  const hits: SearchHitRow[] = [];
  const keep = (rows: SearchHitRow[]) => rows.forEach((r) => hits.length < t.limit && !hits.some((h) => h.id === r.id) && hits.push(r));
  if (t.phone) keep(await ctx.tx.select({ id: leads.id, title, subtitle, matchedOn: sql<'phone'>`'phone'::text`, headline: sql<null>`null` }).from(leads).where(and(scope, eq(leads.contactPhone, t.phone))).orderBy(desc(leads.receivedAt)).limit(t.limit));
  if (t.email) keep(await ctx.tx.select({ id: leads.id, title, subtitle, matchedOn: sql<'email'>`'email'::text`, headline: sql<null>`null` }).from(leads).where(and(scope, eq(leads.contactEmail, t.email))).orderBy(desc(leads.receivedAt)).limit(t.limit));
  if (hits.length >= t.limit || t.exactOnly) return hits;
  const words = (t.text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3);
  const tsq = words.length ? sql`(websearch_to_tsquery('russian', ${t.text}) || to_tsquery('simple', ${words.map((w) => `${w}:*`).join(' & ')}))` : sql`websearch_to_tsquery('russian', ${t.text})`;
  keep(
    await ctx.tx
      .select({ id: leads.id, title, subtitle, matchedOn: sql<'text'>`'text'::text`, headline: sql<string>`ts_headline('russian', ${title}, ${tsq}, ${'StartSel=\u0001, StopSel=\u0002, HighlightAll=true'})` })
      .from(leads)
      .where(and(scope, sql`${leads.search} @@ ${tsq}`))
      .orderBy(desc(sql`ts_rank(${leads.search}, ${tsq})`), leads.id)
      .limit(t.limit),
  );
  return hits;
}
