import type { MatchedOn, SearchHitRow, SearchTerms } from '@voronka/contract';
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Ctx } from '../../platform/context.js';
import { visibleTo } from '../workspaces/service.js';
import { companies, contactPoints, contacts, deals } from './tables.js';

// Global search over the client base, one entity at a time, strategies in order: exact keys
// (phone, e-mail, INN) → full text on the generated 'russian' tsvector → trigram similarity on the
// name, the last only when the others found few. The search module combines the entities.

// The query as a tsquery: morphology through websearch_to_tsquery('russian') OR every word as a
// prefix ('simple', so that a half-typed "Рома" finds "Ромашка"). Words are reduced to letters and
// digits before they become prefix terms, so no tsquery operator can come from the user; words under
// three letters are left out of the prefix part (they would match a large share of a big table).
export function textQuery(text: string): SQL {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3);
  const prefix = words.map((w) => `${w}:*`).join(' & ');
  return prefix ? sql`(websearch_to_tsquery('russian', ${text}) || to_tsquery('simple', ${prefix}))` : sql`websearch_to_tsquery('russian', ${text})`;
}

// Matches are marked with control characters, which the input guard never lets into a query; the
// search module turns them into highlight segments.
const headline = (column: PgColumn, tsq: SQL) =>
  sql<string>`ts_headline('russian', coalesce(${column}, ''), ${tsq}, ${'StartSel=\u0001, StopSel=\u0002, HighlightAll=true'})`;

// Typo tolerance: word_similarity, so that "Ромашко" finds "ООО «Ромашка»" (whole-string similarity
// is diluted by the other words). The threshold is set for this transaction only, so the GIN trigram
// index answers `<%`; 0.4 lets one wrong letter in a six-letter word through ("Ивонов").
export const FUZZY_THRESHOLD = 0.4;
const setFuzzyThreshold = (ctx: Ctx) => ctx.tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${String(FUZZY_THRESHOLD)}, true)`);

type Step = { fuzzy?: boolean; exact?: boolean; run: () => Promise<SearchHitRow[]> };

// Runs the strategies in order until `limit` hits; the fuzzy one only when fewer than three (or
// `limit`) were found, since it is the slowest and the least precise.
export async function collectHits(limit: number, steps: Step[], exactOnly = false): Promise<SearchHitRow[]> {
  const hits: SearchHitRow[] = [];
  for (const step of steps) {
    if (exactOnly && !step.exact) break;
    if (hits.length >= limit || (step.fuzzy && hits.length >= Math.min(3, limit))) break;
    for (const h of await step.run()) if (hits.length < limit && !hits.some((x) => x.id === h.id)) hits.push(h);
  }
  return hits;
}

type Target = { table: PgTable; id: PgColumn; title: PgColumn; subtitle: SQL<string | null>; search: PgColumn; scope: SQL | undefined };
const columnsOf = (g: Target) => ({ id: sql<string>`${g.id}`, title: sql<string>`${g.title}`, subtitle: g.subtitle });
const tag = <M extends MatchedOn>(m: M) => sql<M>`${m}::text`;

function textStep(ctx: Ctx, t: SearchTerms, g: Target): Step {
  const tsq = textQuery(t.text);
  return {
    run: () =>
      ctx.tx
        .select({ ...columnsOf(g), matchedOn: tag('text'), headline: headline(g.title, tsq) })
        .from(g.table)
        .where(and(g.scope, sql`${g.search} @@ ${tsq}`))
        .orderBy(desc(sql`ts_rank(${g.search}, ${tsq})`), g.id)
        .limit(t.limit),
  };
}

function fuzzyStep(ctx: Ctx, t: SearchTerms, g: Target): Step {
  return {
    fuzzy: true,
    run: async () => {
      await setFuzzyThreshold(ctx);
      return ctx.tx
        .select({ ...columnsOf(g), matchedOn: tag('fuzzy'), headline: sql<null>`null` })
        .from(g.table)
        .where(and(g.scope, sql`${t.text} <% ${g.title}`))
        .orderBy(desc(sql`word_similarity(${t.text}, ${g.title})`), g.id)
        .limit(t.limit);
    },
  };
}

export async function searchCompanies(ctx: Ctx, t: SearchTerms): Promise<SearchHitRow[]> {
  const scope = and(eq(companies.workspaceId, ctx.workspaceId), visibleTo(ctx, 'companies', companies.ownerId));
  const g: Target = { table: companies, id: companies.id, title: companies.name, search: companies.search, scope, subtitle: sql<string | null>`nullif(concat_ws(' · ', ${companies.inn}, ${companies.industry}), '')` };
  const byInn = (inn: string): Step => ({
    exact: true,
    run: () => ctx.tx.select({ ...columnsOf(g), matchedOn: tag('inn'), headline: sql<null>`null` }).from(companies).where(and(scope, eq(companies.inn, inn))).limit(t.limit),
  });
  return collectHits(t.limit, [...(t.inn ? [byInn(t.inn)] : []), textStep(ctx, t, g), fuzzyStep(ctx, t, g)], t.exactOnly);
}

export async function searchContacts(ctx: Ctx, t: SearchTerms): Promise<SearchHitRow[]> {
  const scope = and(eq(contacts.workspaceId, ctx.workspaceId), visibleTo(ctx, 'contacts', contacts.ownerId));
  const g: Target = { table: contacts, id: contacts.id, title: contacts.fullName, search: contacts.search, scope, subtitle: sql<string | null>`${contacts.position}` };
  const owners = (kind: 'phone' | 'email', value: string) =>
    ctx.tx.select({ id: contactPoints.contactId }).from(contactPoints).where(and(eq(contactPoints.workspaceId, ctx.workspaceId), eq(contactPoints.kind, kind), eq(contactPoints.value, value)));
  const byPoint = (kind: 'phone' | 'email', value: string): Step => ({
    exact: true,
    run: () => ctx.tx.select({ id: contacts.id, title: contacts.fullName, subtitle: sql<string>`${value}::text`, matchedOn: tag(kind), headline: sql<null>`null` }).from(contacts).where(and(scope, inArray(contacts.id, owners(kind, value)))).limit(t.limit),
  });
  const exact = [...(t.phone ? [byPoint('phone', t.phone)] : []), ...(t.email ? [byPoint('email', t.email)] : [])];
  return collectHits(t.limit, [...exact, textStep(ctx, t, g), fuzzyStep(ctx, t, g)], t.exactOnly);
}

export async function searchDeals(ctx: Ctx, t: SearchTerms): Promise<SearchHitRow[]> {
  const scope = and(eq(deals.workspaceId, ctx.workspaceId), visibleTo(ctx, 'deals', deals.ownerId));
  const g: Target = { table: deals, id: deals.id, title: deals.title, search: deals.search, scope, subtitle: sql<string | null>`null` };
  return collectHits(t.limit, [textStep(ctx, t, g), fuzzyStep(ctx, t, g)], t.exactOnly);
}
