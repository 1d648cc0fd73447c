import type { Deal } from '@voronka/contract';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import * as activities from '../activities/service.js';
import * as booking from '../booking/service.js';
import * as documents from '../documents/service.js';
import * as leads from '../leads/service.js';
import * as pipeline from '../pipeline/service.js';
import type { EventFacts, Facts } from './conditions.js';

// The facts a run reads at act time: its record as it is now, read through the owning module's
// service (the same reads the UI uses), and the deal it belongs to. Null when the record is gone.

const orNull = async <T>(read: Promise<T>): Promise<T | null> => {
  try {
    return await read;
  } catch (err) {
    if (err instanceof DomainError && err.code.endsWith('.not_found')) return null;
    throw err;
  }
};

const dealOf = (ctx: Ctx, id: string | null | undefined) =>
  id ? orNull(pipeline.getDeal(ctx, id)) : Promise.resolve(null);

export async function dealFacts(ctx: Ctx, deal: Deal, ruleName: string): Promise<Facts> {
  const p = await pipeline.getPipeline(ctx, deal.pipelineId);
  const stage = p.stages.find((s) => s.id === deal.stageId);
  return { deal, stageName: stage?.name ?? '', ruleName };
}

type RunRef = { entity: string; recordId: string | null; dealId: string | null; event: EventFacts };

export async function loadFacts(ctx: Ctx, run: RunRef, ruleName: string): Promise<Facts | null> {
  const id = run.recordId ?? run.dealId;
  const withDeal = async (
    deal: Deal | null,
    more: Omit<Facts, 'deal' | 'stageName' | 'ruleName'>,
  ) => ({
    ...(deal ? await dealFacts(ctx, deal, ruleName) : { deal: null, stageName: '', ruleName }),
    ...more,
    event: run.event,
  });
  switch (run.entity) {
    case 'deal': {
      const deal = await dealOf(ctx, id);
      return deal ? withDeal(deal, {}) : null;
    }
    case 'lead': {
      const lead = id ? await orNull(leads.getLead(ctx, id)) : null;
      return lead ? withDeal(await dealOf(ctx, lead.deal?.id), { lead }) : null;
    }
    case 'task': {
      const task = id ? await orNull(activities.getTask(ctx, id)) : null;
      return task ? withDeal(await dealOf(ctx, task.dealId), { task }) : null;
    }
    case 'invoice': {
      const [invoice] = id ? await documents.invoiceFacts(ctx, [id]) : [];
      return invoice ? withDeal(await dealOf(ctx, invoice.dealId), { invoice }) : null;
    }
    case 'booking': {
      const b = id ? await booking.bookingFacts(ctx, id) : null;
      if (!b) return null;
      const lead = b.leadId ? await orNull(leads.getLead(ctx, b.leadId)) : null;
      return withDeal(await dealOf(ctx, lead?.deal?.id), { booking: b, lead });
    }
    default: {
      // An incoming webhook: the deal it named, if any (gone: acted on without one).
      return withDeal(await dealOf(ctx, run.dealId), {});
    }
  }
}
