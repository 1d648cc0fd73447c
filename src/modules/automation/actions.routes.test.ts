import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inSystemWorkspace } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/rls.js';
import { domainEventJob } from '../../platform/events/events.js';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';
import { drainAndStop } from '../../test/drain.js';
import * as inbox from '../inbox/service.js';
import * as routing from '../routing/service.js';
import {
  automationAct,
  automationMessage,
  useAutomationThrottle,
  webhookDelivery,
} from './service.js';

// The actions that reach people and records (assign, set a field, message the client), the button
// and the incoming webhook, the runs on the timeline, the throttle and the once-only lock.

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
const q = async <T>(s: ReturnType<typeof sql>) => rowsOf<T>(await env.database.db.execute(s));

async function rule(b: Browser, definition: Record<string, unknown>, name = 'Правило') {
  const res = await b.call('POST', '/api/v1/automations', { name, definition });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string };
}
const runsOf = async (b: Browser, id: string) =>
  (await b.call('GET', `/api/v1/automations/${id}/runs?limit=100`)).body.items as {
    status: string;
    dealId: string | null;
    actions: { kind: string; ok: boolean; detail: string }[];
  }[];

async function newDeal(b: Browser, body: Record<string, unknown> = {}) {
  const p = (await b.call('GET', '/api/v1/pipelines')).body.items[0];
  const res = await b.call('POST', '/api/v1/deals', {
    title: 'Котельная',
    amount: 90_000_00,
    pipelineId: p.id,
    stageId: p.stages[0].id,
    ...body,
  });
  expect(res.status).toBe(201);
  return { deal: res.body as { id: string; ownerId: string }, pipelineId: p.id as string };
}

// A client writing in Telegram (a demo channel: a reply is recorded as sent, nothing leaves).
const inbound = (b: Browser, threadKey: string, text = 'Нужен котёл') =>
  inSystemWorkspace(env.database.db, wsOf(b), async (ctx) => {
    const channelId = await inbox.seedDemoChannel(ctx, {
      kind: 'telegram',
      name: 'Бот',
      settings: {},
    });
    return inbox.acceptInbound(ctx, {
      channelId,
      threadKey,
      externalId: `m-${threadKey}-${text.length}`,
      text,
      from: { name: 'Пётр', handle: { kind: 'telegram', id: threadKey } },
    });
  });

describe('actions', () => {
  it('message.send answers the request in its own thread, once, and is not a member’s answer', async () => {
    const owner = await signUp(env.app);
    const r = await rule(owner, {
      trigger: { kind: 'lead.received' },
      actions: [
        {
          kind: 'message.send',
          text: 'Спасибо, {{client.name}}! Ответим в течение часа. {{unknown.var}}',
        },
      ],
    });
    const got = await inbound(owner, 'chat-1');
    await drain();
    const out = () =>
      q<{ text: string; status: string; author_id: string | null }>(
        sql`select text, status, author_id from messages where conversation_id = ${got.conversationId} and direction = 'out'`,
      );
    expect(await out()).toEqual([
      {
        text: 'Спасибо, Пётр! Ответим в течение часа. {{unknown.var}}',
        status: 'sent',
        author_id: null,
      },
    ]);
    const [run] = await runsOf(owner, r.id);
    expect(run!.actions[0]).toMatchObject({ kind: 'message.send', ok: true, detail: /^message / });
    // The message job delivered again (a worker died before marking it done): nothing new.
    await env.database.db.execute(
      sql`update jobs set state = 'queued', run_at = now() where name = 'automation.message' and tenant_id = ${wsOf(owner)}`,
    );
    await drain();
    expect(await out()).toHaveLength(1);
    // An automatic reply is not the request's first answer.
    const lead = (await owner.call('GET', `/api/v1/leads/${got.leadId}`)).body;
    expect(lead.firstRespondedAt).toBeNull();
  });

  it('message.send to a deal’s client with no conversation is refused in the run log', async () => {
    const owner = await signUp(env.app);
    const r = await rule(owner, {
      trigger: { kind: 'deal.created' },
      actions: [
        { kind: 'message.send', via: 'email', text: 'Здравствуйте' },
        { kind: 'deal.tags', add: ['новая'] },
      ],
    });
    await newDeal(owner);
    await drain();
    const [run] = await runsOf(owner, r.id);
    expect(run!.status).toBe('failed');
    expect(run!.actions[0]).toMatchObject({ ok: false, detail: /reply.route_unavailable/ });
    expect(run!.actions[1]).toMatchObject({ kind: 'deal.tags', ok: true });
  });

  it('assign gives a request through routing (with its reason) and a deal to the least loaded', async () => {
    const owner = await signUp(env.app);
    const manager = await addMember(env.app, owner, 'manager');
    const r = await rule(owner, {
      trigger: { kind: 'lead.received' },
      actions: [{ kind: 'assign', to: manager.memberId }],
    });
    const got = await inbound(owner, 'chat-2');
    await drain();
    expect((await runsOf(owner, r.id))[0]).toMatchObject({ status: 'done' });
    const lead = (await owner.call('GET', `/api/v1/leads/${got.leadId}`)).body;
    expect(lead.assigneeId).toBe(manager.memberId);
    const history = (await owner.call('GET', `/api/v1/leads/${got.leadId}/assignments`)).body.items;
    expect(history.at(-1)).toMatchObject({
      member: { id: manager.memberId },
      reason: { code: 'automation', detail: { by: 'Правило' } },
    });

    await rule(owner, {
      trigger: { kind: 'deal.created' },
      actions: [{ kind: 'assign', to: 'least_loaded' }],
    });
    const { deal } = await newDeal(owner);
    await drain();
    expect((await owner.call('GET', `/api/v1/deals/${deal.id}`)).body.ownerId).toBe(
      manager.memberId,
    );
  });

  it('deal.set sets a custom field checked as the deal form checks it; a bad value is refused', async () => {
    const owner = await signUp(env.app);
    const field = await owner.call('POST', '/api/v1/custom-fields', {
      entity: 'deals',
      key: 'source_note',
      label: 'Откуда',
      type: 'text',
    });
    expect(field.status).toBe(201);
    const r = await rule(owner, {
      trigger: { kind: 'deal.created' },
      actions: [
        { kind: 'deal.set', field: 'custom.source_note', value: 'правило {{rule.name}}' },
        { kind: 'deal.set', field: 'amount', value: 'много' },
      ],
    });
    const { deal } = await newDeal(owner);
    await drain();
    const after = (await owner.call('GET', `/api/v1/deals/${deal.id}`)).body;
    expect(after.custom.source_note).toBe('правило Правило');
    expect(after.amount).toBe(90_000_00);
    const [run] = await runsOf(owner, r.id);
    expect(run!.actions.map((a) => a.ok)).toEqual([true, false]);
    // A field that is not there is refused at save, naming it.
    const bad = await owner.call('POST', '/api/v1/automations', {
      name: 'x',
      definition: {
        trigger: { kind: 'deal.created' },
        actions: [{ kind: 'deal.set', field: 'custom.nope', value: 1 }],
      },
    });
    expectProblem(bad, 422, 'automation.invalid', 'definition.actions.0.field');
  });
});

describe('buttons', () => {
  it('show on the deal card of their pipeline and run the rule when pressed', async () => {
    const owner = await signUp(env.app);
    const manager = await addMember(env.app, owner, 'manager');
    const { deal, pipelineId } = await newDeal(owner, { ownerId: manager.memberId });
    const r = await rule(owner, {
      trigger: { kind: 'button', pipelineId, label: 'Отправить КП' },
      once: true,
      actions: [{ kind: 'task.create', title: 'Подготовить КП по «{{deal.title}}»' }],
    });
    const buttons = await manager.browser.call(
      'GET',
      `/api/v1/deals/${deal.id}/automation-buttons`,
    );
    expect(buttons.body.items).toEqual([{ automationId: r.id, label: 'Отправить КП' }]);
    const press = () =>
      manager.browser.call('POST', `/api/v1/automations/${r.id}/run`, { dealId: deal.id });
    const first = await press();
    expect(first.status).toBe(202);
    expect(first.body.status).toBe('scheduled');
    // A once-only button pressed again on the same deal.
    expectProblem(await press(), 409, 'automation.already_ran');
    await drain();
    const tasks = (await owner.call('GET', `/api/v1/tasks?dealId=${deal.id}`)).body.items;
    expect(tasks.map((t: { title: string }) => t.title)).toEqual(['Подготовить КП по «Котельная»']);
    // The run is on the deal's timeline.
    const timeline = (await owner.call('GET', `/api/v1/timeline?dealId=${deal.id}`)).body.items;
    expect(timeline.find((a: { kind: string }) => a.kind === 'automation')).toMatchObject({
      body: 'Правило',
      data: { status: 'done', trigger: 'button' },
    });
    // Bad input: a missing deal, an unknown field, a rule that is not a button.
    expectProblem(
      await manager.browser.call('POST', `/api/v1/automations/${r.id}/run`, {}),
      400,
      'request.invalid',
      'dealId',
    );
    expectProblem(
      await manager.browser.call('POST', `/api/v1/automations/${r.id}/run`, {
        dealId: deal.id,
        extra: 1,
      }),
      400,
      'request.invalid',
    );
    const other = await rule(owner, {
      trigger: { kind: 'deal.created' },
      actions: [{ kind: 'deal.tags', add: ['x'] }],
    });
    expectProblem(
      await manager.browser.call('POST', `/api/v1/automations/${other.id}/run`, {
        dealId: deal.id,
      }),
      404,
      'automation.not_found',
    );
  });
});

describe('incoming webhooks', () => {
  it('a secret URL per rule: its fields feed the rule; bad, oversized and flooding calls are refused', async () => {
    const owner = await signUp(env.app);
    const { deal } = await newDeal(owner);
    const r = await rule(owner, {
      trigger: { kind: 'webhook.incoming' },
      conditions: { mode: 'all', items: [{ path: 'event.status', op: 'eq', value: 'paid' }] },
      actions: [{ kind: 'deal.tags', add: ['оплата с сайта'] }],
    });
    const { url } = (await owner.call('GET', `/api/v1/automations/${r.id}/hook`)).body;
    expect(url).toMatch(/\/api\/public\/automations\/hook_[A-Za-z0-9_-]+$/);
    const path = new URL(url).pathname;
    const post = (payload: unknown, headers: Record<string, string> = {}) =>
      env.app.inject({
        method: 'POST',
        url: path,
        headers: { 'content-type': 'application/json', ...headers },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });
    const call = await post({ id: 'evt-1', dealId: deal.id, status: 'paid', sum: 1200 });
    expect(call.statusCode).toBe(202);
    expect(call.json()).toMatchObject({ accepted: true });
    // The sender's retry of the same event is the same run.
    expect((await post({ id: 'evt-1', dealId: deal.id, status: 'paid' })).statusCode).toBe(202);
    await drain();
    expect((await runsOf(owner, r.id)).map((x) => [x.status, x.dealId])).toEqual([
      ['done', deal.id],
    ]);
    expect((await owner.call('GET', `/api/v1/deals/${deal.id}`)).body.tags).toEqual([
      'оплата с сайта',
    ]);

    const problem = (res: Awaited<ReturnType<typeof post>>, status: number, field?: string) => {
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      if (field) expect(res.json().field).toBe(field);
    };
    problem(await post({ dealId: 'not-a-uuid' }), 400, 'dealId');
    problem(await post('[1,2]'), 400);
    problem(await post('{"broken":'), 400);
    problem(await post({ dealId: '0190e3a0-0000-7000-8000-000000000000' }), 422, 'dealId');
    problem(await post({ note: 'x'.repeat(70_000) }), 413);
    const wrong = await env.app.inject({
      method: 'POST',
      url: '/api/public/automations/hook_nope',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    problem(wrong, 404);
    // Sixty a minute from one address, then 429 (counted per clock minute: if a minute ends during
    // the flood, the next one fills up too — 130 calls are over sixty in one of at most two minutes).
    let last = 0;
    for (let i = 0; i < 130 && last !== 429; i++) last = (await post({ status: 'x' })).statusCode;
    expect(last).toBe(429);
  });
});

describe('the engine under load', () => {
  it('a flood in one workspace is delayed past its share, not dropped, and others go on', async () => {
    useAutomationThrottle(3);
    try {
      const a = await signUp(env.app);
      const b = await signUp(env.app);
      for (const w of [a, b])
        await rule(w, {
          trigger: { kind: 'deal.created' },
          actions: [{ kind: 'deal.tags', add: ['авто'] }],
        });
      for (let i = 0; i < 5; i++) await newDeal(a);
      await newDeal(b);
      const due = async (w: Browser) =>
        (
          await q<{ due_at: Date }>(
            sql`select due_at from automation_runs where workspace_id = ${wsOf(w)} order by due_at`,
          )
        ).map((r) => new Date(r.due_at).getTime());
      const inA = await due(a);
      expect(inA).toHaveLength(5);
      const minute = (t: number) => Math.floor(t / 60_000);
      expect(minute(inA[3]!) - minute(inA[0]!)).toBe(1);
      expect(minute(inA[2]!)).toBe(minute(inA[0]!));
      const [inB] = await due(b);
      expect(inB! - Date.now()).toBeLessThan(5_000);
    } finally {
      useAutomationThrottle(300);
    }
  });

  it('two events on one deal at once fire a once-only rule once', async () => {
    const owner = await signUp(env.app);
    const { deal, pipelineId } = await newDeal(owner);
    const stages = (await owner.call('GET', '/api/v1/pipelines')).body.items[0].stages;
    const r = await rule(owner, {
      trigger: { kind: 'deal.stage_entered', pipelineId, stageId: stages[1].id },
      once: true,
      actions: [{ kind: 'deal.tags', add: ['раз'] }],
    });
    const { deal: other } = await newDeal(owner);
    const move = (id: string) =>
      owner.call('POST', `/api/v1/deals/${id}/move`, { stageId: stages[1].id });
    const back = (id: string) =>
      owner.call('POST', `/api/v1/deals/${id}/move`, { stageId: stages[0].id });
    // Two visits of the stage, made concurrently with another deal's.
    await Promise.all([move(deal.id), move(other.id)]);
    await back(deal.id);
    await Promise.all([move(deal.id), back(other.id)]);
    await drain();
    const runs = await q<{ deal_id: string }>(
      sql`select deal_id from automation_runs where rule_id = ${r.id}`,
    );
    expect(runs.map((x) => x.deal_id).sort()).toEqual([deal.id, other.id].sort());
  });
});
