// The slot engine: which start times a meeting type offers, as pure functions over plain data (no
// I/O, no clock). Working time comes from routing's schedule (hours, the production calendar's
// holidays, moved working days and shortened days); wall-clock ↔ instant conversion is luxon's.
import { DateTime } from 'luxon';
import { dayRanges, type BusinessSchedule, type LocalDate } from '../routing/service.js';

export type Interval = { from: number; to: number }; // epoch ms, half-open
export type SlotRules = {
  durationMin: number;
  bufferBeforeMin: number;
  bufferAfterMin: number;
  minNoticeMin: number;
  horizonDays: number;
  dailyLimit: number | null;
};
export type HostInput = {
  id: string;
  schedule: BusinessSchedule;
  vacations: readonly { from: string; to: string }[];
  away: boolean;
  active: boolean;
  // Busy time: calendar events as they are, other bookings widened by their buffers.
  busy: readonly Interval[];
  // Bookings of this meeting type per host-local date ("YYYY-MM-DD"), for the daily limit.
  bookedPerDay: ReadonlyMap<string, number>;
};
export type TeamSlot = { start: number; end: number; hostIds: string[] };

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

// The instant the zone's clock shows `minutes` past midnight of `date` (1440 = next midnight).
function wallToMs(date: LocalDate, minutes: number, zone: string): number {
  const midnight = DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day },
    { zone },
  );
  if (minutes >= 1440) return midnight.plus({ days: 1 }).startOf('day').toMillis();
  return midnight.set({ hour: Math.floor(minutes / 60), minute: minutes % 60 }).toMillis();
}

const isoOf = (d: DateTime): string => d.toISODate()!;
const localDate = (d: DateTime): LocalDate => ({ year: d.year, month: d.month, day: d.day });

// Sorted, merged busy intervals, so one forward pointer answers "is [a, b) free?".
export function mergeIntervals(list: readonly Interval[]): Interval[] {
  const sorted = [...list].filter((i) => i.to > i.from).sort((a, b) => a.from - b.from);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last && i.from <= last.to) last.to = Math.max(last.to, i.to);
    else out.push({ ...i });
  }
  return out;
}

// One host's free meeting starts within [from, to), in order.
export function hostSlots(
  host: HostInput,
  rules: SlotRules,
  range: Interval,
  now: number,
): number[] {
  if (!host.active) return [];
  const zone = host.schedule.timeZone;
  const duration = rules.durationMin * MIN;
  const earliest = Math.max(range.from, now + rules.minNoticeMin * MIN);
  const latest = Math.min(range.to, now + rules.horizonDays * DAY);
  if (earliest >= latest) return [];
  // Marked away: nothing for the rest of their local today.
  const awayUntil = host.away
    ? DateTime.fromMillis(now, { zone }).plus({ days: 1 }).startOf('day').toMillis()
    : 0;
  const busy = mergeIntervals(host.busy);
  let b = 0;
  const out: number[] = [];
  const lastDay = DateTime.fromMillis(latest, { zone }).startOf('day');
  for (
    let day = DateTime.fromMillis(earliest, { zone }).startOf('day');
    day <= lastDay;
    day = day.plus({ days: 1 })
  ) {
    const iso = isoOf(day);
    if (host.vacations.some((v) => v.from <= iso && iso <= v.to)) continue;
    if (rules.dailyLimit !== null && (host.bookedPerDay.get(iso) ?? 0) >= rules.dailyLimit)
      continue;
    const date = localDate(day);
    for (const [a, z] of dayRanges(date, host.schedule)) {
      const open = wallToMs(date, a, zone);
      const close = wallToMs(date, z, zone);
      for (let start = open; start + duration <= close; start += duration) {
        if (start < earliest || start < awayUntil) continue;
        if (start >= latest) break;
        const from = start - rules.bufferBeforeMin * MIN;
        const to = start + duration + rules.bufferAfterMin * MIN;
        while (b < busy.length && busy[b]!.to <= from) b++;
        if (b < busy.length && busy[b]!.from < to) continue;
        out.push(start);
      }
    }
  }
  return out;
}

// A team's slots: a start is offered when any host is free then, with the hosts who are.
export function teamSlots(
  hosts: readonly HostInput[],
  rules: SlotRules,
  range: Interval,
  now: number,
): TeamSlot[] {
  const byStart = new Map<number, string[]>();
  for (const h of hosts)
    for (const s of hostSlots(h, rules, range, now)) {
      const list = byStart.get(s);
      if (list) list.push(h.id);
      else byStart.set(s, [h.id]);
    }
  const duration = rules.durationMin * MIN;
  return [...byStart.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([start, hostIds]) => ({ start, end: start + duration, hostIds }));
}

// The instants a visitor's dates cover in their zone: from the first date's midnight to the end of
// the last. Throws RangeError for an unknown zone or a range backwards or longer than `maxDays`.
export function visitorRange(fromDate: string, toDate: string, tz: string, maxDays = 62): Interval {
  const from = DateTime.fromISO(fromDate, { zone: tz });
  const to = DateTime.fromISO(toDate, { zone: tz });
  if (!from.isValid || !to.isValid) throw new RangeError('tz: not a valid time zone or date');
  if (to < from) throw new RangeError('to: before from');
  if (to.diff(from, 'days').days > maxDays) throw new RangeError(`to: at most ${maxDays} days`);
  return {
    from: from.startOf('day').toMillis(),
    to: to.plus({ days: 1 }).startOf('day').toMillis(),
  };
}

// Slots grouped by the visitor's local date.
export function groupByDay(
  slots: readonly { start: number; end: number }[],
  tz: string,
): { date: string; slots: { start: string; end: string }[] }[] {
  const days = new Map<string, { start: string; end: string }[]>();
  for (const s of slots) {
    const date = isoOf(DateTime.fromMillis(s.start, { zone: tz }));
    const list = days.get(date) ?? [];
    list.push({
      start: new Date(s.start).toISOString(),
      end: new Date(s.end).toISOString(),
    });
    days.set(date, list);
  }
  return [...days.entries()].map(([date, list]) => ({ date, slots: list }));
}

// A visitor's local date and time ("2027-03-28T02:30") as an instant in their zone; null when the
// clock never shows it there (a DST gap) or it is not a date-time.
export function localToInstant(local: string, tz: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(local)) return null;
  const dt = DateTime.fromISO(local, { zone: tz });
  if (!dt.isValid) return null;
  const back = dt.toFormat(local.length > 16 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm");
  return back === local ? dt.toMillis() : null;
}

// The host-local date of an instant ("YYYY-MM-DD"), for the daily limit.
export const hostDate = (instant: number, zone: string): string =>
  isoOf(DateTime.fromMillis(instant, { zone }));

export const isValidZone = (tz: string): boolean => DateTime.local().setZone(tz).isValid;
