import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { dealContacts, deals, stages } from './tables.js';

// What the client's history says about a new request of theirs (for its priority): a deal still
// open, and how many were won — through the contact's deals or their company's.
export async function clientHistory(
  ctx: Ctx,
  contactId: string | null,
  companyId: string | null,
): Promise<{ hasOpenDeal: boolean; pastPurchases: number }> {
  if (!contactId && !companyId) return { hasOpenDeal: false, pastPurchases: 0 };
  const byContact = contactId
    ? sql`${deals.id} in (select ${dealContacts.dealId} from ${dealContacts} where ${dealContacts.workspaceId} = ${ctx.workspaceId} and ${dealContacts.contactId} = ${contactId})`
    : sql`false`;
  const byCompany = companyId ? sql`${deals.companyId} = ${companyId}` : sql`false`;
  const [row] = await ctx.tx
    .select({
      open: sql<number>`count(*) filter (where ${stages.kind} = 'open')`.mapWith(Number),
      won: sql<number>`count(*) filter (where ${stages.kind} = 'won')`.mapWith(Number),
    })
    .from(deals)
    .innerJoin(stages, and(eq(stages.workspaceId, deals.workspaceId), eq(stages.id, deals.stageId)))
    .where(and(eq(deals.workspaceId, ctx.workspaceId), sql`(${byContact} or ${byCompany})`));
  return { hasOpenDeal: (row?.open ?? 0) > 0, pastPurchases: row?.won ?? 0 };
}

// How these deals ended: won, lost, or still open (for re-fitting priority weights from outcomes).
export async function dealOutcomes(
  ctx: Ctx,
  dealIds: string[],
): Promise<Map<string, 'open' | 'won' | 'lost'>> {
  if (!dealIds.length) return new Map();
  const rows = await ctx.tx
    .select({ id: deals.id, kind: stages.kind })
    .from(deals)
    .innerJoin(stages, and(eq(stages.workspaceId, deals.workspaceId), eq(stages.id, deals.stageId)))
    .where(and(eq(deals.workspaceId, ctx.workspaceId), inArray(deals.id, dealIds)));
  return new Map(rows.map((r) => [r.id, r.kind]));
}
