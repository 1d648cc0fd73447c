import type { Ctx } from '../../platform/context.js';
import { leads } from './tables.js';

// Bulk writes of prepared rows, for the demo (src/demo/): requests received in the past, at their
// own times, some answered, some converted. The caller keeps the use cases' invariants.
export type SeedLead = typeof leads.$inferInsert;

export async function seedLeads(ctx: Ctx, rows: SeedLead[]): Promise<void> {
  if (rows.length) await ctx.tx.insert(leads).values(rows);
}
