import { describe, expect, it } from 'vitest';
import { formatSpan, priorityColor, slaClock } from './sla-clock';

const now = Date.parse('2026-11-27T10:00:00.000Z');
const at = (secondsFromNow: number) => new Date(now + secondsFromNow * 1000).toISOString();
const request = (
  over: { due?: string | null; responded?: string | null; created?: string } = {},
) => ({
  firstResponseDueAt: over.due ?? null,
  firstRespondedAt: over.responded ?? null,
  createdAt: over.created ?? at(-600),
});

describe('the first-response clock', () => {
  it('counts down to a deadline in the future, as mm:ss under an hour', () => {
    expect(slaClock(request({ due: at(14 * 60 + 5) }), now)).toEqual({
      state: 'running',
      seconds: 845,
    });
    expect(formatSpan(845, 'ru')).toBe('14:05');
  });

  it('reads hours and minutes above an hour, and days above a day', () => {
    expect(formatSpan(80 * 60, 'ru')).toBe('1 ч 20 мин');
    expect(formatSpan(80 * 60, 'en')).toBe('1 h 20 min');
    expect(formatSpan(2 * 3600, 'ru')).toBe('2 ч');
    expect(formatSpan(51 * 3600 + 59, 'en')).toBe('2 d 3 h');
  });

  it('turns to "soon" in the last five minutes, the fifth included', () => {
    expect(slaClock(request({ due: at(5 * 60) }), now)).toEqual({ state: 'soon', seconds: 300 });
    expect(slaClock(request({ due: at(5 * 60 + 1) }), now)?.state).toBe('running');
    expect(formatSpan(59, 'ru')).toBe('00:59');
  });

  it('is overdue from the deadline on, counting the time past it', () => {
    expect(slaClock(request({ due: at(0) }), now)).toEqual({ state: 'overdue', seconds: 0 });
    expect(slaClock(request({ due: at(-125) }), now)).toEqual({ state: 'overdue', seconds: 125 });
    expect(formatSpan(125, 'ru')).toBe('02:05');
  });

  it('once answered, says how long the answer took and stops counting', () => {
    expect(
      slaClock(request({ due: at(-100), responded: at(-300), created: at(-552) }), now),
    ).toEqual({ state: 'responded', seconds: 252 });
  });

  it('shows nothing for a request with no deadline', () => {
    expect(slaClock(request(), now)).toBeNull();
  });
});

describe('priority colour', () => {
  it('runs from warm to cold', () => {
    expect([90, 60, 30, 10].map(priorityColor)).toEqual(['red', 'orange', 'yellow', 'blue']);
  });
});
