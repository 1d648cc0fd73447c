// The Russian production calendar (производственный календарь) for a five-day week, as data.
// Sources: the Labour Code — art. 112 part 1 (the non-working holidays), part 2 (a weekend day that
// falls on a holiday moves to the next working day, except for the January holidays) and art. 95
// (the working day before a holiday is an hour shorter) — and the government's yearly decree that
// moves days off ("О переносе выходных дней в … году"), which may also override part 2.
// A year marked 'statutory' has no decree here: it holds only what the law itself fixes, and its
// January weekend days are not moved until the decree is added.
import type { ProductionCalendar, Weekday } from './business-time.js';

export type CalendarYear = {
  year: number;
  status: 'decree' | 'statutory';
  source: string;
  holidays: readonly string[]; // art. 112 part 1
  daysOff: readonly string[]; // weekdays off beyond the holidays: the decree's transfers, part 2 carry-overs
  workingWeekends: readonly { date: string; worksAs: Weekday }[]; // a Saturday made working, with that weekday's hours
  shortDays: readonly string[]; // art. 95: an hour shorter
};

const holidaysOf = (year: number): string[] => [
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((d) => `${year}-01-0${d}`),
  `${year}-02-23`,
  `${year}-03-08`,
  `${year}-05-01`,
  `${year}-05-09`,
  `${year}-06-12`,
  `${year}-11-04`,
];

export const RU_CALENDAR_YEARS: readonly CalendarYear[] = [
  {
    year: 2025,
    status: 'decree',
    // Jan 4 (Sat) → May 2 (Fri), Jan 5 (Sun) → Dec 31 (Wed), Feb 23 (Sun) → May 8 (Thu),
    // Mar 8 (Sat) → Jun 13 (Fri), Nov 1 (Sat) → Nov 3 (Mon): Saturday 1 November is a working day.
    source: 'Постановление Правительства РФ от 04.10.2024 № 1335',
    holidays: holidaysOf(2025),
    daysOff: ['2025-05-02', '2025-05-08', '2025-06-13', '2025-11-03', '2025-12-31'],
    workingWeekends: [{ date: '2025-11-01', worksAs: 'mon' }],
    shortDays: ['2025-03-07', '2025-04-30', '2025-06-11', '2025-11-01'],
  },
  {
    year: 2026,
    status: 'decree',
    // Jan 3 (Sat) → Jan 9 (Fri), Jan 4 (Sun) → Dec 31 (Thu); by art. 112 part 2 Mar 8 (Sun) → Mar 9,
    // May 9 (Sat) → May 11.
    source: 'Постановление Правительства РФ от 24.09.2025 № 1466',
    holidays: holidaysOf(2026),
    daysOff: ['2026-01-09', '2026-03-09', '2026-05-11', '2026-12-31'],
    workingWeekends: [],
    shortDays: ['2026-04-30', '2026-05-08', '2026-06-11', '2026-11-03'],
  },
  {
    year: 2027,
    status: 'statutory',
    // No decree for 2027 was found when this was written. By art. 112 part 2: May 1 (Sat) → May 3,
    // May 9 (Sun) → May 10, Jun 12 (Sat) → Jun 14. Jan 2–3 fall on a weekend and wait for the decree.
    source:
      'Трудовой кодекс РФ, ст. 95, 112 (постановление о переносе выходных дней в 2027 году не найдено)',
    holidays: holidaysOf(2027),
    daysOff: ['2027-05-03', '2027-05-10', '2027-06-14'],
    workingWeekends: [],
    shortDays: ['2027-02-22', '2027-04-30', '2027-06-11', '2027-11-03'],
  },
];

export function productionCalendar(years: readonly CalendarYear[]): ProductionCalendar {
  return {
    nonWorkingDays: new Set(years.flatMap((y) => [...y.holidays, ...y.daysOff])),
    workingDays: new Map(
      years.flatMap((y) => y.workingWeekends.map((w) => [w.date, w.worksAs] as const)),
    ),
    shortDays: new Set(years.flatMap((y) => y.shortDays)),
  };
}

export const RU_PRODUCTION_CALENDAR: ProductionCalendar = productionCalendar(RU_CALENDAR_YEARS);
