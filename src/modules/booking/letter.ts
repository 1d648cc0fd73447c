import icalGenerator, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { DateTime } from 'luxon';

// The visitor's confirmation: the letter (in their language, the time in their zone) and the
// invitation (ICS, METHOD:REQUEST, times in UTC so no client guesses a zone).

const TEXT = {
  ru: {
    subject: (type: string, when: string) => `Встреча подтверждена: ${type}, ${when}`,
    body: (l: LetterInput, when: string) =>
      [
        'Здравствуйте!',
        '',
        `Вы записаны: ${l.typeName}.`,
        `Когда: ${when} (${l.tz}).`,
        l.hostName ? `С вами встретится: ${l.hostName}.` : '',
        l.location ? `Где: ${l.location}.` : '',
        '',
        `Перенести встречу: ${l.rescheduleUrl}`,
        `Отменить встречу: ${l.cancelUrl}`,
        '',
        'Приглашение для календаря — во вложении.',
      ]
        .filter((x, i, a) => x !== '' || a[i - 1] !== '')
        .join('\n'),
  },
  en: {
    subject: (type: string, when: string) => `Meeting confirmed: ${type}, ${when}`,
    body: (l: LetterInput, when: string) =>
      [
        'Hello!',
        '',
        `You are booked: ${l.typeName}.`,
        `When: ${when} (${l.tz}).`,
        l.hostName ? `You will meet: ${l.hostName}.` : '',
        l.location ? `Where: ${l.location}.` : '',
        '',
        `Reschedule: ${l.rescheduleUrl}`,
        `Cancel: ${l.cancelUrl}`,
        '',
        'The calendar invitation is attached.',
      ]
        .filter((x, i, a) => x !== '' || a[i - 1] !== '')
        .join('\n'),
  },
};

export type LetterInput = {
  locale: 'ru' | 'en';
  typeName: string;
  hostName: string;
  start: number;
  tz: string;
  location: string;
  cancelUrl: string;
  rescheduleUrl: string;
};

export function confirmationLetter(l: LetterInput): { subject: string; text: string } {
  const when = DateTime.fromMillis(l.start, { zone: l.tz })
    .setLocale(l.locale === 'ru' ? 'ru' : 'en-GB')
    .toFormat('d MMMM yyyy, HH:mm');
  const t = TEXT[l.locale];
  return { subject: t.subject(l.typeName, when), text: t.body(l, when) };
}

export type InviteInput = {
  uid: string;
  summary: string;
  description: string;
  start: Date;
  end: Date;
  location: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
  cancelled?: boolean;
};

// One VEVENT; DTSTART/DTEND in UTC ("…Z"): ical-generator writes UTC when no calendar zone is set.
export function invitationIcs(i: InviteInput): string {
  const cal = icalGenerator({
    prodId: { company: 'Voronka', product: 'CRM', language: 'RU' },
    method: i.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  cal.createEvent({
    id: `${i.uid}@voronka`,
    start: i.start,
    end: i.end,
    summary: i.summary,
    description: i.description,
    location: i.location || null,
    organizer: i.organizer,
    attendees: [{ ...i.attendee, rsvp: true }],
    status: i.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    sequence: i.cancelled ? 1 : 0,
  });
  return cal.toString();
}

const whenOf = (start: number, tz: string, locale: 'ru' | 'en') =>
  DateTime.fromMillis(start, { zone: tz })
    .setLocale(locale === 'ru' ? 'ru' : 'en-GB')
    .toFormat('d MMMM yyyy, HH:mm');

// The cancellation (by the visitor's link, or the old time of a reschedule), with METHOD:CANCEL.
export function cancellationLetter(l: {
  locale: 'ru' | 'en';
  typeName: string;
  start: number;
  tz: string;
  moved: boolean;
}): { subject: string; text: string } {
  const when = whenOf(l.start, l.tz, l.locale);
  if (l.locale === 'en')
    return {
      subject: `${l.moved ? 'Meeting moved' : 'Meeting cancelled'}: ${l.typeName}, ${when}`,
      text: l.moved
        ? `Hello!\n\nYour meeting "${l.typeName}" on ${when} (${l.tz}) was moved; the new time comes in a separate letter.\n`
        : `Hello!\n\nYour meeting "${l.typeName}" on ${when} (${l.tz}) is cancelled.\n`,
    };
  return {
    subject: `${l.moved ? 'Встреча перенесена' : 'Встреча отменена'}: ${l.typeName}, ${when}`,
    text: l.moved
      ? `Здравствуйте!\n\nВстреча «${l.typeName}» ${when} (${l.tz}) перенесена; новое время — в отдельном письме.\n`
      : `Здравствуйте!\n\nВстреча «${l.typeName}» ${when} (${l.tz}) отменена.\n`,
  };
}

// The reminder before the meeting: a line on top of the confirmation (its links still work).
export function reminderLetter(l: {
  locale: 'ru' | 'en';
  typeName: string;
  start: number;
  tz: string;
  confirmation: string;
}): { subject: string; text: string } {
  const when = whenOf(l.start, l.tz, l.locale);
  return l.locale === 'en'
    ? {
        subject: `Reminder: ${l.typeName}, ${when}`,
        text: `A reminder of your meeting.\n\n${l.confirmation}`,
      }
    : {
        subject: `Напоминание: ${l.typeName}, ${when}`,
        text: `Напоминаем о встрече.\n\n${l.confirmation}`,
      };
}

// When the visitor is reminded: a day before; booked less than a day ahead, an hour before;
// booked within the hour (plus a quarter for the letter to matter), not at all.
export function reminderAt(start: number, now: number): number | null {
  const HOUR = 3_600_000;
  for (const before of [24 * HOUR, HOUR])
    if (start - before >= now + HOUR / 4) return start - before;
  return null;
}
