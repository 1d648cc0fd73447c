import type { SearchHitRow, SearchTerms } from '@voronka/contract';
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import {
  candidateIds,
  collectHits,
  endsWith,
  rankedText,
  startsWith,
  type SearchStep,
} from '../../platform/db/text-search.js';
import type { Ctx } from '../../platform/context.js';
import { leadScope } from './leads.js';
import { leads } from './tables.js';

// Leads in the global search: the phone (E.164) or e-mail (lower-case, as the contract stores it) exactly, then full text on the
// generated 'russian' tsvector (bounded, platform/db/text-search.ts). No trigram step: leads have no trigram index yet, and a sequential
// similarity scan over a million requests would not meet the search budget.
const title = sql<string>`coalesce(${leads.title}, ${leads.contactName}, ${leads.companyName}, ${leads.contactPhone}, ${leads.contactEmail}, '')`;
const subtitle = sql<
  string | null
>`nullif(concat_ws(' · ', ${leads.contactName}, ${leads.contactPhone}, ${leads.contactEmail}), '')`;

export async function searchLeads(ctx: Ctx, t: SearchTerms): Promise<SearchHitRow[]> {
  const workspace = eq(leads.workspaceId, ctx.workspaceId);
  const visible = leadScope(ctx);
  const scope = and(workspace, visible);
  const g = {
    table: leads,
    id: leads.id,
    title,
    subtitle,
    search: leads.search,
    workspace,
    visible,
  };
  const byKey = (
    column: typeof leads.contactPhone | typeof leads.contactEmail,
    value: string,
    matchedOn: 'phone' | 'email',
  ): SearchStep => ({
    pass: 'exact',
    run: () =>
      ctx.tx
        .select({
          id: leads.id,
          title,
          subtitle,
          matchedOn: sql<typeof matchedOn>`${matchedOn}::text`,
          headline: sql<null>`null`,
        })
        .from(leads)
        .where(and(scope, eq(column, value)))
        .orderBy(desc(leads.receivedAt))
        .limit(t.limit),
  });
  // Part of a phone: a start or the last digits of the number as stored (E.164), from the
  // text_pattern_ops indexes on contact_phone and reverse(contact_phone); newest first.
  const byPhonePart = (part: NonNullable<SearchTerms['phonePart']>): SearchStep => ({
    pass: 'exact',
    run: async () => {
      const match = or(
        ...part.prefixes.map((p) => startsWith(leads.contactPhone, p)),
        ...(part.suffix ? [endsWith(leads.contactPhone, part.suffix)] : []),
      )!;
      const ids = await candidateIds(ctx.tx, g, match, undefined, { ordered: true });
      if (!ids.length) return [];
      return ctx.tx
        .select({
          id: leads.id,
          title,
          subtitle,
          matchedOn: sql<'phone'>`'phone'::text`,
          headline: sql<null>`null`,
        })
        .from(leads)
        .where(and(scope, inArray(leads.id, ids)))
        .orderBy(desc(leads.receivedAt))
        .limit(t.limit);
    },
  });
  return collectHits(t, [
    ...(t.phone ? [byKey(leads.contactPhone, t.phone, 'phone')] : []),
    ...(t.phonePart ? [byPhonePart(t.phonePart)] : []),
    ...(t.email ? [byKey(leads.contactEmail, t.email, 'email')] : []),
    { pass: 'text', run: () => rankedText(ctx.tx, g, t.text, t.limit) },
  ]);
}
