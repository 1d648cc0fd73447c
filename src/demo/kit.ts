import { v7 } from 'uuid';

// Shared by the demo's parts: a seeded random source, time-ordered ids in the past, the people made.

export const DAY = 86_400_000;

// A seeded generator (mulberry32): the same demo every time, so tests and screenshots can rely on it.
export type Random = ReturnType<typeof demoRandom>;
export function demoRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const shuffle = <T>(list: readonly T[]): T[] => {
    const out = [...list];
    for (let i = out.length - 1; i > 0; i--) {
      const j = int(0, i);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return {
    next,
    int,
    shuffle,
    pick: <T>(list: readonly T[]): T => list[int(0, list.length - 1)]!,
    digits: (n: number) => Array.from({ length: n }, () => int(0, 9)).join(''),
  };
}

// Ids are UUIDv7 taken at the record's own (past) time, so that id order — the timeline's order —
// is time order, as it is for records made live.
export const idAt = (at: Date | number, offsetMs = 0) =>
  v7({ msecs: (typeof at === 'number' ? at : at.getTime()) + offsetMs });

export type DemoPerson = {
  id: string;
  fullName: string;
  firstName: string;
  middleName: string;
  phone: string;
  email: string | null;
  companyId: string | null;
  companyName: string | null;
  ownerId: string | null;
};
