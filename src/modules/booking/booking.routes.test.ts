import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf } from '../../platform/db/rls.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { call, expectProblem, signUp, type Browser } from '../../test/client.js';

let env: TestEnv;
let owner: Browser;
let wsSlug: string;
let typeId: string;
beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app);
  wsSlug = owner.info.me!.workspace.slug;
});
afterAll(async () => env?.close());

let ipCounter = 0;
const from = () => ({ remoteAddress: `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}` });
const base = () => `/api/public/booking/${wsSlug}/consult`;
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const count = async (q: ReturnType<typeof sql>) =>
  Number(rowsOf<{ n: number }>(await env.database.db.execute(q))[0]!.n);
const bookingBody = (start: string, over: Record<string, unknown> = {}) => ({
  start,
  name: 'Анна Смирнова',
  phone: '+7 912 345-67-89',
  email: 'anna@example.ru',
  answers: { company: 'ООО «Вектор»' },
  tz: 'Europe/Berlin',
  ...over,
});
async function slots(tz = 'Europe/Berlin') {
  const res = await call(
    env.app,
    'GET',
    `${base()}/slots?from=${day(1)}&to=${day(14)}&tz=${tz}`,
    undefined,
    {},
    from(),
  );
  expect(res.status).toBe(200);
  return (res.body.days as { date: string; slots: { start: string }[] }[]).flatMap((d) => d.slots);
}

describe('meeting types', () => {
  it('are created by the owner with a host of the workspace; bad hosts and taken slugs are refused', async () => {
    const me = owner.info.me!.member.id;
    const body = {
      name: 'Консультация',
      slug: 'consult',
      durationMin: 30,
      bufferAfterMin: 10,
      minNoticeMin: 120,
      horizonDays: 30,
      questions: [{ key: 'company', label: 'Компания', required: true }],
      hosts: [{ memberId: me, weight: 1 }],
    };
    const bad = await owner.call('POST', '/api/v1/meeting-types', {
      ...body,
      hosts: [{ memberId: '00000000-0000-4000-8000-000000000001' }],
    });
    expectProblem(bad, 400, 'request.invalid', 'hosts.0.memberId');
    const res = await owner.call('POST', '/api/v1/meeting-types', body);
    expect(res.status).toBe(201);
    expect(res.body.publicUrl).toMatch(new RegExp(`/book/${wsSlug}/consult$`));
    typeId = res.body.id;
    expectProblem(
      await owner.call('POST', '/api/v1/meeting-types', body),
      409,
      'meeting_type.slug_taken',
      'slug',
    );
    const list = await owner.call('GET', '/api/v1/meeting-types');
    expect(list.body.items.map((t: { id: string }) => t.id)).toEqual([typeId]);
  });
});

describe('public slots and bookings', () => {
  it('offers working-hour slots in the visitor zone and refuses bad queries', async () => {
    const all = await slots();
    expect(all.length).toBeGreaterThan(10);
    // Office hours 9–18 in Moscow: every start is between 06:00 and 14:30 UTC.
    for (const s of all) {
      const h = new Date(s.start).getUTCHours();
      expect(h >= 6 && h < 15).toBe(true);
    }
    const tz = await call(
      env.app,
      'GET',
      `${base()}/slots?from=${day(1)}&to=${day(3)}&tz=Mars/Olympus`,
      undefined,
      {},
      from(),
    );
    expectProblem(tz, 400, 'request.invalid');
    expect(JSON.stringify(tz.body)).toContain('tz');
    const other = await call(
      env.app,
      'GET',
      `/api/public/booking/${wsSlug}-nope/consult/slots?from=${day(1)}&to=${day(3)}&tz=UTC`,
      undefined,
      {},
      from(),
    );
    expectProblem(other, 404, 'meeting_type.not_found');
  });

  it('a booking raises a contact, a request with channel booking, the host event and the confirmation job', async () => {
    const [first] = await slots();
    const res = await call(
      env.app,
      'POST',
      `${base()}/bookings`,
      bookingBody(first!.start),
      {},
      from(),
    );
    expect(res.status).toBe(201);
    expect(res.body.cancelUrl).toContain('/book/cancel?t=');
    const id = res.body.id as string;
    const [row] = rowsOf<Record<string, unknown>>(
      await env.database.db.execute(sql`
        select b.status, l.channel, l.contact_id = b.contact_id as same_contact, e.owner_id = b.host_id as host_event,
          e.starts_at = b.starts_at as same_time
        from bookings b join leads l on l.id = b.lead_id join calendar_events e on e.id = b.event_id
        where b.id = ${id}`),
    );
    expect(row).toEqual({
      status: 'confirmed',
      channel: 'booking',
      same_contact: true,
      host_event: true,
      same_time: true,
    });
    expect(
      await count(
        sql`select count(*)::int as n from contacts where id = (select contact_id from bookings where id = ${id})`,
      ),
    ).toBe(1);
    expect(
      await count(
        sql`select count(*)::int as n from jobs where name = 'booking.confirm' and payload->>'bookingId' = ${id}`,
      ),
    ).toBe(1);
    // The slot is gone for the next visitor, and booking it anyway is a clean 409 with fresh slots.
    expect((await slots()).map((s) => s.start)).not.toContain(first!.start);
    const again = await call(
      env.app,
      'POST',
      `${base()}/bookings`,
      bookingBody(first!.start, { email: 'b@example.ru', phone: '+79120000001' }),
      {},
      from(),
    );
    expectProblem(again, 409, 'booking.slot_taken', 'start');
    expect(again.body.days.length).toBeGreaterThan(0);
  });

  it('refuses a past time, a time outside hours, a DST-gap local time and a missing answer, storing nothing', async () => {
    const before = await count(sql`select count(*)::int as n from bookings`);
    const leadsBefore = await count(sql`select count(*)::int as n from leads`);
    const past = await call(
      env.app,
      'POST',
      `${base()}/bookings`,
      bookingBody('2025-03-03T07:00:00Z'),
      {},
      from(),
    );
    expectProblem(past, 422, 'booking.slot_unavailable', 'start');
    const night = await call(
      env.app,
      'POST',
      `${base()}/bookings`,
      bookingBody(`${day(7)}T00:00:00Z`),
      {},
      from(),
    );
    expectProblem(night, 422, 'booking.slot_unavailable', 'start');
    const gap = await call(
      env.app,
      'POST',
      `${base()}/bookings`,
      bookingBody('2027-03-28T02:30'),
      {},
      from(),
    );
    expectProblem(gap, 400, 'request.invalid', 'start');
    const [free] = await slots();
    const noAnswer = await call(
      env.app,
      'POST',
      `${base()}/bookings`,
      bookingBody(free!.start, { answers: {} }),
      {},
      from(),
    );
    expectProblem(noAnswer, 400, 'request.invalid', 'answers.company');
    const badPhone = await call(
      env.app,
      'POST',
      `${base()}/bookings`,
      bookingBody(free!.start, { phone: 'not a phone' }),
      {},
      from(),
    );
    expectProblem(badPhone, 400, 'request.invalid', 'phone');
    expect(await count(sql`select count(*)::int as n from bookings`)).toBe(before);
    expect(await count(sql`select count(*)::int as n from leads`)).toBe(leadsBefore);
  });

  it('cancel and reschedule links work once; forged or cross-purpose ones are refused', async () => {
    const [a, b] = await slots();
    const res = await call(
      env.app,
      'POST',
      `${base()}/bookings`,
      bookingBody(a!.start, { email: 'c@example.ru', phone: '+79120000002' }),
      {},
      from(),
    );
    expect(res.status).toBe(201);
    const cancelToken = decodeURIComponent(res.body.cancelUrl.split('?t=').pop());
    const moveToken = decodeURIComponent(res.body.rescheduleUrl.split('?t=').pop());
    const forged = await call(
      env.app,
      'POST',
      '/api/public/booking/cancel',
      { token: `${cancelToken.slice(0, -4)}AAAA` },
      {},
      from(),
    );
    expectProblem(forged, 400, 'booking.link_invalid', 'token');
    const wrong = await call(
      env.app,
      'POST',
      '/api/public/booking/cancel',
      { token: `${moveToken}` },
      {},
      from(),
    );
    expectProblem(wrong, 400, 'booking.link_invalid', 'token');
    const moved = await call(
      env.app,
      'POST',
      '/api/public/booking/reschedule',
      { token: moveToken, start: b!.start },
      {},
      from(),
    );
    expect(moved.status).toBe(201);
    expect(moved.body.start).toBe(new Date(b!.start).toISOString());
    const replay = await call(
      env.app,
      'POST',
      '/api/public/booking/reschedule',
      { token: moveToken, start: a!.start },
      {},
      from(),
    );
    expectProblem(replay, 409, 'booking.link_used', 'token');
    // The old booking's cancel link died with the move; the new one's works, once.
    expectProblem(
      await call(
        env.app,
        'POST',
        '/api/public/booking/cancel',
        { token: `${cancelToken}` },
        {},
        from(),
      ),
      409,
      'booking.link_used',
    );
    const newCancel = decodeURIComponent(moved.body.cancelUrl.split('?t=').pop());
    const cancelled = await call(
      env.app,
      'POST',
      '/api/public/booking/cancel',
      { token: `${newCancel}` },
      {},
      from(),
    );
    expect(cancelled.status).toBe(200);
    expectProblem(
      await call(
        env.app,
        'POST',
        '/api/public/booking/cancel',
        { token: `${newCancel}` },
        {},
        from(),
      ),
      409,
      'booking.link_used',
    );
    const [ev] = rowsOf<{ status: string }>(
      await env.database.db.execute(
        sql`select e.status from calendar_events e join bookings b on b.event_id = e.id where b.id = ${moved.body.id}`,
      ),
    );
    expect(ev!.status).toBe('cancelled');
    // One request for the booking and its move.
    expect(
      await count(
        sql`select count(distinct lead_id)::int as n from bookings where id in (${res.body.id}, ${moved.body.id})`,
      ),
    ).toBe(1);
  });

  it('the link pages show the booking for a live link and answer 400 forged, 409 used', async () => {
    const [a, b] = (await slots()).slice(-2);
    const res = await call(
      env.app,
      'POST',
      `${base()}/bookings`,
      bookingBody(a!.start, { email: 'p@example.ru', phone: '+79120000003', locale: 'en' }),
      {},
      from(),
    );
    expect(res.status).toBe(201);
    const page = (url: string) => call(env.app, 'GET', url.replace('http://voronka.test', ''));
    const move = await page(res.body.rescheduleUrl);
    expect(move.status).toBe(200);
    expect(move.body).toContain('data-mode="reschedule"');
    expect(move.body).toContain('Reschedule the meeting');
    expect(move.body).toContain('Консультация');
    expect(move.body).not.toMatch(/<script>/);
    const cancel = await page(res.body.cancelUrl);
    expect(cancel.status).toBe(200);
    expect(cancel.body).toContain('data-mode="cancel"');
    const forged = await page(`${res.body.rescheduleUrl.slice(0, -6)}AAAAAA`);
    expect(forged.status).toBe(400);
    expect(forged.body).toContain('role="alert"');
    // The cancel link's token on the reschedule page is not for moving.
    expect(
      (await page(res.body.cancelUrl.replace('/book/cancel', '/book/reschedule'))).status,
    ).toBe(400);
    const token = decodeURIComponent(res.body.rescheduleUrl.split('?t=').pop());
    const moved = await call(
      env.app,
      'POST',
      '/api/public/booking/reschedule',
      { token, start: b!.start },
      {},
      from(),
    );
    expect(moved.status).toBe(201);
    const replay = await page(res.body.rescheduleUrl);
    expect(replay.status).toBe(409);
    expect(replay.body).toContain('уже использована');
    expect((await page(res.body.cancelUrl)).status).toBe(409);
    expect((await page(moved.body.cancelUrl)).status).toBe(200);
  });

  it('answers a page on another site (the embedded widget): CORS on slots, bookings and their preflight', async () => {
    const pre = await env.app.inject({
      method: 'OPTIONS',
      url: `${base()}/bookings`,
      headers: {
        origin: 'https://romashka.ru',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(pre.statusCode).toBe(204);
    expect(pre.headers['access-control-allow-origin']).toBe('*');
    expect(String(pre.headers['access-control-allow-headers'])).toContain('content-type');
    const got = await env.app.inject({
      method: 'GET',
      url: `${base()}/slots?from=${day(1)}&to=${day(2)}&tz=UTC`,
      headers: { origin: 'https://romashka.ru' },
      remoteAddress: '10.250.0.1',
    });
    expect(got.statusCode).toBe(200);
    expect(got.headers['access-control-allow-origin']).toBe('*');
  });

  it('limits bookings per address', async () => {
    const ip = { remoteAddress: '10.200.0.1' };
    const codes: number[] = [];
    for (let i = 0; i < 12; i++)
      codes.push(
        (
          await call(
            env.app,
            'POST',
            `${base()}/bookings`,
            bookingBody('2025-01-01T00:00:00Z'),
            {},
            ip,
          )
        ).status,
      );
    expect(codes.slice(0, 10).every((c) => c === 422)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
  });

  it('of many visitors racing for one slot, exactly one gets it; the rest get 409', async () => {
    const [slot] = await slots();
    const n = env.database.kind === 'pglite' ? 20 : 100;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        call(
          env.app,
          'POST',
          `${base()}/bookings`,
          bookingBody(slot!.start, {
            email: `r${i}@example.ru`,
            phone: `+7912100${String(i).padStart(4, '0')}`,
          }),
          {},
          from(),
        ),
      ),
    );
    const statuses = results.map((r) => r.status);
    // Never a 500 (a deadlock) nor a 503: the per-host lock queues the racers, the losers are 409.
    const odd = results.find((r) => ![201, 409].includes(r.status));
    expect(odd ? { status: odd.status, body: odd.body } : null).toBeNull();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(n - 1);
    expect(
      await count(
        sql`select count(*)::int as n from bookings where starts_at = ${slot!.start}::timestamptz and status = 'confirmed'`,
      ),
    ).toBe(1);
  });

  it('keeps the daily limit when visitors race for different times of one day', async () => {
    const me = owner.info.me!.member.id;
    const made = await owner.call('POST', '/api/v1/meeting-types', {
      name: 'Один в день',
      slug: 'one-a-day',
      durationMin: 30,
      minNoticeMin: 60,
      dailyLimit: 1,
      hosts: [{ memberId: me, weight: 1 }],
    });
    expect(made.status).toBe(201);
    const res = await call(
      env.app,
      'GET',
      `/api/public/booking/${wsSlug}/one-a-day/slots?from=${day(20)}&to=${day(27)}&tz=Europe/Moscow`,
      undefined,
      {},
      from(),
    );
    const days = res.body.days as { date: string; slots: { start: string }[] }[];
    const busy = days.find((d) => d.slots.length >= 10)!;
    const n = env.database.kind === 'pglite' ? 10 : 30;
    const results = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        call(
          env.app,
          'POST',
          `/api/public/booking/${wsSlug}/one-a-day/bookings`,
          bookingBody(busy.slots[i % busy.slots.length]!.start, {
            email: `d${i}@example.ru`,
            phone: `+7912200${String(i).padStart(4, '0')}`,
            answers: {},
          }),
          {},
          from(),
        ),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 201).every((s) => s === 409)).toBe(true);
    expect(
      await count(
        sql`select count(*)::int as n from bookings b join meeting_types t on t.id = b.meeting_type_id
          where t.slug = 'one-a-day' and b.status = 'confirmed'`,
      ),
    ).toBe(1);
  });
});
