import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import * as clients from '../clients/service.js';
import { dealContacts, deals } from './tables.js';

// Deals follow their clients (clients/client-links.ts): a merged contact's deal links and a merged
// company's deals move to the kept record; a deleted company's deals stay, unlinked.
clients.addClientLinks({
  async merged(ctx: Ctx, m) {
    if (m.entity === 'contacts') {
      await ctx.tx.execute(sql`
    insert into ${dealContacts} (workspace_id, deal_id, contact_id)
    select workspace_id, deal_id, ${m.keptId}::uuid from ${dealContacts} where workspace_id = ${ctx.workspaceId} and contact_id = ${m.mergedId}
    on conflict do nothing`);
      return;
    }
    await ctx.tx
      .update(deals)
      .set({ companyId: m.keptId })
      .where(and(eq(deals.workspaceId, ctx.workspaceId), eq(deals.companyId, m.mergedId)));
  },
  // Unlinked here, not by the foreign key: its composite `on delete set null` would null
  // workspace_id too and fail.
  async companyDeleted(ctx: Ctx, companyId: string) {
    await ctx.tx
      .update(deals)
      .set({ companyId: null })
      .where(and(eq(deals.workspaceId, ctx.workspaceId), eq(deals.companyId, companyId)));
  },
});
