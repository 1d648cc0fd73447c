import { describe, expect, it } from 'vitest';
import { OFFICE_HOURS, RU_PRODUCTION_CALENDAR } from '../routing/service.js';
import { reminderAt } from './letter.js';
import {
  groupByDay,
  hostSlots,
  localToInstant,
  teamSlots,
  visitorRange,
  type HostInput,
  type SlotRules,
} from './slots.js';

const rules = (over: Partial<SlotRules> = {}): SlotRules => ({
  durationMin: 60,
  bufferBeforeMin: 0,
  bufferAfterMin: 0,
  minNoticeMin: 0,
  horizonDays: 1000,
  dailyLimit: null,
  ...over,
});
const host = (timeZone: string, over: Partial<HostInput> = {}): HostInput => ({
  id: timeZone,
  schedule: { timeZone, hours: OFFICE_HOURS, calendar: RU_PRODUCTION_CALENDAR },
  vacations: [],
  away: false,
  active: true,
  busy: [],
  bookedPerDay: new Map(),
  ...over,
});
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 16) + 'Z';
// A visitor's dates as an instant range, `now` long before (no notice or horizon in the way).
const LONG_AGO = at('2025-06-01T00:00:00Z');
const slotsOn = (h: HostInput, from: string, to: string, tz: string, r = rules()) =>
  hostSlots(h, r, visitorRange(from, to, tz), LONG_AGO).map(iso);

describe('hosts in three Russian zones, a visitor in Berlin across the DST change', () => {
  // Sunday 29 March 2026 is the last Sunday of March: Berlin moves from +1 to +2 at 02:00.
  const cases = [
    { zone: 'Europe/Moscow', first: '06:00', last: '14:00' }, // +3
    { zone: 'Europe/Kaliningrad', first: '07:00', last: '15:00' }, // +2
    { zone: 'Asia/Vladivostok', first: '23:00', last: '07:00' }, // +10, the day before in UTC
  ];
  it.each(cases)('$zone: nine hours from 09:00 local, on both sides of the change', (c) => {
    for (const date of ['2026-03-27', '2026-03-30']) {
      // The host's own working day, asked in the host's zone.
      const slots = slotsOn(host(c.zone), date, date, c.zone);
      expect(slots).toHaveLength(9);
      expect(slots[0]!.slice(11, 16)).toBe(c.first);
      expect(slots[8]!.slice(11, 16)).toBe(c.last);
    }
  });

  it('a Moscow host seen from Berlin: 07:00 before the change, 08:00 after it', () => {
    const range = visitorRange('2026-03-26', '2026-03-31', 'Europe/Berlin');
    const days = groupByDay(
      hostSlots(host('Europe/Moscow'), rules(), range, LONG_AGO).map((s) => ({
        start: s,
        end: s + 3_600_000,
      })),
      'Europe/Berlin',
    );
    const firstLocal = (d: string) => {
      const day = days.find((x) => x.date === d)!;
      return new Date(day.slots[0]!.start).toLocaleTimeString('en-GB', {
        timeZone: 'Europe/Berlin',
        hour: '2-digit',
        minute: '2-digit',
      });
    };
    expect(days.map((d) => d.date)).toEqual([
      '2026-03-26',
      '2026-03-27',
      '2026-03-30',
      '2026-03-31',
    ]);
    expect(firstLocal('2026-03-27')).toBe('07:00');
    expect(firstLocal('2026-03-30')).toBe('08:00');
  });

  it("a Vladivostok host's Monday opens at 01:00 Monday for a Berlin visitor, nothing on Sunday", () => {
    // 09:00 in Vladivostok on Monday 30 March = 23:00 UTC Sunday = 01:00 Monday in Berlin (CEST).
    const range = visitorRange('2026-03-29', '2026-03-29', 'Europe/Berlin');
    const sunday = hostSlots(host('Asia/Vladivostok'), rules(), range, LONG_AGO);
    expect(sunday).toEqual([]); // nothing: the Friday ended before, Saturday and Sunday are off
    const monday = visitorRange('2026-03-30', '2026-03-30', 'Europe/Berlin');
    const slots = hostSlots(host('Asia/Vladivostok'), rules(), monday, LONG_AGO).map(iso);
    expect(slots[0]).toBe('2026-03-29T23:00Z');
  });
});

describe('the Russian production calendar', () => {
  const moscow = host('Europe/Moscow');
  it.each([
    { date: '2026-03-09', why: 'Monday: 8 March fell on a Sunday and moved here', count: 0 },
    { date: '2026-11-04', why: 'Wednesday: National Unity Day', count: 0 },
    { date: '2026-11-03', why: 'Tuesday before a holiday: an hour shorter', count: 8 },
    { date: '2026-03-10', why: 'an ordinary Tuesday', count: 9 },
    {
      date: '2025-11-01',
      why: 'Saturday made a working day (as a Monday), a shortened pre-holiday one',
      count: 8,
    },
    { date: '2025-11-03', why: 'Monday given off for that Saturday', count: 0 },
  ])('$date — $why: $count slots', ({ date, count }) => {
    expect(slotsOn(moscow, date, date, 'Europe/Moscow')).toHaveLength(count);
  });
  it('a workspace without the calendar works the holiday as a weekday', () => {
    const plain = host('Europe/Moscow', {
      schedule: { timeZone: 'Europe/Moscow', hours: OFFICE_HOURS, calendar: null },
    });
    expect(slotsOn(plain, '2026-11-04', '2026-11-04', 'Europe/Moscow')).toHaveLength(9);
  });
});

describe('busy time, buffers, notice, horizon, limits, vacations', () => {
  const day = '2026-03-10'; // Tuesday, Moscow 09:00 = 06:00Z
  const moscowDay = (h: HostInput, r: SlotRules, now = LONG_AGO) =>
    hostSlots(h, r, visitorRange(day, day, 'Europe/Moscow'), now).map((s) => iso(s).slice(11, 16));
  const event = { from: at('2026-03-10T09:00:00Z'), to: at('2026-03-10T10:00:00Z') }; // 12–13 MSK
  it.each([
    {
      name: 'an event takes its hour',
      h: host('Europe/Moscow', { busy: [event] }),
      r: rules(),
      gone: ['09:00'],
      kept: ['08:00', '10:00'],
    },
    {
      name: 'buffers keep the meeting off the event on both sides',
      h: host('Europe/Moscow', { busy: [event] }),
      r: rules({ durationMin: 30, bufferBeforeMin: 15, bufferAfterMin: 15 }),
      gone: ['08:30', '09:00', '09:30', '10:00'],
      kept: ['08:00', '10:30'],
    },
    {
      name: 'nested and overlapping busy intervals merge',
      h: host('Europe/Moscow', {
        busy: [
          { from: at('2026-03-10T07:00:00Z'), to: at('2026-03-10T11:00:00Z') },
          { from: at('2026-03-10T08:00:00Z'), to: at('2026-03-10T08:30:00Z') },
          { from: at('2026-03-10T10:30:00Z'), to: at('2026-03-10T12:00:00Z') },
        ],
      }),
      r: rules(),
      gone: ['07:00', '10:00', '11:00'],
      kept: ['06:00', '12:00'],
    },
  ])('$name', ({ h, r, gone, kept }) => {
    const slots = moscowDay(h, r);
    for (const g of gone) expect(slots).not.toContain(g);
    for (const k of kept) expect(slots).toContain(k);
  });

  it('minimum notice and the horizon cut by the clock', () => {
    const now = at('2026-03-10T07:10:00Z'); // 10:10 in Moscow
    expect(moscowDay(host('Europe/Moscow'), rules({ minNoticeMin: 120 }), now)[0]).toBe('10:00');
    expect(
      slotsOn(host('Europe/Moscow'), '2026-03-10', '2026-03-20', 'Europe/Moscow').length,
    ).toBeGreaterThan(0);
    const soon = hostSlots(
      host('Europe/Moscow'),
      rules({ horizonDays: 1 }),
      visitorRange('2026-03-10', '2026-03-20', 'Europe/Moscow'),
      now,
    );
    expect(Math.max(...soon)).toBeLessThanOrEqual(now + 86_400_000);
  });

  it('the daily limit closes a day; a vacation and a deactivated host give nothing', () => {
    const full = host('Europe/Moscow', { bookedPerDay: new Map([[day, 2]]) });
    expect(moscowDay(full, rules({ dailyLimit: 2 }))).toEqual([]);
    expect(moscowDay(full, rules({ dailyLimit: 3 }))).toHaveLength(9);
    const away = host('Europe/Moscow', { vacations: [{ from: '2026-03-09', to: '2026-03-11' }] });
    expect(moscowDay(away, rules())).toEqual([]);
    expect(moscowDay(host('Europe/Moscow', { active: false }), rules())).toEqual([]);
  });

  it('a team offers a start when any host is free, naming who', () => {
    const a = host('Europe/Moscow', { id: 'a', busy: [event] });
    const b = host('Europe/Moscow', { id: 'b' });
    const slots = teamSlots([a, b], rules(), visitorRange(day, day, 'Europe/Moscow'), LONG_AGO);
    expect(slots).toHaveLength(9);
    expect(slots.find((s) => iso(s.start).endsWith('09:00Z'))!.hostIds).toEqual(['b']);
    expect(slots.find((s) => iso(s.start).endsWith('08:00Z'))!.hostIds).toEqual(['a', 'b']);
  });
});

describe('visitor input', () => {
  it.each([
    { local: '2026-03-29T02:30', tz: 'Europe/Berlin', ok: false }, // the clock jumps 02:00 → 03:00
    { local: '2026-03-29T03:30', tz: 'Europe/Berlin', ok: true },
    { local: '2026-03-29T02:30', tz: 'Europe/Moscow', ok: true }, // Moscow keeps one offset
    { local: '2026-03-29 10:00', tz: 'Europe/Moscow', ok: false },
    { local: '2026-02-30T10:00', tz: 'Europe/Moscow', ok: false },
  ])('$local in $tz exists: $ok', ({ local, tz, ok }) => {
    expect(localToInstant(local, tz) !== null).toBe(ok);
  });
  it('an impossible zone or a backwards or too long range is refused', () => {
    expect(() => visitorRange('2026-03-01', '2026-03-02', 'Mars/Olympus')).toThrow(/tz/);
    expect(() => visitorRange('2026-03-05', '2026-03-02', 'Europe/Moscow')).toThrow(/to/);
    expect(() => visitorRange('2026-01-01', '2026-12-31', 'Europe/Moscow')).toThrow(/to/);
  });
});

describe('reminderAt', () => {
  const H = 3_600_000;
  const now = Date.parse('2027-03-01T09:00:00Z');
  it('reminds a day before, an hour before when booked less than a day ahead, not at all within the hour', () => {
    expect(reminderAt(now + 3 * 24 * H, now)).toBe(now + 2 * 24 * H);
    expect(reminderAt(now + 5 * H, now)).toBe(now + 4 * H);
    expect(reminderAt(now + H, now)).toBeNull();
  });
});
