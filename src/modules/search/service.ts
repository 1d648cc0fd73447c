import {
  searchTypes,
  type HighlightSegment,
  type SearchHit,
  type SearchHitRow,
  type SearchQuery,
  type SearchResults,
  type SearchTerms,
  type SearchType,
} from '@voronka/contract';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Ctx } from '../../platform/context.js';
import { preferIndexes } from '../../platform/db/text-search.js';
import * as clients from '../clients/service.js';
import * as pipeline from '../pipeline/service.js';
import * as leads from '../leads/service.js';

// The global search (Ctrl+K): one query over companies, contacts, leads and deals, grouped by type.
// Each entity searches itself in the pass asked (exact keys, full text, trigram); this module reads
// the query once for exact keys, runs the passes over every type and skips the types the role may
// not read.

const searchers: Record<SearchType, (ctx: Ctx, t: SearchTerms) => Promise<SearchHitRow[]>> = {
  companies: clients.searchCompanies,
  contacts: clients.searchContacts,
  leads: leads.searchLeads,
  deals: pipeline.searchDeals,
};

// Exact keys the query may be: a phone in any writing ("8 912 345-67-89" → +79123456789; local
// formats read as Russian), an e-mail (case-insensitive), an INN (10 or 12 digits).
export function readTerms(q: string, limit: number): SearchTerms {
  const text = q.trim();
  const compact = text.replace(/[\s()\-.]/g, '');
  const looksLikePhone = /^\+?\d{6,15}$/.test(compact);
  const phone = looksLikePhone
    ? (parsePhoneNumberFromString(compact, { defaultCountry: 'RU' })?.number ?? null)
    : null;
  const validPhone = phone && parsePhoneNumberFromString(phone)?.isValid() ? phone : null;
  const email = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text) ? text.toLowerCase() : null;
  const inn = /^\d{10}$|^\d{12}$/.test(compact) ? compact : null;
  const phonePart = validPhone || !/^[+\d\s()\-.]+$/.test(text) ? null : readPhonePart(compact);
  const domain = !email && DOMAIN.test(text) ? text.replace(/^@/, '').toLowerCase() : null;
  return { text, phone: validPhone, email, inn, phonePart, domain, limit, pass: 'text' };
}

const DOMAIN = /^@?[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)*\.[\p{L}]{2,}$/u;

// Part of a phone as people type it. Numbers are stored in E.164 ("+79127771234"), so a start
// written with the country code or the Russian trunk "8" ("+7 912", "8 912 777") is a prefix of
// "+7…", and six or more digits starting otherwise ("912 777") may be the national number without
// it; any run of at least four digits without "+" may also be how the number ends ("4567").
export function readPhonePart(compact: string): SearchTerms['phonePart'] {
  const digits = compact.replace(/^\+/, '');
  if (!/^\d{4,15}$/.test(digits)) return null;
  if (compact.startsWith('+')) return { prefixes: [`+${digits}`], suffix: null };
  const prefixes = /^[78]/.test(digits)
    ? [`+7${digits.slice(1)}`]
    : digits.length >= 6
      ? [`+7${digits}`]
      : [];
  return { prefixes, suffix: digits };
}

// ts_headline's U+0001/U+0002 marks → segments the client renders without HTML.
export function toSegments(headline: string | null): HighlightSegment[] | null {
  if (!headline || !headline.includes('\u0001')) return null;
  const segments: HighlightSegment[] = [];
  for (const part of headline.split('\u0001')) {
    const [match, rest] = part.includes('\u0002') ? part.split('\u0002', 2) : [null, part];
    if (match) segments.push({ text: match, match: true });
    if (rest) segments.push({ text: rest, match: false });
  }
  return segments;
}

const toHit =
  (type: SearchType) =>
  (r: SearchHitRow): SearchHit => ({
    type,
    id: r.id,
    title: r.title,
    subtitle: r.subtitle,
    matchedOn: r.matchedOn,
    highlight: toSegments(r.headline),
  });

export async function search(ctx: Ctx, query: SearchQuery): Promise<SearchResults> {
  const asked = query.types ? (query.types.split(',') as SearchType[]) : searchTypes;
  const allowed = asked.filter(
    (type, i) => asked.indexOf(type) === i && (ctx.actor.permissions?.[type].read ?? true),
  );
  const terms = readTerms(query.q, query.limit);
  await preferIndexes(ctx.tx);
  const run = async (pass: SearchTerms['pass']) => {
    const groups = [];
    // One after another: the statements share the request's transaction.
    for (const type of allowed)
      groups.push({
        type,
        items: (await searchers[type](ctx, { ...terms, pass })).map(toHit(type)),
      });
    return groups;
  };
  const found = (groups: { items: SearchHit[] }[]) =>
    groups.reduce((n, g) => n + g.items.length, 0);
  // A phone, e-mail or INN that matches answers alone.
  if (terms.phone || terms.email || terms.inn || terms.phonePart || terms.domain) {
    const exact = await run('exact');
    if (found(exact)) return { query: terms.text, groups: exact };
  }
  // Typo tolerance only when the words themselves found fewer than three records in all: it is the
  // least precise pass, and "Иванову" with hundreds of contacts needs no fuzzy companies.
  const text = await run('text');
  if (found(text) >= 3) return { query: terms.text, groups: text };
  const fuzzy = await run('fuzzy');
  const groups = text.map((g, i) => ({
    type: g.type,
    items: [
      ...g.items,
      ...fuzzy[i]!.items.filter((h) => !g.items.some((x) => x.id === h.id)),
    ].slice(0, query.limit),
  }));
  return { query: terms.text, groups };
}
