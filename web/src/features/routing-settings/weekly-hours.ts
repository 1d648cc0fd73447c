import type { Weekday, WorkingHours } from '@voronka/contract';

export const weekdays: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
export const maxRangesPerDay = 4;

// What the editor holds while typing: every day, each range as two "HH:MM" strings.
export type HoursDraft = Record<Weekday, [string, string][]>;
export type HoursProblem = 'format' | 'order' | 'overlap';
export type HoursCheck =
  { ok: true; hours: WorkingHours } | { ok: false; errors: Partial<Record<Weekday, HoursProblem>> };

const hhmm = /^([01]\d|2[0-3]):[0-5]\d$/;

export function emptyDraft(): HoursDraft {
  return { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
}

export function draftFromHours(hours: WorkingHours | null | undefined): HoursDraft {
  const draft = emptyDraft();
  for (const day of weekdays)
    draft[day] = (hours?.[day] ?? []).map(([from, to]) => [from, to === '24:00' ? '00:00' : to]);
  return draft;
}

// The usual office week: Monday to Friday, 9 to 18.
export function weekdaysPreset(from = '09:00', to = '18:00'): HoursDraft {
  const draft = emptyDraft();
  for (const day of weekdays.slice(0, 5)) draft[day] = [[from, to]];
  return draft;
}

// A time input cannot say 24:00, so an end of 00:00 means midnight at the end of the day.
const asEnd = (to: string) => (to === '00:00' ? '24:00' : to);

// The draft → the contract's WorkingHours (days off left out), or what is wrong with each day.
export function hoursFromDraft(draft: HoursDraft): HoursCheck {
  const hours: WorkingHours = {};
  const errors: Partial<Record<Weekday, HoursProblem>> = {};
  for (const day of weekdays) {
    const ranges = draft[day];
    if (ranges.length === 0) continue;
    const problem = dayProblem(ranges);
    if (problem) errors[day] = problem;
    else
      hours[day] = ranges
        .map(([from, to]) => [from, asEnd(to)] as [string, string])
        .sort((a, b) => a[0].localeCompare(b[0]));
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, hours };
}

function dayProblem(ranges: [string, string][]): HoursProblem | null {
  if (ranges.some(([from, to]) => !hhmm.test(from) || !hhmm.test(to))) return 'format';
  const ends = ranges.map(([from, to]) => [from, asEnd(to)] as const);
  if (ends.some(([from, to]) => from >= to)) return 'order';
  const sorted = [...ends].sort((a, b) => a[0].localeCompare(b[0]));
  for (let i = 1; i < sorted.length; i++) if (sorted[i]![0] < sorted[i - 1]![1]) return 'overlap';
  return null;
}
