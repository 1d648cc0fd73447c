import * as routing from '../routing/service.js';

// The legal clock of a data-subject request (152-FZ art. 14 part 3, art. 20, 21): an answer within
// 10 working days of receipt, once extendable by 5 with a reasoned notice. Working days are the
// Russian production calendar's (routing's business time): a day counts whole, so the deadline is
// the end of the 10th working day after the day the request came, in the workspace's time zone.
export const ANSWER_WORKING_DAYS = 10;
export const EXTENSION_WORKING_DAYS = 5;

const DAY_MS = 24 * 60 * 60 * 1000;
const ALL_DAY: routing.WorkingHours = {
  mon: [['00:00', '24:00']],
  tue: [['00:00', '24:00']],
  wed: [['00:00', '24:00']],
  thu: [['00:00', '24:00']],
  fri: [['00:00', '24:00']],
  sat: [],
  sun: [],
};

const scheduleOf = (timeZone: string): routing.BusinessSchedule => ({
  timeZone,
  hours: ALL_DAY,
  calendar: routing.RU_PRODUCTION_CALENDAR,
  shortenPreHolidays: false,
});

// The instant `days` whole working days after the local day of `from` have ended.
export function addWorkingDays(from: Date, days: number, timeZone: string): Date {
  const local = routing.localDateOf(from.getTime(), timeZone);
  const nextDayStart = new Date(routing.zonedToUtc(routing.addDays(local, 1), 0, timeZone));
  return routing.addBusinessTime(nextDayStart, days * DAY_MS, scheduleOf(timeZone));
}

export const dueDate = (receivedAt: Date, timeZone: string) =>
  addWorkingDays(receivedAt, ANSWER_WORKING_DAYS, timeZone);

// An extension adds 5 working days to the deadline already running.
export const extendedDue = (dueAt: Date, timeZone: string) =>
  routing.addBusinessTime(dueAt, EXTENSION_WORKING_DAYS * DAY_MS, scheduleOf(timeZone));
