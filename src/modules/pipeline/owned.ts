import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { registerOwned, visibleTo } from '../workspaces/service.js';
import { dealContacts, deals } from './tables.js';

// Deals under the one visibility rule (workspaces/visibility.ts): each by its owner.
registerOwned('deals', {
  table: deals,
  id: deals.id,
  workspaceId: deals.workspaceId,
  scope: (ctx) => visibleTo(ctx, 'deals', deals.ownerId),
  notFound: 'deal.not_found',
  what: 'deal',
});

// The stored company link of a deal (the deal as shown hides a company the caller cannot see).
export async function companyOfDeal(ctx: Ctx, dealId: string): Promise<string | null> {
  const [deal] = await ctx.tx
    .select({ companyId: deals.companyId })
    .from(deals)
    .where(and(eq(deals.workspaceId, ctx.workspaceId), eq(deals.id, dealId)));
  return deal?.companyId ?? null;
}

// The ids of a contact's deals and of a company's deals, as subqueries (for their timelines).
export const dealIdsOfContactSql = (ctx: Ctx, contactId: string) =>
  sql`select ${dealContacts.dealId} from ${dealContacts} where ${dealContacts.workspaceId} = ${ctx.workspaceId} and ${dealContacts.contactId} = ${contactId}`;
export const dealIdsOfCompanySql = (ctx: Ctx, companyId: string) =>
  sql`select ${deals.id} from ${deals} where ${deals.workspaceId} = ${ctx.workspaceId} and ${deals.companyId} = ${companyId}`;
