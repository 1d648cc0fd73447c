import type { Ctx } from '../../platform/context.js';
import { dealContacts, deals, dealStageHistory } from './tables.js';

// Bulk writes of prepared rows, for the demo (src/demo/): the caller keeps the use cases'
// invariants (a stage of the deal's pipeline, history in time order); nothing here checks them.
export type SeedDeal = typeof deals.$inferInsert;
export type SeedDealContact = typeof dealContacts.$inferInsert;
export type SeedStageHistory = typeof dealStageHistory.$inferInsert;

export async function seedDeals(
  ctx: Ctx,
  rows: { deals: SeedDeal[]; links: SeedDealContact[]; history: SeedStageHistory[] },
): Promise<void> {
  if (rows.deals.length) await ctx.tx.insert(deals).values(rows.deals);
  if (rows.links.length) await ctx.tx.insert(dealContacts).values(rows.links);
  if (rows.history.length) await ctx.tx.insert(dealStageHistory).values(rows.history);
}
