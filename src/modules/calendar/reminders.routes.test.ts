import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '@voronka/contract';
import { rowsOf } from '../../platform/db/rls.js';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { signUp, type Browser } from '../../test/client.js';
import { drainAndStop } from '../../test/drain.js';
import * as routing from '../routing/service.js';
import { remindJob, reminderMail } from './service.js';

const jobDefinitions = [remindJob, reminderMail, routing.telegramNotice];

// A real SMTP server on loopback receives the e-mail fallback (the owner has no Telegram linked).
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
beforeAll(async () => {
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
  const port = (sink.server.address() as { port: number }).port;
  env = await createTestApp({ VORONKA_MAIL_URL: `smtp://127.0.0.1:${port}` });
});
afterAll(async () => {
  await env?.close();
  await new Promise<void>((r) => sink.close(() => r()));
});

const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const runner = () => startJobRunner(env.database.db, jobDefinitions, { pollMs: 50 });

function reminders(owner: Browser): RealtimeEvent[] {
  const got: RealtimeEvent[] = [];
  env.runtime.events.subscribe(owner.info.me!.workspace.id, (e) => {
    if (e.type === 'calendar.reminder') got.push(e);
  });
  return got;
}

describe('reminders', () => {
  it('fire once across two workers and a restart that repeats the job', async () => {
    const owner = await signUp(env.app);
    const got = reminders(owner);
    const task = await owner.call('POST', '/api/v1/tasks', {
      kind: 'call',
      title: 'Перезвонить Ивановой',
      dueAt: inMs(3_600_000),
      remindAt: inMs(1200),
    });
    expect(task.status).toBe(201);
    await sleep(1400);
    // Two workers polling the same queue at once.
    await Promise.all([drainAndStop(runner()), drainAndStop(runner())]);
    // A worker that died after sending but before marking the job done: the job runs again.
    await env.database.db.execute(
      sql`update jobs set state = 'queued', finished_at = null where name = 'calendar.remind' and payload->>'id' = ${task.body.id}`,
    );
    await drainAndStop(runner());
    await drainAndStop(runner());
    const mine = got.filter((e) => 'id' in e && e.id === task.body.id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ item: 'task', title: 'Перезвонить Ивановой' });
    const letters = mails.filter((m) => m.subject?.includes('Перезвонить Ивановой'));
    expect(letters).toHaveLength(1);
    expect(letters[0]!.to).toBeDefined();
    const sent = rowsOf<{ n: number }>(
      await env.database.db.execute(
        sql`select count(*)::int as n from calendar_reminders_sent where key like ${`task:${task.body.id}:%`}`,
      ),
    );
    expect(sent[0]!.n).toBe(1);
  });

  it('never fires for a task completed before its time', async () => {
    const owner = await signUp(env.app);
    const got = reminders(owner);
    const task = await owner.call('POST', '/api/v1/tasks', {
      title: 'Отправить КП',
      dueAt: inMs(3_600_000),
      remindAt: inMs(800),
    });
    expect((await owner.call('POST', `/api/v1/tasks/${task.body.id}/complete`)).status).toBe(200);
    await sleep(1000);
    await drainAndStop(runner());
    expect(got.filter((e) => 'id' in e && e.id === task.body.id)).toEqual([]);
    expect(mails.filter((m) => m.subject?.includes('Отправить КП'))).toEqual([]);
  });

  it('moves with the event: the old time stays silent, the new one is queued', async () => {
    const owner = await signUp(env.app);
    const got = reminders(owner);
    const start = inMs(800);
    const created = await owner.call('POST', '/api/v1/calendar/events', {
      kind: 'meeting',
      title: 'Демо продукта',
      startsAt: start,
      endsAt: inMs(1_800_000),
      reminders: [0],
    });
    expect(created.status).toBe(201);
    const newStart = new Date(Date.now() + 7_200_000);
    const moved = await owner.call('PATCH', `/api/v1/calendar/events/${created.body.id}`, {
      startsAt: newStart.toISOString(),
      endsAt: new Date(newStart.getTime() + 3_600_000).toISOString(),
    });
    expect(moved.status).toBe(200);
    await sleep(1000);
    await drainAndStop(runner());
    expect(got.filter((e) => 'id' in e && e.id === created.body.id)).toEqual([]);
    const queued = rowsOf<{ run_at: Date }>(
      await env.database.db.execute(
        sql`select run_at from jobs where name = 'calendar.remind' and state = 'queued' and payload->>'id' = ${created.body.id}`,
      ),
    );
    expect(queued.map((r) => new Date(r.run_at).getTime())).toEqual([newStart.getTime()]);
  });
});
