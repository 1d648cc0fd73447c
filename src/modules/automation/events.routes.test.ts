import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inSystemWorkspace } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/rls.js';
import { domainEventJob } from '../../platform/events/events.js';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, signUp, type Browser } from '../../test/client.js';
import { drainAndStop } from '../../test/drain.js';
import { ok, ourEntity } from '../documents/test-helpers.js';
import * as inbox from '../inbox/service.js';
import { issueInvoice } from '../money/test-world.js';
import * as routing from '../routing/service.js';
import { automationAct, automationMessage, scanOverdue, webhookDelivery } from './service.js';

// Every trigger kind fed by another module, end to end: the fact recorded by that module's own
// path (the API, intake, routing's timers, payments), the event through platform/events, the
// rule's run and what it did.

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

const jobs = [
  domainEventJob,
  automationAct,
  automationMessage,
  webhookDelivery,
  routing.telegramNotice,
  inbox.inboxSend,
];
// Until the queue stays quiet across a short pause (a loaded machine may commit a job's follow-up
// just after the loop looked).
const drain = async () => {
  for (let i = 0; i < 5; i++) {
    const n = await drainAndStop(startJobRunner(env.database.db, jobs, { pollMs: 20 }));
    if (n === 0 && i > 0) return;
    await new Promise((r) => setTimeout(r, 150));
  }
};
const wsOf = (b: Browser) => b.info.me!.workspace.id;

async function rule(b: Browser, definition: Record<string, unknown>, name = 'Правило') {
  const res = await b.call('POST', '/api/v1/automations', { name, definition });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}

type Run = {
  status: string;
  entity: string;
  recordId: string;
  dealId: string | null;
  actions: { kind: string; ok: boolean; detail: string }[];
};
const runsOf = async (b: Browser, id: string) =>
  (await b.call('GET', `/api/v1/automations/${id}/runs?limit=100`)).body.items as Run[];

const notify = (text: string) => ({ kind: 'notify', to: 'heads', text });

describe('requests', () => {
  it('received (any path), answered once, SLA breached: each fires its rules', async () => {
    const owner = await signUp(env.app);
    const head = await addMember(env.app, owner, 'head');
    const received = await rule(owner, {
      trigger: { kind: 'lead.received' },
      conditions: { mode: 'all', items: [{ path: 'lead.channel', op: 'eq', value: 'manual' }] },
      actions: [{ kind: 'task.create', title: 'Перезвонить: {{lead.title}}', dueInMinutes: 15 }],
    });
    const answered = await rule(owner, {
      trigger: { kind: 'lead.answered' },
      actions: [notify('Ответили на «{{lead.title}}»')],
    });
    const breached = await rule(owner, {
      trigger: { kind: 'lead.sla_breached' },
      actions: [notify('Просрочена заявка «{{lead.title}}»')],
    });
    expect(
      (
        await owner.call('POST', '/api/v1/sla-policies', {
          name: 'Минута',
          channels: ['manual'],
          responseSeconds: 60,
          warnPercent: 50,
          maxMoves: 0,
        })
      ).status,
    ).toBe(201);
    const created = await owner.call('POST', '/api/v1/leads', {
      channel: 'manual',
      title: 'Котёл на дачу',
      contactName: 'Иван',
    });
    expect(created.status).toBe(201);
    const leadId = created.body.id as string;
    await drain();
    const [r1] = await runsOf(owner, received.id);
    expect(r1).toMatchObject({ status: 'done', entity: 'lead', recordId: leadId });
    const tasks = (await owner.call('GET', `/api/v1/tasks?leadId=${leadId}&limit=10`)).body.items;
    expect(tasks.map((t: { title: string }) => t.title)).toEqual(['Перезвонить: Котёл на дачу']);

    // Routing's own clock: routed, warned, then the deadline passes unanswered.
    const timers = routing.startLeadTimers(env.database.db, { pollMs: 20 });
    try {
      await timers.drain();
      for (let i = 0; i < 2; i++) {
        // The minute passes: the deadline and the timer are moved into the past.
        await env.database.db.execute(
          sql`update lead_routing set first_response_due_at = now() - interval '1 second' where lead_id = ${leadId}`,
        );
        await env.database.db.execute(
          sql`update lead_timers set due_at = now() where lead_id = ${leadId}`,
        );
        await timers.drain();
      }
    } finally {
      await timers.stop();
    }
    await drain();
    expect((await runsOf(owner, breached.id)).map((r) => r.status)).toEqual(['done']);
    expect(await runsOf(owner, answered.id)).toEqual([]);

    // The first answer (a status change out of "new"), then another change: one event.
    expect(
      (await owner.call('PATCH', `/api/v1/leads/${leadId}`, { status: 'in_work' })).status,
    ).toBe(200);
    await drain();
    expect(
      (await owner.call('PATCH', `/api/v1/leads/${leadId}`, { status: 'qualified' })).status,
    ).toBe(200);
    await drain();
    const runs = await runsOf(owner, answered.id);
    expect(runs.map((r) => [r.status, r.recordId])).toEqual([['done', leadId]]);
    expect(head.memberId).toBeTruthy();
  });

  it('a request raised by intake (an inbound message) is received too, and no rule, no event job', async () => {
    const owner = await signUp(env.app);
    const ws = wsOf(owner);
    const inbound = async (threadKey: string) =>
      inSystemWorkspace(env.database.db, ws, async (ctx) => {
        const channelId = await inbox.seedDemoChannel(ctx, {
          kind: 'telegram',
          name: 'Бот',
          settings: {},
        });
        return inbox.acceptInbound(ctx, {
          channelId,
          threadKey,
          externalId: `m-${threadKey}`,
          text: 'Нужен котёл',
          from: { name: 'Пётр', handle: { kind: 'telegram', id: threadKey } },
        });
      });
    await inbound('before-rules');
    const eventJobs = async () =>
      rowsOf<{ n: number }>(
        await env.database.db.execute(
          sql`select count(*)::int as n from jobs where name = 'platform.event' and tenant_id = ${ws}`,
        ),
      )[0]!.n;
    expect(await eventJobs()).toBe(0);
    const r = await rule(owner, {
      trigger: { kind: 'lead.received' },
      actions: [notify('Новая заявка из {{lead.channel}}')],
    });
    const got = await inbound('after-rule');
    expect(await eventJobs()).toBe(1);
    await drain();
    expect(await runsOf(owner, r.id)).toMatchObject([
      { status: 'done', entity: 'lead', recordId: got.leadId },
    ]);
  });
});

describe('tasks and invoices', () => {
  it('an overdue task fires once per task, however many scans pass', async () => {
    const owner = await signUp(env.app);
    const r = await rule(owner, {
      trigger: { kind: 'task.overdue' },
      actions: [{ kind: 'notify', to: 'deal_owner', text: 'Просрочено: {{task.title}}' }],
    });
    const task = await owner.call('POST', '/api/v1/tasks', {
      kind: 'call',
      title: 'Позвонить в «Вектор»',
      dueAt: new Date(Date.now() - 3600_000).toISOString(),
    });
    expect(task.status).toBe(201);
    await owner.call('POST', '/api/v1/tasks', {
      kind: 'call',
      title: 'Завтра',
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    const scan = () => inSystemWorkspace(env.database.db, wsOf(owner), (ctx) => scanOverdue(ctx));
    expect(await scan()).toBe(1);
    expect(await scan()).toBe(0);
    await drain();
    const runs = await runsOf(owner, r.id);
    expect(runs).toMatchObject([{ status: 'done', entity: 'task', recordId: task.body.id }]);
    expect(runs[0]!.actions[0]).toMatchObject({ kind: 'notify', ok: true, detail: /notified 1/ });
  });

  it('an invoice issued, paid and overdue fire their rules, on the invoice and its deal', async () => {
    const owner = await signUp(env.app);
    const pipelines = (await owner.call('GET', '/api/v1/pipelines')).body.items;
    const deal = await ok(
      await owner.call('POST', '/api/v1/deals', {
        title: 'Поставка',
        amount: 1_000_00,
        pipelineId: pipelines[0].id,
        stageId: pipelines[0].stages[0].id,
      }),
      201,
    );
    const tag = (kind: string, t: string, extra = {}) =>
      rule(owner, {
        trigger: { kind, ...extra },
        actions: [{ kind: 'deal.tags', add: [t] }],
      });
    const issued = await tag('invoice.issued', 'счёт');
    const paid = await tag('invoice.paid', 'оплачено');
    const overdue = await tag('invoice.overdue', 'долг', { days: 1 });
    const entity = await ok(await owner.call('POST', '/api/v1/legal-entities', ourEntity), 201);
    const late = await issueInvoice(owner, entity.id, {
      dealId: deal.id,
      amount: 500_00,
      date: '2026-11-01',
      dueDate: '2026-11-10',
    });
    const fresh = await issueInvoice(owner, entity.id, { dealId: deal.id, amount: 300_00 });
    await drain();
    expect((await runsOf(owner, issued.id)).map((r) => [r.entity, r.dealId])).toEqual([
      ['invoice', deal.id],
      ['invoice', deal.id],
    ]);
    const pay = await owner.call('POST', '/api/v1/payments', {
      date: '2026-12-02',
      amountKopecks: 300_00,
      payerName: 'ООО «Вектор»',
      bankDocNumber: '7',
      allocations: [{ invoiceId: fresh.id, amountKopecks: 300_00 }],
    });
    expect(pay.status, JSON.stringify(pay.body)).toBe(201);
    const scanned = await inSystemWorkspace(env.database.db, wsOf(owner), (ctx) =>
      scanOverdue(ctx, new Date('2026-12-04T10:00:00Z')),
    );
    expect(scanned).toBe(1);
    await drain();
    expect((await runsOf(owner, paid.id)).map((r) => r.recordId)).toEqual([fresh.id]);
    expect((await runsOf(owner, overdue.id)).map((r) => r.recordId)).toEqual([late.id]);
    const tags = (await owner.call('GET', `/api/v1/deals/${deal.id}`)).body.tags;
    expect([...tags].sort()).toEqual(['долг', 'оплачено', 'счёт']);
  });
});
