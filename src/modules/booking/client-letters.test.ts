import { execFileSync } from 'node:child_process';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../platform/db/rls.js';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { call, signUp, type Browser } from '../../test/client.js';
import { drainAndStop } from '../../test/drain.js';
import { bookingCancelMail, bookingConfirm, bookingRemind } from './service.js';

// The visitor's letters go out over real SMTP (the workspace's e-mail channel, pointed at a local
// smtp-server standing in for the team's mail server); their invitations are read by an independent
// parser, Python's icalendar (/usr/bin/python3; CI installs python3-icalendar).

const mails: ParsedMail[] = [];
const sink = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, cb) {
    simpleParser(stream).then((m) => {
      mails.push(m);
      cb();
    }, cb);
  },
});

let env: TestEnv;
let owner: Browser;
let wsSlug: string;
beforeAll(async () => {
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
  const port = (sink.server.address() as { port: number }).port;
  // The sink listens on 127.0.0.1: the operator's setting for a mail server on a private network.
  env = await createTestApp({ VORONKA_MAIL_PRIVATE_HOSTS: 'allow' });
  owner = await signUp(env.app);
  wsSlug = owner.info.me!.workspace.slug;
  const channel = await owner.call('POST', '/api/v1/channels', {
    kind: 'email',
    name: 'Почта',
    settings: {
      smtpHost: '127.0.0.1',
      smtpPort: port,
      smtpSecure: false,
      fromAddress: 'sales@romashka.ru',
      fromName: 'Ромашка',
    },
    secrets: {},
  });
  expect(channel.status).toBe(201);
  const type = await owner.call('POST', '/api/v1/meeting-types', {
    name: 'Консультация',
    slug: 'consult',
    durationMin: 30,
    minNoticeMin: 60,
    hosts: [{ memberId: owner.info.me!.member.id, weight: 1 }],
  });
  expect(type.status).toBe(201);
});
afterAll(async () => {
  await env?.close();
  await new Promise<void>((r) => sink.close(() => r()));
});

const runJobs = () =>
  drainAndStop(
    startJobRunner(env.database.db, [bookingConfirm, bookingRemind, bookingCancelMail], {
      pollMs: 50,
    }),
  );
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
let ip = 0;
const from = () => ({ remoteAddress: `10.7.0.${++ip}` });

async function bookFirstSlot(email: string, dayOffset = 3) {
  const res = await call(
    env.app,
    'GET',
    `/api/public/booking/${wsSlug}/consult/slots?from=${day(dayOffset)}&to=${day(dayOffset + 7)}&tz=Europe/Moscow`,
    undefined,
    {},
    from(),
  );
  const slot = (res.body.days as { slots: { start: string }[] }[]).flatMap((d) => d.slots)[0]!;
  const booked = await call(
    env.app,
    'POST',
    `/api/public/booking/${wsSlug}/consult/bookings`,
    {
      start: slot.start,
      name: 'Анна Смирнова',
      phone: `+7912300${String(ip).padStart(4, '0')}`,
      email,
      tz: 'Europe/Moscow',
    },
    {},
    from(),
  );
  expect(booked.status).toBe(201);
  return booked.body as { id: string; start: string; end: string; cancelUrl: string };
}

type Parsed = {
  method: string;
  uid: string;
  sequence: number;
  status: string;
  start: string;
  end: string;
};
// Python's icalendar reads the attachment; instants come back as UTC ISO strings.
function parseIcs(ics: string): Parsed {
  const script = `
import sys, json
from icalendar import Calendar
cal = Calendar.from_ical(sys.stdin.read())
ev = [c for c in cal.walk('VEVENT')][0]
print(json.dumps({
  'method': str(cal.get('METHOD')),
  'uid': str(ev.get('UID')),
  'sequence': int(ev.get('SEQUENCE', 0)),
  'status': str(ev.get('STATUS')),
  'start': ev.decoded('DTSTART').isoformat(),
  'end': ev.decoded('DTEND').isoformat(),
}))`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: ics }).toString());
}
const icsOf = (m: ParsedMail) => {
  const a = m.attachments.find((x) => x.contentType.startsWith('text/calendar'));
  expect(a, `an invitation attached to «${m.subject}»`).toBeDefined();
  return a!.content.toString('utf8');
};
const lettersTo = (email: string) =>
  mails.filter((m) => m.to && JSON.stringify(m.to).includes(email));
const utc = (iso: string) => new Date(iso).toISOString();

describe("the visitor's letters", () => {
  it('confirmation carries METHOD:REQUEST; the cancellation METHOD:CANCEL with the same UID and a higher SEQUENCE', async () => {
    const b = await bookFirstSlot('letters@example.ru');
    await runJobs();
    const [confirm] = lettersTo('letters@example.ru');
    expect(confirm!.subject).toMatch(/^Встреча подтверждена: Консультация/);
    expect(confirm!.text).toContain('/book/cancel?t=');
    const req = parseIcs(icsOf(confirm!));
    expect(req).toMatchObject({ method: 'REQUEST', sequence: 0, status: 'CONFIRMED' });
    expect(utc(req.start)).toBe(utc(b.start));
    expect(utc(req.end)).toBe(utc(b.end));

    const token = decodeURIComponent(b.cancelUrl.split('?t=').pop()!);
    const cancelled = await call(
      env.app,
      'POST',
      '/api/public/booking/cancel',
      { token },
      {},
      from(),
    );
    expect(cancelled.status).toBe(200);
    await runJobs();
    await runJobs();
    const all = lettersTo('letters@example.ru');
    expect(all).toHaveLength(2);
    const cancel = all[1]!;
    expect(cancel.subject).toMatch(/^Встреча отменена: Консультация/);
    const can = parseIcs(icsOf(cancel));
    expect(can).toMatchObject({ method: 'CANCEL', uid: req.uid, status: 'CANCELLED' });
    expect(can.sequence).toBeGreaterThan(req.sequence);
    expect(utc(can.start)).toBe(utc(b.start));
    expect(cancel.messageId).not.toBe(confirm!.messageId);
  });

  it('reminds the visitor once before the meeting, across a repeated job; never after a cancellation', async () => {
    const kept = await bookFirstSlot('remind@example.ru', 2);
    const dropped = await bookFirstSlot('dropped@example.ru', 4);
    const jobs = rowsOf<{ id: string; run_at: Date; booking: string }>(
      await env.database.db.execute(
        sql`select id, run_at, payload->>'bookingId' as booking from jobs where name = 'booking.remind'
          and payload->>'bookingId' in (${kept.id}, ${dropped.id})`,
      ),
    );
    expect(jobs).toHaveLength(2);
    // A day before the meeting.
    const keptJob = jobs.find((j) => j.booking === kept.id)!;
    expect(new Date(keptJob.run_at).getTime()).toBe(Date.parse(kept.start) - 86_400_000);
    const token = decodeURIComponent(dropped.cancelUrl.split('?t=').pop()!);
    expect(
      (await call(env.app, 'POST', '/api/public/booking/cancel', { token }, {}, from())).status,
    ).toBe(200);
    // Time passes: both reminders fall due.
    await env.database.db.execute(
      sql`update jobs set run_at = now() - interval '1 second' where name = 'booking.remind'
        and payload->>'bookingId' in (${kept.id}, ${dropped.id})`,
    );
    await runJobs();
    // A worker that died after sending but before finishing the job: it runs again.
    await env.database.db.execute(
      sql`update jobs set state = 'queued', finished_at = null where name = 'booking.remind'
        and payload->>'bookingId' = ${kept.id}`,
    );
    await runJobs();
    const reminders = (email: string) =>
      lettersTo(email).filter((m) => m.subject?.startsWith('Напоминание'));
    expect(reminders('remind@example.ru')).toHaveLength(1);
    expect(reminders('remind@example.ru')[0]!.text).toContain('/book/reschedule?t=');
    expect(reminders('dropped@example.ru')).toHaveLength(0);
    const [row] = rowsOf<{ sent: boolean }>(
      await env.database.db.execute(
        sql`select reminder_sent_at is not null as sent from bookings where id = ${kept.id}`,
      ),
    );
    expect(row!.sent).toBe(true);
  });
});
