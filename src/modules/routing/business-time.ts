// Business-time arithmetic for response SLAs: add a duration counted only inside a workspace's
// working hours (in its time zone, skipping a production calendar's holidays, working its moved
// working days, and ending pre-holiday days an hour early), and measure business time between two
// instants. No schedule means around the clock: plain milliseconds.
import {
  addDays,
  compareDates,
  dayOfWeek,
  isoDate,
  localDateOf,
  zonedToUtc,
  type LocalDate,
} from './zoned-time.js';

export const weekdays = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof weekdays)[number];
export type TimeRange = readonly [from: string, to: string]; // local "HH:MM", to ≤ "24:00"
export type WorkingHours = Readonly<Record<Weekday, readonly TimeRange[]>>;

export type ProductionCalendar = {
  nonWorkingDays: ReadonlySet<string>; // "YYYY-MM-DD": holidays and days off moved onto weekdays
  workingDays: ReadonlyMap<string, Weekday>; // weekend days made working, with the weekday whose hours they keep
  shortDays: ReadonlySet<string>; // pre-holiday days, an hour shorter
};

export type BusinessSchedule = {
  timeZone: string;
  hours: WorkingHours;
  calendar?: ProductionCalendar | null;
  shortenPreHolidays?: boolean; // default true when a calendar is given (Labour Code art. 95)
};

// A schedule with working hours finds some within any year; this bounds a mistaken empty calendar.
const MAX_DAYS = 3 * 366;

function minutesOf(hhmm: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  const minutes = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
  if (!match || Number(match[2]) > 59 || minutes > 1440)
    throw new RangeError(`working hours: "${hhmm}" is not a time of day HH:MM`);
  return minutes;
}

// The day's working ranges in minutes, sorted and merged (booking's slot engine reads them too).
export function dayRanges(date: LocalDate, schedule: BusinessSchedule): [number, number][] {
  const key = isoDate(date);
  const calendar = schedule.calendar;
  if (calendar?.nonWorkingDays.has(key)) return [];
  const weekday = calendar?.workingDays.get(key) ?? weekdays[dayOfWeek(date)]!;
  const ranges = (schedule.hours[weekday] ?? [])
    .map(([from, to]) => [minutesOf(from), minutesOf(to)] as [number, number])
    .filter(([from, to]) => from < to)
    .sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [from, to] of ranges) {
    const last = merged.at(-1);
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else merged.push([from, to]);
  }
  if (calendar?.shortDays.has(key) && schedule.shortenPreHolidays !== false && merged.length > 0) {
    const last = merged.at(-1)!;
    last[1] -= 60;
    if (last[1] <= last[0]) merged.pop();
  }
  return merged;
}

function* workingIntervals(
  from: LocalDate,
  schedule: BusinessSchedule,
): Generator<{ date: LocalDate; start: number; end: number }> {
  for (let i = 0, date = from; i < MAX_DAYS; i++, date = addDays(date, 1)) {
    for (const [a, b] of dayRanges(date, schedule)) {
      yield {
        date,
        start: zonedToUtc(date, a, schedule.timeZone),
        end: zonedToUtc(date, b, schedule.timeZone),
      };
    }
  }
}

function assertHasHours(schedule: BusinessSchedule): void {
  const any = weekdays.some((d) =>
    (schedule.hours[d] ?? []).some(([from, to]) => minutesOf(from) < minutesOf(to)),
  );
  if (!any) throw new RangeError('working hours: no working time on any day of the week');
}

// The instant when `ms` of working time have passed since `start`. Starting outside working hours
// counts from the next opening; a duration that ends exactly at closing time ends at closing time.
export function addBusinessTime(start: Date, ms: number, schedule?: BusinessSchedule | null): Date {
  if (!Number.isFinite(ms) || ms < 0)
    throw new RangeError('business time: the duration must be a finite number ≥ 0');
  if (!schedule) return new Date(start.getTime() + ms);
  assertHasHours(schedule);
  let cursor = start.getTime();
  let remaining = ms;
  for (const { start: open, end: close } of workingIntervals(
    localDateOf(cursor, schedule.timeZone),
    schedule,
  )) {
    if (close <= cursor) continue;
    const from = Math.max(open, cursor);
    if (from + remaining <= close) return new Date(from + remaining);
    remaining -= close - from;
    cursor = close;
  }
  throw new RangeError(`business time: no working time found within ${MAX_DAYS} days`);
}

// Working time between two instants, in ms; negative when `b` is before `a`.
export function businessMsBetween(a: Date, b: Date, schedule?: BusinessSchedule | null): number {
  if (!schedule) return b.getTime() - a.getTime();
  if (b.getTime() < a.getTime()) return -businessMsBetween(b, a, schedule);
  const [from, to] = [a.getTime(), b.getTime()];
  const lastDate = localDateOf(to, schedule.timeZone);
  let total = 0;
  for (const { date, start, end } of workingIntervals(
    localDateOf(from, schedule.timeZone),
    schedule,
  )) {
    if (compareDates(date, lastDate) > 0) break;
    total += Math.max(0, Math.min(end, to) - Math.max(start, from));
  }
  return total;
}

// Monday to Friday, 9 to 18 with no break: the common office week.
export const OFFICE_HOURS: WorkingHours = {
  mon: [['09:00', '18:00']],
  tue: [['09:00', '18:00']],
  wed: [['09:00', '18:00']],
  thu: [['09:00', '18:00']],
  fri: [['09:00', '18:00']],
  sat: [],
  sun: [],
};

// The working intervals that overlap [from, to), as instants (a calendar's shading, free slots).
export function workingWindows(
  from: Date,
  to: Date,
  schedule: BusinessSchedule,
): { date: LocalDate; start: number; end: number }[] {
  const out: { date: LocalDate; start: number; end: number }[] = [];
  const first = addDays(localDateOf(from.getTime(), schedule.timeZone), -1);
  for (const w of workingIntervals(first, schedule)) {
    if (w.start >= to.getTime()) break;
    if (w.end > from.getTime()) out.push(w);
  }
  return out;
}
