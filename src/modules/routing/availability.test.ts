import { describe, expect, it } from 'vitest';
import { eligibility, withinHours, type MemberState } from './availability.js';

const weekdays9to18 = {
  mon: [['09:00', '18:00']],
  tue: [['09:00', '18:00']],
  wed: [['09:00', '18:00']],
  thu: [['09:00', '18:00']],
  fri: [['09:00', '18:00']],
} as MemberState['hours'] & object;
const member = (over: Partial<MemberState> = {}): MemberState => ({
  id: 'm',
  name: 'Анна',
  role: 'manager',
  teamId: null,
  status: 'active',
  timeZone: 'Europe/Moscow',
  hours: weekdays9to18,
  vacations: [],
  away: false,
  capacity: null,
  openLoad: 0,
  telegramLinked: false,
  ...over,
});

// Wednesday 3 December 2025, 06:30 UTC: 09:30 in Moscow (UTC+3), 16:30 in Vladivostok (UTC+10),
// 08:30 in Kaliningrad (UTC+2).
const at = new Date('2025-12-03T06:30:00Z');

describe('working hours across time zones', () => {
  it('Moscow is at work, Kaliningrad not yet, Vladivostok still — each by their own clock', () => {
    expect(withinHours(weekdays9to18, 'Europe/Moscow', at, 'ru')).toBe(true);
    expect(withinHours(weekdays9to18, 'Europe/Kaliningrad', at, 'ru')).toBe(false);
    expect(withinHours(weekdays9to18, 'Asia/Vladivostok', at, 'ru')).toBe(true);
    // Two hours later Vladivostok (18:30) has gone home and Kaliningrad (10:30) has come.
    const later = new Date('2025-12-03T08:30:00Z');
    expect(withinHours(weekdays9to18, 'Asia/Vladivostok', later, 'ru')).toBe(false);
    expect(withinHours(weekdays9to18, 'Europe/Kaliningrad', later, 'ru')).toBe(true);
  });

  it('a Russian public holiday is off with the production calendar, a working day without it', () => {
    const jan5 = new Date('2026-01-05T09:00:00Z'); // Monday 5 January 2026, 12:00 in Moscow
    expect(withinHours(weekdays9to18, 'Europe/Moscow', jan5, 'ru')).toBe(false);
    expect(withinHours(weekdays9to18, 'Europe/Moscow', jan5, 'none')).toBe(true);
  });
});

describe('eligibility', () => {
  it('gives the first reason a member cannot take a request: inactive, away, vacation, off hours, capacity', () => {
    const opts = { productionCalendar: 'ru' as const };
    expect(eligibility(member(), at, opts)).toBeNull();
    expect(eligibility(member({ status: 'deactivated' }), at, opts)).toBe('inactive');
    expect(eligibility(member({ away: true }), at, opts)).toBe('away');
    // A vacation is by the member's own date: 3 December in Vladivostok.
    expect(
      eligibility(
        member({
          timeZone: 'Asia/Vladivostok',
          vacations: [{ from: '2025-12-03', to: '2025-12-10' }],
        }),
        at,
        opts,
      ),
    ).toBe('vacation');
    expect(
      eligibility(member({ vacations: [{ from: '2025-12-04', to: '2025-12-10' }] }), at, opts),
    ).toBeNull();
    expect(eligibility(member({ timeZone: 'Europe/Kaliningrad' }), at, opts)).toBe('off_hours');
    expect(eligibility(member({ capacity: 3, openLoad: 3 }), at, opts)).toBe('at_capacity');
    expect(eligibility(member({ capacity: 3, openLoad: 2 }), at, opts)).toBeNull();
    expect(eligibility(member({ hours: null }), new Date('2025-12-07T23:00:00Z'), opts)).toBeNull(); // no hours set: any time
  });
});
