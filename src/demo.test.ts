import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoInto } from './boot.js';
import { systemActor, type Ctx } from './platform/context.js';
import type { Database } from './platform/db/client.js';
import { rowsOf } from './platform/db/rls.js';
import { inWorkspace } from './platform/db/tenancy.js';
import { openTestDatabase } from './test/app.js';
import * as inbox from './modules/inbox/service.js';
import * as workspaces from './modules/workspaces/service.js';
import { slaReport } from './modules/routing/reports.js';
import { startLeadTimers, type TimerLoop } from './modules/routing/timers.js';

// The demo department is alive (issue 11): every request has its channel and conversation, the
// history of the last weeks shows a team that meets its SLA, and leaving the demo running does not
// turn into a storm of breaches and reassignments. The SLA clock is the worker's real timer loop;
// time is moved on a minute at a time by bringing every pending deadline a minute closer (as the
// routing tests bring a timer forward), 16 times: a quarter of an hour of a live demo.

let database: Database;
let drop: () => Promise<void>;
let timers: TimerLoop;
let ws = '';
const password = 'demo-password-1';
const inWs = <T>(fn: (ctx: Ctx) => Promise<T>) =>
  inWorkspace(database.db, ws, (tx) =>
    fn({ tx, workspaceId: ws, actor: systemActor, ip: null, requestId: 'test' }),
  );
const rows = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await database.db.execute(q));
let seededAt = new Date();

beforeAll(async () => {
  ({ database, drop } = await openTestDatabase());
  ws = (
    await workspaces.createWorkspaceWithOwner(database.db, {
      companyName: 'Демо: ООО «Воронка»',
      ownerName: 'Владелец демо',
      email: `owner-${Date.now()}@demo.test`,
      password,
      existingUser: 'attach',
    })
  ).workspaceId;
  seededAt = new Date();
  const seeded = await seedDemoInto(database, ws, { password });
  expect(seeded.leads).toBe(40);
  expect(seeded.people.map((p) => p.role).sort()).toEqual([
    'assistant',
    'head',
    'head',
    'manager',
    'manager',
    'manager',
  ]);
  timers = startLeadTimers(database.db, { pollMs: 60_000 });
  await timers.stop();
}, 60_000);
afterAll(async () => {
  await timers?.stop();
  await database?.close();
  await drop?.();
});

describe('the demo department', () => {
  it('has its channels, and a conversation with messages behind every request', async () => {
    const channels = await rows<{ kind: string; demo: boolean }>(
      sql`select kind, (settings->>'demo')::boolean as demo from channels where workspace_id = ${ws}`,
    );
    expect(channels.map((c) => c.kind).sort()).toEqual([
      'email',
      'phone',
      'telegram',
      'vk',
      'web',
      'whatsapp',
    ]);
    expect(channels.every((c) => c.demo)).toBe(true);
    const perLead = await rows<{
      id: string;
      conversations: number;
      messages: number;
      answered: boolean;
      replies: number;
    }>(sql`
      select l.id, count(distinct c.id)::int as conversations, count(m.id)::int as messages, r.first_responded_at is not null as answered,
        count(m.id) filter (where m.direction = 'out' and m.status = 'sent')::int as replies
      from leads l join lead_routing r on r.workspace_id = l.workspace_id and r.lead_id = l.id
        left join conversations c on c.workspace_id = l.workspace_id and c.lead_id = l.id
        left join channels ch on ch.workspace_id = c.workspace_id and ch.id = c.channel_id
        left join messages m on m.workspace_id = c.workspace_id and m.conversation_id = c.id
      where l.workspace_id = ${ws} and ch.id is not null group by l.workspace_id, l.id, r.first_responded_at`);
    expect(perLead).toHaveLength(40);
    for (const l of perLead) {
      expect(l.conversations, l.id).toBe(1);
      expect(l.messages, l.id).toBeGreaterThanOrEqual(1);
      // An answered request shows the answer.
      if (l.answered) expect(l.replies, l.id).toBe(1);
    }
  });

  it('shows weeks of history in the SLA report, mostly met', async () => {
    const report = await inWs((ctx) => slaReport(ctx, { by: 'week' }));
    expect(report.rows.length).toBeGreaterThanOrEqual(4);
    expect(report.total.assignments).toBeGreaterThanOrEqual(30);
    expect(report.total.breachRate).toBeGreaterThan(0);
    expect(report.total.breachRate).toBeLessThan(0.2);
    expect(report.total.medianSeconds).not.toBeNull();
  });

  it('lets the demo people sign in with the printed password', async () => {
    const people = await rows<{ email: string; has: boolean }>(
      sql`select email, password_hash is not null as has from users where email like '%@demo.voronka.local'`,
    );
    expect(people.length).toBeGreaterThanOrEqual(6);
    expect(people.every((p) => p.has)).toBe(true);
  });

  it('left running for a quarter of an hour, routes the fresh requests and meets no storm of breaches or reassignments', async () => {
    await timers.drain();
    for (let minute = 0; minute < 16; minute++) {
      await database.db.execute(
        sql`update lead_timers set due_at = due_at - interval '1 minute' where workspace_id = ${ws}`,
      );
      await database.db.execute(
        sql`update lead_routing set first_response_due_at = first_response_due_at - interval '1 minute' where workspace_id = ${ws} and first_responded_at is null and first_response_due_at is not null`,
      );
      await timers.drain();
    }
    const breaches = await rows<{ n: number }>(
      sql`select count(*)::int as n from audit_log where workspace_id = ${ws} and action = 'lead.sla_breached'`,
    );
    expect(breaches[0]!.n).toBeLessThanOrEqual(2);
    // The three fresh requests were routed once each — given to a manager in working hours, or queued
    // for the team outside them (the test runs at any hour) — and nothing was moved around.
    const routed = await rows<{ entity_id: string; n: number }>(
      sql`select entity_id, count(*)::int as n from audit_log where workspace_id = ${ws} and action in ('lead.assigned', 'lead.queued') group by entity_id`,
    );
    expect(routed).toHaveLength(3);
    expect(routed.every((a) => a.n === 1)).toBe(true);
    const live = await rows<{ n: number }>(
      sql`select count(*)::int as n from lead_assignments where workspace_id = ${ws} and breached_at >= ${seededAt.toISOString()}::timestamptz`,
    );
    expect(live[0]!.n).toBeLessThanOrEqual(2);
    const waiting = await rows<{ id: string; assignee_id: string | null }>(
      sql`select l.id, l.assignee_id from leads l join lead_routing r on r.workspace_id = l.workspace_id and r.lead_id = l.id where l.workspace_id = ${ws} and l.status = 'new' and r.first_responded_at is null`,
    );
    expect(waiting).toHaveLength(3);
    const given = new Set(
      (
        await rows<{ entity_id: string }>(
          sql`select entity_id from audit_log where workspace_id = ${ws} and action = 'lead.assigned'`,
        )
      ).map((r) => r.entity_id),
    );
    expect(waiting.every((l) => Boolean(l.assignee_id) === given.has(l.id))).toBe(true);
  });

  it('records a reply through a demo channel as sent without reaching anyone, and counts it as the first response', async () => {
    const [lead] = await rows<{
      id: string;
      conversation_id: string;
      channel_id: string;
      assignee_id: string;
    }>(sql`
      select l.id, c.id as conversation_id, c.channel_id, l.assignee_id from leads l join conversations c on c.workspace_id = l.workspace_id and c.lead_id = l.id
        join channels ch on ch.workspace_id = c.workspace_id and ch.id = c.channel_id
        join lead_routing r on r.workspace_id = l.workspace_id and r.lead_id = l.id
      where l.workspace_id = ${ws} and l.status = 'new' and r.first_responded_at is null and ch.kind = 'email' order by l.received_at limit 1`);
    // (A website request is answered by e-mail or a call, chosen in the reply box; here the fresh e-mail
    // request, answered by its manager, or by the owner when out of hours it waits in the queue.)
    const [owner] = await rows<{ id: string }>(
      sql`select id from members where workspace_id = ${ws} and role = 'owner' limit 1`,
    );
    const messageId = await inWorkspace(database.db, ws, (tx) =>
      inbox.queueReply(
        {
          tx,
          workspaceId: ws,
          actor: { ...systemActor, memberId: lead!.assignee_id ?? owner!.id },
          ip: null,
          requestId: 'test',
        } as Ctx,
        { id: lead!.conversation_id, channelId: lead!.channel_id },
        { text: 'Здравствуйте! Готовим расчёт.' },
      ),
    );
    await inbox.inboxSend.perform!(database.db, ws, { messageId }, 'test');
    const [msg] = await rows<{ status: string; external_id: string; error: string | null }>(
      sql`select status, external_id, error from messages where workspace_id = ${ws} and id = ${messageId}`,
    );
    expect(msg).toMatchObject({ status: 'sent', external_id: `demo:${messageId}`, error: null });
    const [after] = await rows<{ first_responded_at: string | null }>(
      sql`select first_responded_at from lead_routing where workspace_id = ${ws} and lead_id = ${lead!.id}`,
    );
    expect(after!.first_responded_at).not.toBeNull();
  });

  it('keeps the demo flag out of the API: settings written through it drop it', async () => {
    const [tg] = await rows<{ id: string }>(
      sql`select id from channels where workspace_id = ${ws} and kind = 'telegram'`,
    );
    const deps = {
      sealer: { seal: (s: string) => s, open: (s: string) => s } as never,
      publicUrl: 'http://localhost',
    };
    const created = await inWs((ctx) =>
      inbox.createChannel(ctx, deps, {
        kind: 'telegram',
        name: 'Бот',
        settings: { botUsername: 'real_bot', demo: true },
      }),
    );
    expect(created.settings).toEqual({ botUsername: 'real_bot' });
    const updated = await inWs((ctx) =>
      inbox.updateChannel(ctx, deps, tg!.id, { settings: { botUsername: 'real_bot', demo: true } }),
    );
    expect(updated.settings).toEqual({ botUsername: 'real_bot' });
  });
});
