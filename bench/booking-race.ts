// Public booking through the whole app (in-process requests, app.inject; the database included):
// - slots: GET …/slots for one host over 31 days with 300 calendar events in that month;
// - the one-slot race: --racers visitors (each from its own address) book the same slot at once,
//   --rounds times (a new slot each round); exactly one 201 per round, the rest 409. Reported:
//   requests answered per second over a round and the round's wall time.
//   tsx bench/booking-race.ts [--targets pglite,postgres] [--racers 100] [--rounds 5] [--runs 30]
import { parseArgs } from 'node:util';
import { withBenchApp, type BenchTarget } from './bench-app.js';

const { values: opt } = parseArgs({
  options: {
    targets: { type: 'string', default: 'pglite,postgres' },
    racers: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '5' },
    runs: { type: 'string', default: '30' },
  },
});
const RACERS = Number(opt.racers);
const ROUNDS = Number(opt.rounds);
const RUNS = Number(opt.runs);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

type App = Parameters<Parameters<typeof withBenchApp>[1]>[0];
let ip = 0;
const nextIp = () => `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip++ & 255}`;

async function owner(app: App) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-up',
    payload: {
      name: 'Бенч',
      email: `bench${Date.now()}@example.ru`,
      password: 'correct-horse-battery',
      companyName: 'ООО «Бенч»',
    },
  });
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  const csrf = (res.json() as { csrfToken: string }).csrfToken;
  const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
    const r = await app.inject({
      method,
      url,
      payload,
      headers: { cookie, 'x-csrf-token': csrf },
    });
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const me = await call('GET', '/api/v1/auth/session');
  return { call, memberId: me.me.member.id as string, slug: me.me.workspace.slug as string };
}

async function run(target: BenchTarget) {
  await withBenchApp(target, async (app) => {
    const o = await owner(app);
    await o.call('POST', '/api/v1/meeting-types', {
      name: 'Консультация',
      slug: 'consult',
      durationMin: 30,
      bufferAfterMin: 10,
      minNoticeMin: 60,
      horizonDays: 60,
      hosts: [{ memberId: o.memberId, weight: 1 }],
    });
    // 300 events over the next 31 days (about 10 a day, at any hour: many outside working hours).
    for (let e = 0; e < 300; e++) {
      const from = Date.now() + 86_400_000 + Math.floor(((e * 7919) % (31 * 24)) * 3_600_000);
      await o.call('POST', '/api/v1/calendar/events', {
        kind: 'internal',
        title: `Занят ${e}`,
        startsAt: new Date(from).toISOString(),
        endsAt: new Date(from + 45 * 60_000).toISOString(),
      });
    }
    const base = `/api/public/booking/${o.slug}/consult`;
    const slotsUrl = `${base}/slots?from=${day(1)}&to=${day(31)}&tz=Europe/Moscow`;
    const slotTimes: number[] = [];
    let slots: string[] = [];
    for (let i = 0; i < RUNS + 3; i++) {
      const t = performance.now();
      const r = await app.inject({ method: 'GET', url: slotsUrl, remoteAddress: nextIp() });
      if (i >= 3) slotTimes.push(performance.now() - t);
      slots = (r.json().days as { slots: { start: string }[] }[]).flatMap((d) =>
        d.slots.map((s) => s.start),
      );
    }
    console.log(
      `| ${target} | slots, 1 host, 31 days, 300 events (${slots.length} slots) | p50 ${pct(slotTimes, 50).toFixed(1)} ms | p95 ${pct(slotTimes, 95).toFixed(1)} ms |`,
    );
    for (let round = 0; round < ROUNDS; round++) {
      const start = slots[round * 7]!;
      const t = performance.now();
      const codes = await Promise.all(
        Array.from({ length: RACERS }, (_, i) =>
          app
            .inject({
              method: 'POST',
              url: `${base}/bookings`,
              remoteAddress: nextIp(),
              payload: {
                start,
                name: `Гость ${i}`,
                phone: `+7912${String(round).padStart(2, '0')}${String(i).padStart(5, '0')}`,
                email: `g${round}.${i}@example.ru`,
              },
            })
            .then((r) => r.statusCode),
        ),
      );
      const ms = performance.now() - t;
      const won = codes.filter((c) => c === 201).length;
      const lost = codes.filter((c) => c === 409).length;
      console.log(
        `| ${target} | race round ${round + 1}: ${RACERS} at once | ${ms.toFixed(0)} ms, ${((RACERS / ms) * 1000).toFixed(0)} answers/s | 201 × ${won}, 409 × ${lost}, other × ${RACERS - won - lost} |`,
      );
    }
  });
}

for (const target of opt.targets!.split(',') as BenchTarget[]) await run(target);
