import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inSystemWorkspace } from '../../platform/context.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, signUp } from '../../test/client.js';
import * as calendar from './service.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

const at = (s: string) => new Date(s);

describe('busy intervals', () => {
  it('counts owned and attended events, expands recurrence in the zone, skips cancelled', async () => {
    const owner = await signUp(env.app);
    const ws = owner.info.me!.workspace.id;
    const me = owner.info.me!.member.id;
    const colleague = await addMember(env.app, owner, 'manager');
    const run = <T>(fn: Parameters<typeof inSystemWorkspace<T>>[2]) =>
      inSystemWorkspace(env.database.db, ws, fn);
    const meeting = await run((ctx) =>
      calendar.createEvent(ctx, {
        title: 'Встреча с клиентом',
        ownerId: me,
        startsAt: '2026-03-24T07:00:00Z',
        endsAt: '2026-03-24T08:00:00Z',
        attendeeIds: [colleague.memberId],
      }),
    );
    // A weekly stand-up at 10:00 Berlin time across the switch to summer time (29 March 2026).
    await run((ctx) =>
      calendar.createEvent(ctx, {
        kind: 'internal',
        title: 'Планёрка',
        ownerId: colleague.memberId,
        startsAt: '2026-03-23T09:00:00Z',
        endsAt: '2026-03-23T09:30:00Z',
        timeZone: 'Europe/Berlin',
        rrule: 'FREQ=WEEKLY;COUNT=3',
      }),
    );
    const cancelled = await run((ctx) =>
      calendar.createEvent(ctx, {
        title: 'Отменённая',
        ownerId: me,
        startsAt: '2026-03-25T07:00:00Z',
        endsAt: '2026-03-25T08:00:00Z',
      }),
    );
    await run((ctx) => calendar.cancelEvent(ctx, cancelled.id));
    const busy = await run((ctx) =>
      calendar.busyIntervals(
        ctx,
        [me, colleague.memberId],
        at('2026-03-20T00:00:00Z'),
        at('2026-04-30T00:00:00Z'),
      ),
    );
    const shown = busy.map((b) => [
      b.memberId === me ? 'me' : 'colleague',
      b.start.toISOString(),
      b.end.toISOString(),
    ]);
    shown.sort((a, b) => (a[1]! + a[0]! < b[1]! + b[0]! ? -1 : 1));
    expect(shown).toEqual([
      ['colleague', '2026-03-23T09:00:00.000Z', '2026-03-23T09:30:00.000Z'],
      ['colleague', '2026-03-24T07:00:00.000Z', '2026-03-24T08:00:00.000Z'],
      ['me', '2026-03-24T07:00:00.000Z', '2026-03-24T08:00:00.000Z'],
      ['colleague', '2026-03-30T08:00:00.000Z', '2026-03-30T08:30:00.000Z'],
      ['colleague', '2026-04-06T08:00:00.000Z', '2026-04-06T08:30:00.000Z'],
    ]);
    const moved = await run((ctx) =>
      calendar.moveEvent(ctx, meeting.id, {
        startsAt: '2026-03-26T07:00:00Z',
        endsAt: '2026-03-26T09:00:00Z',
      }),
    );
    expect(moved.endsAt).toBe('2026-03-26T09:00:00.000Z');
    const mine = await run((ctx) =>
      calendar.busyIntervals(ctx, [me], at('2026-03-24T00:00:00Z'), at('2026-03-27T00:00:00Z')),
    );
    expect(mine.map((b) => b.start.toISOString())).toEqual(['2026-03-26T07:00:00.000Z']);
  });
});
