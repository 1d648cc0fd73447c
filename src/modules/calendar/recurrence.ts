import { createRequire } from 'node:module';
import type { Options } from 'rrule';
import { DomainError } from '../../platform/errors.js';
import * as routing from '../routing/service.js';

// rrule ships a UMD main that Node's ESM loader cannot name exports of: required instead.
const { RRule } = createRequire(import.meta.url)('rrule') as typeof import('rrule');

// At most this many occurrences of one event are expanded in a range (a daily event over a year is 366).
const MAX_OCCURRENCES = 1000;

export type Occurrence = { start: Date; end: Date };
type Recurring = { startsAt: Date; endsAt: Date; timeZone: string; rrule: string };

// The rule is read in the event's zone on "floating" times (wall clock written as UTC), so a
// weekly 10:00 meeting stays at 10:00 across daylight-saving changes; each occurrence is then
// turned into its instant in the zone. The event's own start is always the first occurrence
// (RFC 5545), even when the rule's BYDAY would not pick it.
function ruleOf(e: Recurring): InstanceType<typeof RRule> {
  let opts: Partial<Options>;
  try {
    opts = RRule.parseString(e.rrule);
  } catch {
    throw new DomainError('calendar_event.invalid', 'the recurrence rule cannot be read', {
      field: 'rrule',
    });
  }
  const p = routing.localParts(e.startsAt.getTime(), e.timeZone);
  const dtstart = new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second));
  return new RRule({ ...opts, dtstart, tzid: null });
}

const toInstant = (wall: Date, timeZone: string): Date =>
  new Date(
    routing.zonedToUtc(
      { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() },
      wall.getUTCHours() * 60 + wall.getUTCMinutes(),
      timeZone,
    ) +
      wall.getUTCSeconds() * 1000,
  );

// Checks a rule can be read; returns the end of its last occurrence (null: it never ends).
export function recurrenceEnd(e: Recurring): Date | null {
  const rule = ruleOf(e);
  const o = rule.origOptions;
  if (!o.until && !o.count) return null;
  const all = rule.all((_, i) => i < MAX_OCCURRENCES);
  const last = all.length ? toInstant(all[all.length - 1]!, e.timeZone) : e.startsAt;
  const lastStart = last > e.startsAt ? last : e.startsAt;
  return new Date(lastStart.getTime() + (e.endsAt.getTime() - e.startsAt.getTime()));
}

// The occurrences that overlap [from, to).
export function occurrences(e: Recurring, from: Date, to: Date): Occurrence[] {
  const duration = e.endsAt.getTime() - e.startsAt.getTime();
  const overlaps = (s: Date) => s < to && s.getTime() + duration > from.getTime();
  const out: Occurrence[] = [];
  const seen = new Set<number>();
  const push = (s: Date) => {
    if (seen.has(s.getTime()) || !overlaps(s)) return;
    seen.add(s.getTime());
    out.push({ start: s, end: new Date(s.getTime() + duration) });
  };
  push(e.startsAt);
  const rule = ruleOf(e);
  // Wall-clock bounds widened by a day each side (zone offsets) and by the duration.
  const lo = new Date(from.getTime() - duration - 86_400_000);
  const hi = new Date(to.getTime() + 86_400_000);
  let n = 0;
  rule.between(lo, hi, true, (wall) => {
    if (++n > MAX_OCCURRENCES) return false;
    push(toInstant(wall, e.timeZone));
    return true;
  });
  return out.sort((a, b) => a.start.getTime() - b.start.getTime());
}
