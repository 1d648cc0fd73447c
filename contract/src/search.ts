import { z } from 'zod';
import { Id } from './common.js';

export const SearchType = z.enum(['companies', 'contacts', 'leads', 'deals']);
export type SearchType = z.infer<typeof SearchType>;
export const searchTypes = SearchType.options;

// How a hit was found: an exact phone/e-mail/INN, full text (Russian morphology) or a typo-tolerant
// trigram match.
export const MatchedOn = z.enum(['phone', 'email', 'inn', 'text', 'fuzzy']);
export type MatchedOn = z.infer<typeof MatchedOn>;

export const SearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(200),
  // Comma-separated subset of the types, e.g. "companies,contacts"; all by default.
  types: z
    .string()
    .max(100)
    .regex(
      /^(companies|contacts|leads|deals)(,(companies|contacts|leads|deals))*$/,
      'comma-separated list of companies, contacts, leads, deals',
    )
    .optional(),
  limit: z.coerce.number().int().min(1).max(50).default(5),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

// A highlighted text as segments: the client renders `match` parts emphasised, never as HTML.
export const HighlightSegment = z.object({ text: z.string(), match: z.boolean() });
export type HighlightSegment = z.infer<typeof HighlightSegment>;

export const SearchHit = z.object({
  type: SearchType,
  id: Id,
  title: z.string(),
  subtitle: z.string().nullable(),
  matchedOn: MatchedOn,
  highlight: z.array(HighlightSegment).nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;

export const SearchResults = z.object({
  query: z.string(),
  groups: z.array(z.object({ type: SearchType, items: z.array(SearchHit) })),
});
export type SearchResults = z.infer<typeof SearchResults>;

export type SearchPass = 'exact' | 'text' | 'fuzzy';

// What the search module hands each entity's search: the query already read for exact keys.
export type SearchTerms = {
  text: string;
  phone: string | null;
  email: string | null;
  inn: string | null;
  // Part of a phone ("8 912 777", "+7 912", the last digits "4567"): E.164 prefixes to look for and
  // the trailing digits; null when the query is not a run of at least four digits.
  phonePart: { prefixes: string[]; suffix: string | null } | null;
  // An e-mail domain ("@uralmetprom.ru" or "uralmetprom.ru"), lower-case, without the "@".
  domain: string | null;
  limit: number;
  // Which strategies to run: the exact keys (phone, e-mail, INN), full text, or typo tolerance.
  // The search module runs them as passes over every type: a matching key answers alone, and the
  // typo pass runs only when the text pass found fewer than three hits in all.
  pass: SearchPass;
};

// One entity search's hit before the search module shapes it: `headline` carries the matches
// between U+0001 and U+0002.
export type SearchHitRow = {
  id: string;
  title: string;
  subtitle: string | null;
  matchedOn: MatchedOn;
  headline: string | null;
};
