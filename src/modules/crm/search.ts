import type { SearchHitRow, SearchTerms } from '@voronka/contract';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { collectHits, rankedFuzzy, rankedText, type Searchable, type SearchStep } from '../../platform/db/text-search.js';
import { visibleTo } from '../workspaces/service.js';
import { companies, contactPoints, contacts, deals } from './tables.js';

// Global search over the client base, one entity at a time, in the pass the search module asks
// for: exact keys (phone, e-mail, INN), full text on the generated 'russian' tsvector, or trigram
// similarity on the name. The bounded, index-driven strategies are in platform/db/text-search.ts.

const textSteps = (ctx: Ctx, t: SearchTerms, g: Searchable): SearchStep[] => [
  { pass: 'text', run: () => rankedText(ctx.tx, g, t.text, t.limit) },
  { pass: 'fuzzy', run: () => rankedFuzzy(ctx.tx, g, t.text, t.limit) },
];
const tag = (m: 'inn' | 'phone' | 'email') => sql<typeof m>`${m}::text`;

export async function searchCompanies(ctx: Ctx, t: SearchTerms): Promise<SearchHitRow[]> {
  const workspace = eq(companies.workspaceId, ctx.workspaceId);
  const visible = visibleTo(ctx, 'companies', companies.ownerId);
  const scope = and(workspace, visible);
  const subtitle = sql<string | null>`nullif(concat_ws(' · ', ${companies.inn}, ${companies.industry}), '')`;
  const g: Searchable = { table: companies, id: companies.id, title: companies.name, search: companies.search, workspace, visible, subtitle };
  const byInn = (inn: string): SearchStep => ({
    pass: 'exact',
    run: () => ctx.tx.select({ id: companies.id, title: companies.name, subtitle, matchedOn: tag('inn'), headline: sql<null>`null` }).from(companies).where(and(scope, eq(companies.inn, inn))).limit(t.limit),
  });
  return collectHits(t, [...(t.inn ? [byInn(t.inn)] : []), ...textSteps(ctx, t, g)]);
}

export async function searchContacts(ctx: Ctx, t: SearchTerms): Promise<SearchHitRow[]> {
  const workspace = eq(contacts.workspaceId, ctx.workspaceId);
  const visible = visibleTo(ctx, 'contacts', contacts.ownerId);
  const scope = and(workspace, visible);
  const g: Searchable = { table: contacts, id: contacts.id, title: contacts.fullName, search: contacts.search, workspace, visible, subtitle: sql<string | null>`${contacts.position}` };
  const owners = (kind: 'phone' | 'email', value: string) =>
    ctx.tx.select({ id: contactPoints.contactId }).from(contactPoints).where(and(eq(contactPoints.workspaceId, ctx.workspaceId), eq(contactPoints.kind, kind), eq(contactPoints.value, value)));
  const byPoint = (kind: 'phone' | 'email', value: string): SearchStep => ({
    pass: 'exact',
    run: () => ctx.tx.select({ id: contacts.id, title: contacts.fullName, subtitle: sql<string>`${value}::text`, matchedOn: tag(kind), headline: sql<null>`null` }).from(contacts).where(and(scope, inArray(contacts.id, owners(kind, value)))).limit(t.limit),
  });
  const exact = [...(t.phone ? [byPoint('phone', t.phone)] : []), ...(t.email ? [byPoint('email', t.email)] : [])];
  return collectHits(t, [...exact, ...textSteps(ctx, t, g)]);
}

export async function searchDeals(ctx: Ctx, t: SearchTerms): Promise<SearchHitRow[]> {
  const workspace = eq(deals.workspaceId, ctx.workspaceId);
  const visible = visibleTo(ctx, 'deals', deals.ownerId);
  const g: Searchable = { table: deals, id: deals.id, title: deals.title, search: deals.search, workspace, visible, subtitle: sql<string | null>`null` };
  return collectHits(t, textSteps(ctx, t, g));
}
