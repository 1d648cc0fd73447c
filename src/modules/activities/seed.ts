import type { Ctx } from '../../platform/context.js';
import { activities, tasks } from './tables.js';

// Bulk writes of prepared rows, for the demo (src/demo/): entries at their own past times, with
// UUIDv7 ids taken at those times so timelines stay in time order.
export type SeedActivity = typeof activities.$inferInsert;
export type SeedTask = typeof tasks.$inferInsert;

export async function seedActivities(
  ctx: Ctx,
  rows: { activities?: SeedActivity[]; tasks?: SeedTask[] },
): Promise<void> {
  if (rows.activities?.length) await ctx.tx.insert(activities).values(rows.activities);
  if (rows.tasks?.length) await ctx.tx.insert(tasks).values(rows.tasks);
}
