import type { SearchHitRow, SearchTerms } from '@voronka/contract';
import { eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import {
  collectHits,
  rankedFuzzy,
  rankedText,
  type Searchable,
} from '../../platform/db/text-search.js';
import { visibleTo } from '../workspaces/service.js';
import { deals } from './tables.js';

// Global search over deals, in the pass the search module asks for: full text on the generated
// 'russian' tsvector, then trigram similarity on the title (as clients/search.ts for the clients).
export async function searchDeals(ctx: Ctx, t: SearchTerms): Promise<SearchHitRow[]> {
  const workspace = eq(deals.workspaceId, ctx.workspaceId);
  const visible = visibleTo(ctx, 'deals', deals.ownerId);
  const g: Searchable = {
    table: deals,
    id: deals.id,
    title: deals.title,
    search: deals.search,
    workspace,
    visible,
    subtitle: sql<string | null>`null`,
  };
  return collectHits(t, [
    { pass: 'text', run: () => rankedText(ctx.tx, g, t.text, t.limit) },
    { pass: 'fuzzy', run: () => rankedFuzzy(ctx.tx, g, t.text, t.limit) },
  ]);
}
