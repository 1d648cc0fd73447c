import type { SearchHitRow, SearchTerms } from '@voronka/contract';
import { and, asc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import {
  candidateIds,
  collectHits,
  endsWith,
  rankedFuzzy,
  rankedText,
  startsWith,
  type Searchable,
  type SearchStep,
} from '../../platform/db/text-search.js';
import { visibleTo } from '../workspaces/service.js';
import { companies, contactPoints, contacts } from './tables.js';

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
  const subtitle = sql<
    string | null
  >`nullif(concat_ws(' · ', ${companies.inn}, ${companies.industry}), '')`;
  const g: Searchable = {
    table: companies,
    id: companies.id,
    title: companies.name,
    search: companies.search,
    workspace,
    visible,
    subtitle,
  };
  const byInn = (inn: string): SearchStep => ({
    pass: 'exact',
    run: () =>
      ctx.tx
        .select({
          id: companies.id,
          title: companies.name,
          subtitle,
          matchedOn: tag('inn'),
          headline: sql<null>`null`,
        })
        .from(companies)
        .where(and(scope, eq(companies.inn, inn)))
        .limit(t.limit),
  });
  // A domain: the company whose website is on it, and the companies of the people writing from it.
  const byDomain = (domain: string): SearchStep => ({
    pass: 'exact',
    run: async () => {
      const site = lower(companies.website);
      const bySite = await candidateIds(
        ctx.tx,
        { table: companies, id: companies.id, workspace, visible },
        or(
          ...['https://', 'http://', 'https://www.', 'http://www.'].flatMap((p) => [
            sql`${site} = ${p + domain}`,
            startsWith(site, `${p}${domain}/`),
          ]),
        )!,
      );
      const people = await pointOwners(ctx, 'email', endsWith(contactPoints.value, `@${domain}`));
      const byPeople = people.length
        ? await ctx.tx
            .selectDistinct({ id: contacts.companyId })
            .from(contacts)
            .where(and(eq(contacts.workspaceId, ctx.workspaceId), inArray(contacts.id, people)))
        : [];
      const ids = [...new Set([...bySite, ...byPeople.flatMap((p) => (p.id ? [p.id] : []))])];
      if (!ids.length) return [];
      return ctx.tx
        .select({
          id: companies.id,
          title: companies.name,
          subtitle,
          matchedOn: tag('email'),
          headline: sql<null>`null`,
        })
        .from(companies)
        .where(and(scope, inArray(companies.id, ids)))
        .orderBy(asc(companies.name))
        .limit(t.limit);
    },
  });
  return collectHits(t, [
    ...(t.inn ? [byInn(t.inn)] : []),
    ...(t.domain ? [byDomain(t.domain)] : []),
    ...textSteps(ctx, t, g),
  ]);
}

const lower = (column: typeof companies.website) => sql`lower(${column})`;

// The contacts that own a phone or e-mail matching a partial key (prefix or suffix, answered by the
// text_pattern_ops indexes on value and reverse(value)), read as candidates (bounded, see
// text-search.ts: under row security a LIKE could not use the index).
async function pointOwners(ctx: Ctx, kind: 'phone' | 'email', match: SQL): Promise<string[]> {
  return candidateIds(
    ctx.tx,
    {
      table: contactPoints,
      id: contactPoints.contactId,
      workspace: and(eq(contactPoints.workspaceId, ctx.workspaceId), eq(contactPoints.kind, kind))!,
      visible: undefined,
    },
    match,
    undefined,
    { ordered: true },
  );
}

// Whether a stored phone matches what was typed of it: one of its starts, or its last digits.
export function phonePartMatch(
  column: SQL | typeof contactPoints.value,
  part: NonNullable<SearchTerms['phonePart']>,
): SQL {
  return or(
    ...part.prefixes.map((p) => startsWith(column, p)),
    ...(part.suffix ? [endsWith(column, part.suffix)] : []),
  )!;
}

// The contacts holding this exact point, as a subquery.
const exactPointOwners = (ctx: Ctx, kind: 'phone' | 'email', value: string) =>
  ctx.tx
    .select({ id: contactPoints.contactId })
    .from(contactPoints)
    .where(
      and(
        eq(contactPoints.workspaceId, ctx.workspaceId),
        eq(contactPoints.kind, kind),
        eq(contactPoints.value, value),
      ),
    );

export async function searchContacts(ctx: Ctx, t: SearchTerms): Promise<SearchHitRow[]> {
  const workspace = eq(contacts.workspaceId, ctx.workspaceId);
  const visible = visibleTo(ctx, 'contacts', contacts.ownerId);
  const scope = and(workspace, visible);
  const g: Searchable = {
    table: contacts,
    id: contacts.id,
    title: contacts.fullName,
    search: contacts.search,
    workspace,
    visible,
    subtitle: sql<string | null>`${contacts.position}`,
  };
  const byPoint = (kind: 'phone' | 'email', value: string): SearchStep => ({
    pass: 'exact',
    run: () =>
      ctx.tx
        .select({
          id: contacts.id,
          title: contacts.fullName,
          subtitle: sql<string>`${value}::text`,
          matchedOn: tag(kind),
          headline: sql<null>`null`,
        })
        .from(contacts)
        .where(and(scope, inArray(contacts.id, exactPointOwners(ctx, kind, value))))
        .limit(t.limit),
  });
  // Part of a phone or an e-mail domain: the contacts owning such a point, each with the point found.
  const byPart = (kind: 'phone' | 'email', match: SQL): SearchStep => ({
    pass: 'exact',
    run: async () => {
      const ids = await pointOwners(ctx, kind, match);
      if (!ids.length) return [];
      const rows = await ctx.tx
        .select({
          id: contacts.id,
          title: contacts.fullName,
          matchedOn: tag(kind),
          headline: sql<null>`null`,
        })
        .from(contacts)
        .where(and(scope, inArray(contacts.id, ids)))
        .orderBy(asc(contacts.fullName), asc(contacts.id))
        .limit(t.limit);
      if (!rows.length) return [];
      const points = await ctx.tx
        .select({ contactId: contactPoints.contactId, value: contactPoints.value })
        .from(contactPoints)
        .where(
          and(
            eq(contactPoints.workspaceId, ctx.workspaceId),
            eq(contactPoints.kind, kind),
            inArray(
              contactPoints.contactId,
              rows.map((r) => r.id),
            ),
            match,
          ),
        )
        .orderBy(asc(contactPoints.position));
      return rows.map((r) => ({
        ...r,
        subtitle: points.find((p) => p.contactId === r.id)?.value ?? null,
      }));
    },
  });
  const exact = [
    ...(t.phone ? [byPoint('phone', t.phone)] : []),
    ...(t.email ? [byPoint('email', t.email)] : []),
    ...(t.phonePart ? [byPart('phone', phonePartMatch(contactPoints.value, t.phonePart))] : []),
    ...(t.domain ? [byPart('email', endsWith(contactPoints.value, `@${t.domain}`))] : []),
  ];
  return collectHits(t, [...exact, ...textSteps(ctx, t, g)]);
}
