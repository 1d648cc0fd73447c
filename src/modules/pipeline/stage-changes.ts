import type { Deal, StageKind } from '@voronka/contract';
import type { Ctx } from '../../platform/context.js';

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

export async function stageChanged(ctx: Ctx, change: StageChange): Promise<void> {
  for (const l of listeners) await l(ctx, change);
}

// A new deal, told the same way (automation's "deal created" trigger).
type CreatedListener = (ctx: Ctx, deal: Deal) => Promise<unknown>;
const createdListeners: CreatedListener[] = [];

export function onDealCreated(listener: CreatedListener): void {
  if (!createdListeners.includes(listener)) createdListeners.push(listener);
}

export async function dealCreated(ctx: Ctx, deal: Deal): Promise<void> {
  for (const l of createdListeners) await l(ctx, deal);
}
