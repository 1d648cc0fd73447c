import type { SearchHitRow, SearchTerms } from '@voronka/contract';
import { and, desc, eq, sql } from 'drizzle-orm';
import { collectHits, rankedText, type SearchStep } from '../../platform/db/text-search.js';
import type { Ctx } from '../../platform/context.js';
import { leadScope } from './leads.js';
import { leads } from './tables.js';

// Leads in the global search: the phone (E.164) or e-mail (lower-case, as the contract stores it) exactly, then full text on the
// generated 'russian' tsvector (bounded, platform/db/text-search.ts). No trigram step: leads have no trigram index yet, and a sequential
// similarity scan over a million requests would not meet the search budget.
const title = sql<string>`coalesce(${leads.title}, ${leads.contactName}, ${leads.companyName}, ${leads.contactPhone}, ${leads.contactEmail}, '')`;
const subtitle = sql<string | null>`nullif(concat_ws(' · ', ${leads.contactName}, ${leads.contactPhone}, ${leads.contactEmail}), '')`;

export async function searchLeads(ctx: Ctx, t: SearchTerms): Promise<SearchHitRow[]> {
  const workspace = eq(leads.workspaceId, ctx.workspaceId);
  const visible = leadScope(ctx);
  const scope = and(workspace, visible);
  const g = { table: leads, id: leads.id, title, subtitle, search: leads.search, workspace, visible };
  const byKey = (column: typeof leads.contactPhone | typeof leads.contactEmail, value: string, matchedOn: 'phone' | 'email'): SearchStep => ({
    pass: 'exact',
    run: () => ctx.tx.select({ id: leads.id, title, subtitle, matchedOn: sql<typeof matchedOn>`${matchedOn}::text`, headline: sql<null>`null` }).from(leads).where(and(scope, eq(column, value))).orderBy(desc(leads.receivedAt)).limit(t.limit),
  });
  return collectHits(t, [
    ...(t.phone ? [byKey(leads.contactPhone, t.phone, 'phone')] : []),
    ...(t.email ? [byKey(leads.contactEmail, t.email, 'email')] : []),
    { pass: 'text', run: () => rankedText(ctx.tx, g, t.text, t.limit) },
  ]);
}
