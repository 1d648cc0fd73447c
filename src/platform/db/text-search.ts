import { and, desc, inArray, sql, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { SearchHitRow, SearchPass, SearchTerms } from '@voronka/contract';
import { APP_ROLE } from './rls.js';
import type { Tx } from './types.js';

// Search building blocks shared by every module that takes part in the global search.
//
// Cost is kept proportional to the page, not to the number of matches: a common surname matches
// tens of thousands of contacts in a million, and ranking (or highlighting) all of them is what made
// a naive search take seconds. So each strategy reads a bounded set of candidates straight from its
// GIN index (a bitmap heap scan stops after CANDIDATES rows), ranks only those and highlights only
// the page. Rare words are found exhaustively (they have fewer matches than the bound); for common
// ones the user refines the query, as in any search box. Measured in bench/README.md.
export const CANDIDATES = 200;

// The query as tsqueries with Russian morphology ("Ивановой" finds "Иванова"): every word stemmed by
// the 'russian' configuration. `exact` matches whole words — one GIN lookup per word; `typing`
// matches the last word as a prefix of stems, since it may be half-typed ("поставка кирп", "Рома" →
// "Ромашка"). A prefix is a range scan over many lexemes (two to three times the cost), so it runs
// only when the whole words found too few. Words are reduced to letters and digits first, so no
// tsquery operator can come from the user; a query written with search operators (quotes, "or",
// -word) goes through websearch_to_tsquery as it is.
export function textQueries(text: string): { exact: SQL; typing: SQL | null } {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (!words.length || /["]|(^|\s)-\S|\sor\s/i.test(text))
    return { exact: sql`websearch_to_tsquery('russian', ${text})`, typing: null };
  const last = words.at(-1)!;
  // A prefix of one or two letters would match a large share of a big table: whole words only then.
  const typing =
    last.length >= 3
      ? sql`to_tsquery('russian', ${[...words.slice(0, -1), `${last}:*`].join(' & ')})`
      : null;
  return { exact: sql`to_tsquery('russian', ${words.join(' & ')})`, typing };
}

// Typo tolerance: word_similarity, so that "Ромашко" finds "ООО «Ромашка»" (whole-string similarity
// is diluted by the other words); 0.4 lets one wrong letter in a six-letter word through ("Ивонов").
export const FUZZY_THRESHOLD = 0.4;

// The planner must take the GIN paths: with a LIMIT and no ORDER BY it may otherwise choose a
// sequential or primary-key scan that filters row by row — quick for a common word, a full table
// scan for a rare one (or for a word common only in other workspaces). Bitmap scans are bounded by
// the index's matches either way. Set for the search's own transaction only; the trigram threshold
// likewise, so the index answers `<%`.
export async function preferIndexes(tx: Tx): Promise<void> {
  await tx.execute(sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true),
    set_config('pg_trgm.word_similarity_threshold', ${String(FUZZY_THRESHOLD)}, true)`);
}

export type SearchStep = { pass: SearchPass; run: () => Promise<SearchHitRow[]> };

// Runs an entity's steps of the asked pass in order until `limit` hits, without repeating a record.
export async function collectHits(t: SearchTerms, steps: SearchStep[]): Promise<SearchHitRow[]> {
  const hits: SearchHitRow[] = [];
  for (const step of steps.filter((s) => s.pass === t.pass)) {
    if (hits.length >= t.limit) break;
    for (const h of await step.run())
      if (hits.length < t.limit && !hits.some((x) => x.id === h.id)) hits.push(h);
  }
  return hits;
}

export type SearchMatchedOn = 'text' | 'fuzzy';
export type Scoped = { table: PgTable; id: PgColumn; workspace: SQL; visible: SQL | undefined };
export type Searchable = Scoped & {
  title: SQL<string> | PgColumn;
  subtitle: SQL<string | null>;
  search: PgColumn;
};
export type RankedRow<M extends SearchMatchedOn> = {
  id: string;
  title: string;
  subtitle: string | null;
  matchedOn: M;
  headline: string | null;
};

// Matches are marked with control characters, which the input guard never lets into a query; the
// search module turns them into highlight segments.
const HEADLINE_OPTIONS = 'StartSel=\u0001, StopSel=\u0002, HighlightAll=true';

// Full text on the generated 'russian' tsvector: candidates from the GIN index (whole words first,
// the half-typed last word only when they found fewer than `limit`), ranked by ts_rank.
export async function rankedText(
  tx: Tx,
  g: Searchable,
  text: string,
  limit: number,
): Promise<RankedRow<'text'>[]> {
  const q = textQueries(text);
  let ids = await candidateIds(tx, g, sql`${g.search} @@ ${q.exact}`);
  let tsq = q.exact;
  if (ids.length < limit && q.typing) {
    tsq = q.typing;
    ids = [...new Set([...ids, ...(await candidateIds(tx, g, sql`${g.search} @@ ${q.typing}`))])];
  }
  if (!ids.length) return [];
  return (
    tx
      .select({
        id: sql<string>`${g.id}`,
        title: sql<string>`${g.title}`,
        subtitle: g.subtitle,
        matchedOn: sql<'text'>`'text'::text`,
        headline: sql<string>`ts_headline('russian', coalesce(${g.title}, ''), ${tsq}, ${HEADLINE_OPTIONS})`,
      })
      .from(g.table)
      .where(and(g.workspace, g.visible, inArray(g.id, ids)))
      // The words as typed first: "Петров" puts Петров above Иван Петрович (the prefix "петр:*") and
      // Пётр Иванов (the same stem), then whole-word matches, then ts_rank.
      .orderBy(
        desc(literalWords(g.title, text)),
        desc(sql`${g.search} @@ ${q.exact}`),
        desc(sql`ts_rank(${g.search}, ${tsq})`),
        g.id,
      )
      .limit(limit)
  );
}

// How many of the query's words the title holds as whole words, as written (ё read as е). The
// words are letters and digits only, so they are safe inside the regular expression.
function literalWords(title: SQL<string> | PgColumn, text: string): SQL {
  const words = [
    ...new Set(
      (
        text
          .toLowerCase()
          .replace(/ё/g, 'е')
          .match(/[\p{L}\p{N}]+/gu) ?? []
      ).slice(0, 8),
    ),
  ];
  if (!words.length) return sql`0`;
  const folded = sql`translate(lower(coalesce(${title}, '')), 'ё', 'е')`;
  return sql.join(
    words.map((w) => sql`(${folded} ~ ${`\\m${w}\\M`})::int`),
    sql` + `,
  );
}

// LIKE patterns for the partial keys: the values are digits, "+", letters, "." and "-" only (read
// by the search module), so no wildcard can come from the user.
export const startsWith = (column: SQL | PgColumn, prefix: string) =>
  sql`${column} like ${`${prefix}%`}`;
// A suffix through the reversed value, which a text_pattern_ops index on reverse(column) answers.
export const endsWith = (column: SQL | PgColumn, suffix: string) =>
  sql`reverse(${column}) like ${`${[...suffix].reverse().join('')}%`}`;

// Trigram word similarity on the title (needs a gin_trgm_ops index on it), best first.
export async function rankedFuzzy(
  tx: Tx,
  g: Searchable,
  text: string,
  limit: number,
): Promise<RankedRow<'fuzzy'>[]> {
  const ids = await candidateIds(tx, g, sql`${text} <% ${g.title}`);
  if (!ids.length) return [];
  return tx
    .select({
      id: sql<string>`${g.id}`,
      title: sql<string>`${g.title}`,
      subtitle: g.subtitle,
      matchedOn: sql<'fuzzy'>`'fuzzy'::text`,
      headline: sql<null>`null`,
    })
    .from(g.table)
    .where(and(g.workspace, g.visible, inArray(g.id, ids)))
    .orderBy(desc(sql`word_similarity(${text}, ${g.title})`), g.id)
    .limit(limit);
}

// Under a row-security policy PostgreSQL evaluates the policy before any operator that is not
// LEAKPROOF, so `@@`, `<%` and ILIKE can never be index conditions: the planner reads every row of
// the workspace through a btree and filters (seconds at a million rows). The candidate ids are
// therefore read as the connection's own role, for this one statement, with the workspace and the
// member's visibility in the statement itself (`g.workspace` is required); the
// rows are then read back under RLS with the same scope, so a wrong id can never surface a row of
// another workspace. Measured in bench/README.md (issue 3).
// `ordered`: a btree range (a LIKE prefix) read by a plain index scan, which stops at `limit` rows;
// a bitmap scan (what preferIndexes leaves for GIN) would first collect every match of a common
// prefix (an e-mail domain shared by thousands).
export async function candidateIds(
  tx: Tx,
  g: Scoped,
  match: SQL,
  limit = CANDIDATES,
  opts: { ordered?: boolean } = {},
): Promise<string[]> {
  await tx.execute(
    opts.ordered
      ? sql`select set_config('role', 'none', true), set_config('enable_indexscan', 'on', true)`
      : sql`select set_config('role', 'none', true)`,
  );
  const rows = await tx
    .select({ id: sql<string>`${g.id}` })
    .from(g.table)
    .where(and(g.workspace, g.visible, match))
    .limit(limit);
  await tx.execute(
    opts.ordered
      ? sql`select set_config('role', ${APP_ROLE}, true), set_config('enable_indexscan', 'off', true)`
      : sql`select set_config('role', ${APP_ROLE}, true)`,
  );
  return rows.map((r) => r.id);
}

// A list's free-text filter (`q=`), for the same reason: under RLS `ILIKE`/`@@` filter row by row,
// so a rare word scanned the whole workspace (4 s at a million contacts). The matching ids are read
// from the indexes first (as above); when there are at most LIST_MATCH_BOUND of them the list filters
// by those ids — complete, and the list keeps its own sort and cursor — and otherwise the word is
// common, the list's own scan finds a page within a few hundred rows, and the filter stays as it was.
export const LIST_MATCH_BOUND = 500;
export async function listTextFilter(
  tx: Tx,
  g: Scoped,
  match: SQL,
  bound = LIST_MATCH_BOUND,
): Promise<SQL> {
  const ids = await candidateIds(tx, g, match, bound + 1);
  if (ids.length > bound) return match;
  return ids.length ? inArray(g.id, ids) : sql`false`;
}
