import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { companies, contactPoints, contacts } from './tables.js';

// Bulk writes of prepared rows, for the demo (src/demo/): the caller keeps the use cases'
// invariants (valid requisites, full names, normalised points); nothing here checks them.
export type SeedCompany = typeof companies.$inferInsert;
export type SeedContact = typeof contacts.$inferInsert;
export type SeedContactPoint = typeof contactPoints.$inferInsert;

export async function seedClients(
  ctx: Ctx,
  rows: { companies: SeedCompany[]; contacts: SeedContact[]; points: SeedContactPoint[] },
): Promise<void> {
  if (rows.companies.length) await ctx.tx.insert(companies).values(rows.companies);
  if (rows.contacts.length) await ctx.tx.insert(contacts).values(rows.contacts);
  if (rows.points.length) await ctx.tx.insert(contactPoints).values(rows.points);
}

// Whether a company with this INN is in the workspace (the demo marks itself by one).
export async function hasCompanyWithInn(ctx: Ctx, inn: string): Promise<boolean> {
  const [found] = await ctx.tx
    .select({ id: companies.id })
    .from(companies)
    .where(and(eq(companies.workspaceId, ctx.workspaceId), eq(companies.inn, inn)))
    .limit(1);
  return !!found;
}
