import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import * as clients from '../clients/service.js';
import * as pipeline from '../pipeline/service.js';
import { activities, tasks } from './tables.js';
import { writeActivity } from './timeline.js';

// Tasks and the timeline follow a merge (clients/client-links.ts): a merged record's tasks and
// activities move to the kept one, and the merge itself is written to its timeline.
clients.addClientLinks({
  async merged(ctx: Ctx, m) {
    const ws = ctx.workspaceId;
    if (m.entity === 'contacts') {
      await ctx.tx
        .update(tasks)
        .set({ contactId: m.keptId })
        .where(and(eq(tasks.workspaceId, ws), eq(tasks.contactId, m.mergedId)));
      await ctx.tx
        .update(activities)
        .set({ contactId: m.keptId })
        .where(and(eq(activities.workspaceId, ws), eq(activities.contactId, m.mergedId)));
    } else {
      await ctx.tx
        .update(tasks)
        .set({ companyId: m.keptId })
        .where(and(eq(tasks.workspaceId, ws), eq(tasks.companyId, m.mergedId)));
      await ctx.tx
        .update(activities)
        .set({ companyId: m.keptId })
        .where(and(eq(activities.workspaceId, ws), eq(activities.companyId, m.mergedId)));
    }
    await ctx.tx.insert(activities).values({
      workspaceId: ws,
      id: newId(),
      kind: 'merge',
      actorId: ctx.actor.memberId,
      ...(m.entity === 'contacts' ? { contactId: m.keptId } : { companyId: m.keptId }),
      body: m.mergedName,
      data: {
        entity: m.entity,
        keptId: m.keptId,
        mergedId: m.mergedId,
        mergedName: m.mergedName,
      },
    });
  },
});

// A deal's change of stage is a 'stage_change' entry on its timeline (pipeline/stage-changes.ts).
pipeline.onStageChange((ctx, c) =>
  writeActivity(ctx, {
    kind: 'stage_change',
    at: c.at,
    dealId: c.dealId,
    companyId: c.companyId,
    data: c.data,
  }),
);
