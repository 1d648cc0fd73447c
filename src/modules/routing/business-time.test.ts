import { describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessMsBetween,
  OFFICE_HOURS,
  type BusinessSchedule,
  type WorkingHours,
} from './business-time.js';
import { RU_CALENDAR_YEARS, RU_PRODUCTION_CALENDAR } from './ru-calendar.js';

const H = 3_600_000;
const MIN = 60_000;
const at = (iso: string) => new Date(iso);
const office = (timeZone: string, more: Partial<BusinessSchedule> = {}): BusinessSchedule => ({
  timeZone,
  hours: OFFICE_HOURS,
  calendar: RU_PRODUCTION_CALENDAR,
  ...more,
});
const moscow = office('Europe/Moscow');

describe('addBusinessTime in Moscow with the production calendar', () => {
  it('counts inside one working day', () => {
    expect(addBusinessTime(at('2026-04-15T10:00:00+03:00'), 2 * H, moscow)).toEqual(
      at('2026-04-15T12:00:00+03:00'),
    );
  });

  it('starts at the next opening when the request comes at night', () => {
    expect(addBusinessTime(at('2026-04-15T23:10:00+03:00'), 30 * MIN, moscow)).toEqual(
      at('2026-04-16T09:30:00+03:00'),
    );
  });

  it('carries a deadline over the weekend', () => {
    // Friday 17:30 + 1 h = 30 min on Friday and 30 min on Monday.
    expect(addBusinessTime(at('2026-04-17T17:30:00+03:00'), H, moscow)).toEqual(
      at('2026-04-20T09:30:00+03:00'),
    );
  });

  it('skips a holiday that moved to Monday (8 March 2026 is a Sunday, so 9 March is off)', () => {
    expect(addBusinessTime(at('2026-03-06T17:00:00+03:00'), 2 * H, moscow)).toEqual(
      at('2026-03-10T10:00:00+03:00'),
    );
  });

  it('crosses the New Year holidays: 31 December 2025 to 11 January 2026 are off', () => {
    expect(addBusinessTime(at('2025-12-30T17:00:00+03:00'), 2 * H, moscow)).toEqual(
      at('2026-01-12T10:00:00+03:00'),
    );
    expect(
      businessMsBetween(at('2025-12-30T17:00:00+03:00'), at('2026-01-12T10:00:00+03:00'), moscow),
    ).toBe(2 * H);
  });

  it('works the moved working Saturday, 1 November 2025, with Monday hours shortened before the holiday', () => {
    expect(addBusinessTime(at('2025-10-31T17:00:00+03:00'), 2 * H, moscow)).toEqual(
      at('2025-11-01T10:00:00+03:00'),
    );
    // That Saturday ends at 17:00 (pre-holiday), then 2–4 November are off.
    expect(addBusinessTime(at('2025-11-01T16:00:00+03:00'), 2 * H, moscow)).toEqual(
      at('2025-11-05T10:00:00+03:00'),
    );
    // Without the calendar it is an ordinary weekend.
    expect(
      addBusinessTime(at('2025-10-31T17:00:00+03:00'), 2 * H, { ...moscow, calendar: null }),
    ).toEqual(at('2025-11-03T10:00:00+03:00'));
  });

  it('ends a pre-holiday day an hour early unless told not to', () => {
    // 30 April 2026 (Thursday) ends at 17:00; 1–3 May are off.
    expect(addBusinessTime(at('2026-04-30T16:30:00+03:00'), H, moscow)).toEqual(
      at('2026-05-04T09:30:00+03:00'),
    );
    expect(
      addBusinessTime(at('2026-04-30T16:30:00+03:00'), H, { ...moscow, shortenPreHolidays: false }),
    ).toEqual(at('2026-04-30T17:30:00+03:00'));
  });
});

describe('time zones: Vladivostok and Kaliningrad', () => {
  it('keeps Vladivostok hours (UTC+10) across the UTC date line of the day', () => {
    const vladivostok = office('Asia/Vladivostok');
    // Thursday 11 June 2026 is a short day (to 17:00), 12–14 June are off: the rest falls on Monday 15 June,
    // which is still Sunday in UTC.
    const due = addBusinessTime(at('2026-06-11T16:30:00+10:00'), H, vladivostok);
    expect(due).toEqual(at('2026-06-15T09:30:00+10:00'));
    expect(due.toISOString()).toBe('2026-06-14T23:30:00.000Z');
  });

  it('keeps Kaliningrad hours (UTC+2), an hour behind Moscow for the same local schedule', () => {
    const start = at('2026-02-02T05:00:00Z'); // 07:00 in Kaliningrad, 08:00 in Moscow, 15:00 in Vladivostok
    expect(addBusinessTime(start, 30 * MIN, office('Europe/Kaliningrad'))).toEqual(
      at('2026-02-02T07:30:00Z'),
    );
    expect(addBusinessTime(start, 30 * MIN, moscow)).toEqual(at('2026-02-02T06:30:00Z'));
    expect(addBusinessTime(start, 30 * MIN, office('Asia/Vladivostok'))).toEqual(
      at('2026-02-02T05:30:00Z'),
    );
  });
});

describe('around the clock and short durations', () => {
  const allDay: WorkingHours = {
    mon: [['00:00', '24:00']],
    tue: [['00:00', '24:00']],
    wed: [['00:00', '24:00']],
    thu: [['00:00', '24:00']],
    fri: [['00:00', '24:00']],
    sat: [['00:00', '24:00']],
    sun: [['00:00', '24:00']],
  };

  it('adds plain time without a schedule, through weekends and holidays', () => {
    expect(addBusinessTime(at('2025-12-31T23:59:00+03:00'), 5 * MIN, null)).toEqual(
      at('2026-01-01T00:04:00+03:00'),
    );
    expect(businessMsBetween(at('2026-01-01T00:00:00Z'), at('2026-01-03T00:00:00Z'))).toBe(48 * H);
  });

  it('gives the same answer for 24/7 hours without a calendar', () => {
    const start = at('2026-01-02T21:00:00Z');
    const schedule = { timeZone: 'Asia/Vladivostok', hours: allDay };
    expect(addBusinessTime(start, 50 * H, schedule)).toEqual(addBusinessTime(start, 50 * H, null));
    expect(businessMsBetween(start, at('2026-01-05T00:00:00Z'), schedule)).toBe(51 * H);
  });

  it('handles durations of a few seconds, also across closing time', () => {
    expect(addBusinessTime(at('2026-04-15T10:00:00+03:00'), 2000, moscow)).toEqual(
      at('2026-04-15T10:00:02+03:00'),
    );
    expect(addBusinessTime(at('2026-04-15T17:59:59+03:00'), 2000, moscow)).toEqual(
      at('2026-04-16T09:00:01+03:00'),
    );
    expect(addBusinessTime(at('2026-04-15T10:00:00+03:00'), 0, moscow)).toEqual(
      at('2026-04-15T10:00:00+03:00'),
    );
  });

  it('ends exactly at closing time when the duration runs out there', () => {
    expect(addBusinessTime(at('2026-04-15T17:00:00+03:00'), H, moscow)).toEqual(
      at('2026-04-15T18:00:00+03:00'),
    );
  });
});

describe('businessMsBetween', () => {
  it('inverts addBusinessTime', () => {
    const starts = [
      '2026-04-15T08:00:00+03:00',
      '2026-03-06T12:34:56+03:00',
      '2025-12-29T17:45:00+03:00',
      '2025-10-31T15:00:00+03:00',
    ];
    for (const iso of starts) {
      for (const ms of [1000, 45 * MIN, 9 * H, 40 * H]) {
        const due = addBusinessTime(at(iso), ms, moscow);
        expect(businessMsBetween(at(iso), due, moscow)).toBe(ms);
      }
    }
  });

  it('is negative when the end is before the start, and zero across a closed weekend', () => {
    expect(
      businessMsBetween(at('2026-04-15T12:00:00+03:00'), at('2026-04-15T10:00:00+03:00'), moscow),
    ).toBe(-2 * H);
    expect(
      businessMsBetween(at('2026-04-18T10:00:00+03:00'), at('2026-04-19T20:00:00+03:00'), moscow),
    ).toBe(0);
  });

  it('counts lunch breaks out when the hours have two ranges a day', () => {
    const withLunch: WorkingHours = {
      ...OFFICE_HOURS,
      wed: [
        ['09:00', '13:00'],
        ['14:00', '18:00'],
      ],
    };
    const schedule = { timeZone: 'Europe/Moscow', hours: withLunch };
    expect(
      businessMsBetween(at('2026-04-15T12:00:00+03:00'), at('2026-04-15T15:00:00+03:00'), schedule),
    ).toBe(2 * H);
    expect(addBusinessTime(at('2026-04-15T12:30:00+03:00'), H, schedule)).toEqual(
      at('2026-04-15T14:30:00+03:00'),
    );
  });
});

describe('the Russian production calendar data', () => {
  it('gives 247 working days and 1972 hours of a 40-hour week in 2025 and in 2026', () => {
    const eightHours: WorkingHours = {
      ...OFFICE_HOURS,
      mon: [['09:00', '17:00']],
      tue: [['09:00', '17:00']],
      wed: [['09:00', '17:00']],
      thu: [['09:00', '17:00']],
      fri: [['09:00', '17:00']],
    };
    for (const year of [2025, 2026]) {
      const schedule = {
        timeZone: 'Europe/Moscow',
        hours: eightHours,
        calendar: RU_PRODUCTION_CALENDAR,
      };
      const total = businessMsBetween(
        at(`${year}-01-01T00:00:00+03:00`),
        at(`${year + 1}-01-01T00:00:00+03:00`),
        schedule,
      );
      expect(total / H).toBe(1972);
      let days = 0;
      for (
        let d = new Date(Date.UTC(year, 0, 1));
        d.getUTCFullYear() === year;
        d = new Date(d.getTime() + 24 * H)
      ) {
        const start = at(`${d.toISOString().slice(0, 10)}T00:00:00+03:00`);
        if (businessMsBetween(start, new Date(start.getTime() + 24 * H), schedule) > 0) days++;
      }
      expect(days).toBe(247);
    }
  });

  it('says which years rest on a decree and which only on the Labour Code', () => {
    expect(RU_CALENDAR_YEARS.map((y) => [y.year, y.status])).toEqual([
      [2025, 'decree'],
      [2026, 'decree'],
      [2027, 'statutory'],
    ]);
  });
});

describe('bad schedules', () => {
  it('refuses hours that are not times of day, no hours at all, a negative duration or an unknown zone', () => {
    const start = at('2026-04-15T10:00:00Z');
    expect(() =>
      addBusinessTime(start, H, {
        timeZone: 'Europe/Moscow',
        hours: { ...OFFICE_HOURS, mon: [['9', '18:00']] },
      }),
    ).toThrow(RangeError);
    expect(() =>
      addBusinessTime(start, H, {
        timeZone: 'Europe/Moscow',
        hours: { ...OFFICE_HOURS, mon: [['09:00', '25:00']] },
      }),
    ).toThrow(RangeError);
    const closed: WorkingHours = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    expect(() => addBusinessTime(start, H, { timeZone: 'Europe/Moscow', hours: closed })).toThrow(
      /no working time/,
    );
    expect(() => addBusinessTime(start, -1, moscow)).toThrow(RangeError);
    expect(() => addBusinessTime(start, H, office('Mars/Olympus'))).toThrow(RangeError);
  });
});
