import type { Board, Deal } from '@voronka/contract';
import { addMinor } from '../../lib/money';

export type Drop = { dealId: string; toStageId: string; index: number };
export type MoveRequest = { stageId: string; beforeId?: string; afterId?: string };

// Where a dragged card lands: the target column and its index there (the card itself excluded).
export function dropTarget(
  board: Board,
  dealId: string,
  over: { type: 'deal' | 'column'; id: string; stageId: string },
): Drop | null {
  const from = board.columns.find((c) => c.deals.some((d) => d.id === dealId));
  const to = board.columns.find((c) => c.stage.id === over.stageId);
  if (!from || !to) return null;
  const rest = to.deals.filter((d) => d.id !== dealId);
  if (over.type === 'column') return { dealId, toStageId: to.stage.id, index: rest.length };
  const overIndex = rest.findIndex((d) => d.id === over.id);
  if (overIndex < 0) return { dealId, toStageId: to.stage.id, index: rest.length };
  // Within a column, a card dragged downwards lands below the card it is over.
  const oldIndex = to.deals.findIndex((d) => d.id === dealId);
  const movingDown = from === to && oldIndex >= 0 && oldIndex <= overIndex;
  return { dealId, toStageId: to.stage.id, index: movingDown ? overIndex + 1 : overIndex };
}

// The API names neighbours rather than indexes: the card below (beforeId) or, at the end, above.
export function moveRequest(board: Board, drop: Drop): MoveRequest {
  const to = board.columns.find((c) => c.stage.id === drop.toStageId)!;
  const rest = to.deals.filter((d) => d.id !== drop.dealId);
  const below = rest[drop.index];
  const above = rest[drop.index - 1];
  if (below) return { stageId: drop.toStageId, beforeId: below.id };
  if (above) return { stageId: drop.toStageId, afterId: above.id };
  return { stageId: drop.toStageId };
}

// The board as it will look after the move, for the optimistic update.
export function applyDrop(board: Board, drop: Drop): Board {
  let moved: Deal | undefined;
  const columns = board.columns.map((c) => {
    const deal = c.deals.find((d) => d.id === drop.dealId);
    if (!deal) return c;
    moved = deal;
    return c.stage.id === drop.toStageId
      ? c
      : {
          ...c,
          deals: c.deals.filter((d) => d.id !== drop.dealId),
          count: c.count - 1,
          amount: addMinor(c.amount, -deal.amount),
        };
  });
  if (!moved) return board;
  const deal = { ...moved, stageId: drop.toStageId };
  return {
    ...board,
    columns: columns.map((c) => {
      if (c.stage.id !== drop.toStageId) return c;
      const rest = c.deals.filter((d) => d.id !== drop.dealId);
      const same = moved!.stageId === drop.toStageId;
      return {
        ...c,
        deals: [...rest.slice(0, drop.index), deal, ...rest.slice(drop.index)],
        count: same ? c.count : c.count + 1,
        amount: same ? c.amount : addMinor(c.amount, deal.amount),
      };
    }),
  };
}
