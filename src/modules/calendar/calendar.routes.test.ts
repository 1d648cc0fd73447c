import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, call, expectProblem, signUp } from '../../test/client.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

const day = (d: number, h: number, m = 0) => {
  const base = new Date(Date.now() + d * 86_400_000);
  base.setUTCHours(h, m, 0, 0);
  return base.toISOString();
};

describe('calendar events', () => {
  it('lists my events, recurrences and tasks with a time over a week; a colleague sees by rights', async () => {
    const owner = await signUp(env.app);
    const me = owner.info.me!.member.id;
    const manager = await addMember(env.app, owner, 'manager');
    const meeting = await owner.call('POST', '/api/v1/calendar/events', {
      title: 'Встреча в офисе клиента',
      startsAt: day(1, 7),
      endsAt: day(1, 8),
      locationKind: 'client_address',
      location: 'Москва, Тверская 1',
      attendeeIds: [manager.memberId],
    });
    expect(meeting.status).toBe(201);
    expect(meeting.body).toMatchObject({ ownerId: me, attendeeIds: [manager.memberId] });
    const standup = await owner.call('POST', '/api/v1/calendar/events', {
      kind: 'internal',
      title: 'Планёрка',
      startsAt: day(0, 6),
      endsAt: day(0, 6, 15),
      timeZone: 'Europe/Moscow',
      rrule: 'FREQ=DAILY;COUNT=5',
    });
    expect(standup.status).toBe(201);
    await owner.call('POST', '/api/v1/tasks', {
      kind: 'call',
      title: 'Позвонить',
      dueAt: day(2, 9),
    });
    const week = await owner.call(
      'GET',
      `/api/v1/calendar/events?from=${encodeURIComponent(day(0, 0))}&to=${encodeURIComponent(day(7, 0))}`,
    );
    expect(week.status).toBe(200);
    const titles = week.body.items.map((e: { title: string }) => e.title);
    expect(titles.filter((t: string) => t === 'Планёрка')).toHaveLength(5);
    expect(titles).toContain('Встреча в офисе клиента');
    expect(week.body.items.find((e: { source: string }) => e.source === 'task')).toMatchObject({
      title: 'Позвонить',
      kind: 'call',
    });
    // The manager (own visibility) sees the meeting they are invited to, not the owner's stand-up.
    const theirs = await manager.browser.call(
      'GET',
      `/api/v1/calendar/events?from=${encodeURIComponent(day(0, 0))}&to=${encodeURIComponent(day(7, 0))}&memberIds=${me},${manager.memberId}`,
    );
    expect(theirs.body.items.map((e: { title: string }) => e.title)).toEqual([
      'Встреча в офисе клиента',
    ]);
    expectProblem(
      await manager.browser.call('GET', `/api/v1/calendar/events/${standup.body.id}`),
      404,
      'calendar_event.not_found',
    );
    // Moving by drag: a PATCH of the times; cancelling hides it from the range.
    const moved = await owner.call('PATCH', `/api/v1/calendar/events/${meeting.body.id}`, {
      startsAt: day(1, 9),
      endsAt: day(1, 11),
    });
    expect(moved.body).toMatchObject({ startsAt: day(1, 9), endsAt: day(1, 11) });
    expect((await owner.call('DELETE', `/api/v1/calendar/events/${meeting.body.id}`)).status).toBe(
      204,
    );
    const after = await owner.call(
      'GET',
      `/api/v1/calendar/events?from=${encodeURIComponent(day(0, 0))}&to=${encodeURIComponent(day(7, 0))}&tasks=false`,
    );
    expect(
      after.body.items.filter((e: { title: string }) => e.title === 'Встреча в офисе клиента'),
    ).toEqual([]);
  });

  it('refuses bad input naming the field and stores nothing', async () => {
    const owner = await signUp(env.app);
    const post = (body: object) => owner.call('POST', '/api/v1/calendar/events', body);
    const base = { title: 'Звонок', startsAt: day(1, 9), endsAt: day(1, 10) };
    expectProblem(
      await post({ ...base, endsAt: day(1, 8) }),
      400,
      'calendar_event.invalid',
      'endsAt',
    );
    expectProblem(
      await post({ ...base, rrule: 'FREQ=DAILY' }),
      400,
      'calendar_event.invalid',
      'rrule',
    );
    expectProblem(
      await post({ ...base, timeZone: 'Mars/Olympus' }),
      400,
      'request.invalid',
      'timeZone',
    );
    expectProblem(
      await post({ ...base, reminders: [15, 15] }),
      400,
      'request.invalid',
      'reminders',
    );
    expectProblem(
      await post({ ...base, videoUrl: 'javascript:alert(1)' }),
      400,
      'request.invalid',
      'videoUrl',
    );
    const list = await owner.call(
      'GET',
      `/api/v1/calendar/events?from=${encodeURIComponent(day(-1, 0))}&to=${encodeURIComponent(day(5, 0))}`,
    );
    expect(list.body.items).toEqual([]);
    expectProblem(
      await owner.call(
        'GET',
        `/api/v1/calendar/events?from=${encodeURIComponent(day(0, 0))}&to=${encodeURIComponent(day(90, 0))}`,
      ),
      400,
      'calendar_event.invalid',
      'to',
    );
  });

  it('serves a revocable ICS feed that an independent parser reads at the right instants', async () => {
    const owner = await signUp(env.app);
    await owner.call('POST', '/api/v1/calendar/events', {
      title: 'Встреча «Ромашка»',
      startsAt: '2026-12-10T07:00:00.000Z',
      endsAt: '2026-12-10T08:30:00.000Z',
      timeZone: 'Asia/Vladivostok',
      location: 'Офис',
    });
    expect((await owner.call('GET', '/api/v1/calendar/feed')).body).toMatchObject({
      active: false,
    });
    const made = await owner.call('POST', '/api/v1/calendar/feed');
    expect(made.status).toBe(201);
    const path = new URL(made.body.url).pathname;
    const ics = await call(env.app, 'GET', path);
    expect(ics.status).toBe(200);
    expect(String(ics.headers['content-type'])).toContain('text/calendar');
    const parsed = execFileSync(
      '/usr/bin/python3',
      [
        '-c',
        `import sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.read())
for e in cal.walk('VEVENT'):
    print(e.decoded('dtstart').isoformat(), e.decoded('dtend').isoformat(), str(e.get('summary')))`,
      ],
      { input: String(ics.body) },
    ).toString();
    expect(parsed.trim()).toBe(
      '2026-12-10T07:00:00+00:00 2026-12-10T08:30:00+00:00 Встреча «Ромашка»',
    );
    // Regenerating kills the old URL; revoking kills the feed.
    const again = await owner.call('POST', '/api/v1/calendar/feed');
    expectProblem(await call(env.app, 'GET', path), 404, 'calendar_feed.not_found');
    expect((await call(env.app, 'GET', new URL(again.body.url).pathname)).status).toBe(200);
    expect((await owner.call('DELETE', '/api/v1/calendar/feed')).status).toBe(204);
    expectProblem(
      await call(env.app, 'GET', new URL(again.body.url).pathname),
      404,
      'calendar_feed.not_found',
    );
  });
});
