import type { Deal, StageKind } from '@voronka/contract';
import type { Ctx } from '../../platform/context.js';
import { emitDomainEvent } from '../../platform/events/events.js';

// A deal's change of stage, told to whoever keeps a record of it (activities writes the
// 'stage_change' timeline entry). Activities comes after pipeline in the module order, so it
// declares its listener here when its service loads.
export type StageChange = {
  at: Date;
  dealId: string;
  companyId: string | null;
  data: {
    fromStageId: string;
    fromStageName: string;
    toStageId: string;
    toStageName: string;
    toStageKind: StageKind;
    dealTitle: string;
  };
};
type Listener = (ctx: Ctx, change: StageChange) => Promise<unknown>;

const listeners: Listener[] = [];

export function onStageChange(listener: Listener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

// Also the domain event deal.stage_entered (platform/events: automation's stage robots), one per
// visit of the stage.
export async function stageChanged(ctx: Ctx, change: StageChange): Promise<void> {
  for (const l of listeners) await l(ctx, change);
  await emitDomainEvent(ctx, {
    type: 'deal.stage_entered',
    key: `${change.dealId}:${change.data.toStageId}:${change.at.getTime()}`,
    entity: 'deal',
    id: change.dealId,
    dealId: change.dealId,
    data: { fromStageId: change.data.fromStageId, toStageId: change.data.toStageId },
  });
}

// A new deal: the domain event deal.created.
export async function dealCreated(ctx: Ctx, deal: Deal): Promise<void> {
  await emitDomainEvent(ctx, {
    type: 'deal.created',
    key: deal.id,
    entity: 'deal',
    id: deal.id,
    dealId: deal.id,
    data: { pipelineId: deal.pipelineId },
  });
}
