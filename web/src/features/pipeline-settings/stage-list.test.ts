import type { Stage } from '@voronka/contract';
import { describe, expect, it } from 'vitest';
import {
  addStage,
  draftProblems,
  isDirty,
  moveStage,
  riskyChanges,
  toDrafts,
  toPayload,
} from './stage-list';

const buildStage = (id: string, kind: Stage['kind'] = 'open', probability = 10): Stage => ({
  id,
  pipelineId: 'p',
  name: `Этап ${id}`,
  position: 0,
  probability,
  kind,
});
const saved = [
  buildStage('a', 'open', 10),
  buildStage('b', 'open', 40),
  buildStage('won', 'won', 100),
  buildStage('lost', 'lost', 0),
];

describe('stage list editing', () => {
  it('moves a stage down and up, and the payload follows the new order with every id kept', () => {
    const down = moveStage(toDrafts(saved), 0, 1);
    expect(toPayload(down).map((s) => s.id)).toEqual(['b', 'a', 'won', 'lost']);
    const back = moveStage(down, 1, 0);
    expect(toPayload(back)).toEqual(
      saved.map(({ id, name, probability, kind }) => ({ id, name, probability, kind })),
    );
    expect(isDirty(saved, down)).toBe(true);
    expect(isDirty(saved, back)).toBe(false);
  });

  it('ignores a move past either end (the first stage has no «up»)', () => {
    const list = toDrafts(saved);
    expect(moveStage(list, 0, -1)).toBe(list);
    expect(moveStage(list, 3, 4)).toBe(list);
  });

  it('adds a new open stage after the last open one, without an id, with trimmed names in the payload', () => {
    const list = addStage(toDrafts(saved), '  Отложено ', 'new-1');
    expect(list.map((s) => s.key)).toEqual(['a', 'b', 'new-1', 'won', 'lost']);
    expect(toPayload(list)[2]).toEqual({ name: 'Отложено', probability: 40, kind: 'open' });
  });

  it('finds blank names, probabilities outside 0–100 and a list without an open stage', () => {
    const list = toDrafts(saved).map((s) =>
      s.key === 'a' ? { ...s, name: ' ' } : s.key === 'b' ? { ...s, probability: 120 } : s,
    );
    expect(draftProblems(list)).toEqual([
      { key: 'a', problem: 'emptyName' },
      { key: 'b', problem: 'probability' },
    ]);
    expect(draftProblems(toDrafts(saved).filter((s) => s.kind !== 'open'))).toEqual([
      { key: null, problem: 'noOpen' },
    ]);
  });

  it('names the saved stages an edit removes or gives another kind', () => {
    const list = toDrafts(saved)
      .filter((s) => s.key !== 'b')
      .map((s) => (s.key === 'a' ? { ...s, kind: 'lost' as const } : s));
    const risky = riskyChanges(saved, list);
    expect(risky.removed.map((s) => s.id)).toEqual(['b']);
    expect(risky.rekinded.map((s) => s.id)).toEqual(['a']);
  });
});
