import type { Board, Deal } from '@voronka/contract';
import { describe, expect, it } from 'vitest';
import { applyDrop, dropTarget, moveRequest } from './board-moves';

const deal = (id: string, stageId: string, amount = 100): Deal =>
  ({ id, title: id, stageId, amount, currency: 'RUB' }) as Deal;
const stage = (id: string) => ({
  id,
  pipelineId: 'p',
  name: id,
  position: 0,
  probability: 0,
  kind: 'open' as const,
});
const buildBoard = (): Board =>
  ({
    pipeline: { id: 'p' },
    columns: [
      {
        stage: stage('s1'),
        count: 3,
        countCapped: false,
        amount: '300',
        deals: [deal('a', 's1'), deal('b', 's1'), deal('c', 's1')],
        nextCursor: null,
      },
      {
        stage: stage('s2'),
        count: 1,
        countCapped: false,
        amount: '100',
        deals: [deal('x', 's2')],
        nextCursor: null,
      },
    ],
  }) as Board;

describe('board moves', () => {
  it('drops a card onto another column before the card it is over', () => {
    const board = buildBoard();
    const drop = dropTarget(board, 'a', { type: 'deal', id: 'x', stageId: 's2' })!;
    expect(moveRequest(board, drop)).toEqual({ stageId: 's2', beforeId: 'x' });
    const after = applyDrop(board, drop);
    expect(after.columns.map((c) => [c.deals.map((d) => d.id), c.count, c.amount])).toEqual([
      [['b', 'c'], 2, '200'],
      [['a', 'x'], 2, '200'],
    ]);
  });

  it('drops a card on an empty part of a column at its end', () => {
    const board = buildBoard();
    const drop = dropTarget(board, 'a', { type: 'column', id: 's2', stageId: 's2' })!;
    expect(moveRequest(board, drop)).toEqual({ stageId: 's2', afterId: 'x' });
  });

  it('moves a card down within its column below the card it is over', () => {
    const board = buildBoard();
    const drop = dropTarget(board, 'a', { type: 'deal', id: 'b', stageId: 's1' })!;
    expect(moveRequest(board, drop)).toEqual({ stageId: 's1', beforeId: 'c' });
    expect(applyDrop(board, drop).columns[0]!.deals.map((d) => d.id)).toEqual(['b', 'a', 'c']);
  });
});
