import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '@voronka/contract';
import { inSystemWorkspace } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/rls.js';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';
import { drainAndStop } from '../../test/drain.js';
import * as routing from '../routing/service.js';
import { automationAct, scanStale, webhookDelivery } from './service.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

const jobs = [automationAct, webhookDelivery, routing.telegramNotice];
// Until the queue stays quiet across a short pause (a loaded machine may commit a job's follow-up
// just after the loop looked).
const drain = async () => {
  for (let i = 0; i < 5; i++) {
    const n = await drainAndStop(startJobRunner(env.database.db, jobs, { pollMs: 20 }));
    if (n === 0 && i > 0) return;
    await new Promise((r) => setTimeout(r, 150));
  }
};

type World = { owner: Browser; pipelineId: string; stages: { id: string; name: string }[] };

async function world(): Promise<World> {
  const owner = await signUp(env.app);
  const res = await owner.call('GET', '/api/v1/pipelines');
  const p = res.body.items[0];
  return {
    owner,
    pipelineId: p.id,
    stages: p.stages.filter((s: { kind: string }) => s.kind === 'open'),
  };
}

async function newDeal(w: World, body: Record<string, unknown> = {}) {
  const res = await w.owner.call('POST', '/api/v1/deals', {
    title: 'Поставка котлов',
    amount: 50_000_00,
    pipelineId: w.pipelineId,
    stageId: w.stages[0]!.id,
    ...body,
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; ownerId: string };
}

const move = (w: World, dealId: string, stageId: string) =>
  w.owner.call('POST', `/api/v1/deals/${dealId}/move`, { stageId });

async function robot(w: World, definition: Record<string, unknown>, name = 'Робот этапа') {
  const res = await w.owner.call('POST', '/api/v1/automations', { name, definition });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
}

const tasksOf = async (w: World, dealId: string) =>
  (await w.owner.call('GET', `/api/v1/tasks?dealId=${dealId}&limit=100`)).body.items as {
    title: string;
    ownerId: string;
    dueAt: string;
  }[];

const runsOf = async (w: World, id: string) =>
  (await w.owner.call('GET', `/api/v1/automations/${id}/runs?limit=100`)).body.items as {
    status: string;
    checks: { path: string; actual: unknown; held: boolean }[];
    actions: { kind: string; ok: boolean; detail: string }[];
    error: string | null;
  }[];

describe('stage robots', () => {
  it('a deal entering the stage gets its task and the head a notice, once per visit', async () => {
    const w = await world();
    const head = await addMember(env.app, w.owner, 'head');
    const notices: RealtimeEvent[] = [];
    env.runtime.events.subscribe(w.owner.info.me!.workspace.id, (e) => {
      if (e.type === 'automation.notice') notices.push(e);
    });
    const target = w.stages[1]!;
    const rule = await robot(w, {
      trigger: { kind: 'deal.stage_entered', pipelineId: w.pipelineId, stageId: target.id },
      actions: [
        {
          kind: 'task.create',
          title: 'Позвонить по «{{deal.title}}» ({{stage.name}})',
          dueInMinutes: 2 * 24 * 60,
        },
        { kind: 'notify', to: 'heads', text: 'Счёт по {{deal.title}} на {{deal.amount}}' },
      ],
    });
    const deal = await newDeal(w);
    expect((await move(w, deal.id, target.id)).status).toBe(200);
    await drain();
    const tasks = await tasksOf(w, deal.id);
    expect(tasks.map((t) => t.title)).toEqual([`Позвонить по «Поставка котлов» (${target.name})`]);
    expect(tasks[0]!.ownerId).toBe(deal.ownerId);
    const due = new Date(tasks[0]!.dueAt).getTime() - Date.now();
    expect(due).toBeGreaterThan(47 * 3600_000);
    expect(due).toBeLessThan(49 * 3600_000);
    await new Promise((r) => setTimeout(r, 100));
    const notice = notices.find((n) => n.type === 'automation.notice');
    expect(notice).toMatchObject({ dealId: deal.id });
    expect((notice as { text: string }).text).toMatch(/^Счёт по Поставка котлов на 50\s000 ₽$/);
    expect((notice as { memberIds: string[] }).memberIds).toEqual(
      expect.arrayContaining([head.memberId, w.owner.info.me!.member.id]),
    );

    // The job repeated (a worker died before marking it done) does nothing a second time.
    await env.database.db.execute(
      sql`update jobs set state = 'queued', run_at = now() where name = 'automation.act'`,
    );
    await drain();
    expect(await tasksOf(w, deal.id)).toHaveLength(1);

    // Leaving and entering again is a new visit: a second task.
    await move(w, deal.id, w.stages[0]!.id);
    await move(w, deal.id, target.id);
    await drain();
    expect(await tasksOf(w, deal.id)).toHaveLength(2);
    const runs = await runsOf(w, rule.id);
    expect(runs.map((r) => r.status)).toEqual(['done', 'done']);
    expect(runs[0]!.actions.map((a) => a.kind)).toEqual(['task.create', 'notify']);
  });

  it('conditions are checked when the rule acts, and the run log shows what was seen', async () => {
    const w = await world();
    const target = w.stages[1]!;
    const rule = await robot(w, {
      trigger: { kind: 'deal.stage_entered', pipelineId: w.pipelineId, stageId: target.id },
      conditions: {
        mode: 'all',
        items: [
          { path: 'deal.amount', op: 'gte', value: 100_000_00 },
          {
            mode: 'any',
            items: [
              { path: 'deal.tags', op: 'contains', value: 'опт' },
              { path: 'deal.title', op: 'contains', value: 'котл' },
            ],
          },
        ],
      },
      actions: [{ kind: 'deal.tags', add: ['крупная'] }],
    });
    const small = await newDeal(w, { amount: 20_000_00 });
    const big = await newDeal(w, { amount: 250_000_00 });
    await move(w, small.id, target.id);
    await move(w, big.id, target.id);
    await drain();
    const runs = await runsOf(w, rule.id);
    expect(runs.map((r) => r.status).sort()).toEqual(['done', 'skipped']);
    const skipped = runs.find((r) => r.status === 'skipped')!;
    expect(skipped.checks[0]).toMatchObject({
      path: 'deal.amount',
      actual: 20_000_00,
      held: false,
    });
    const tagsOf = async (id: string) =>
      (await w.owner.call('GET', `/api/v1/deals/${id}`)).body.tags as string[];
    expect(await tagsOf(big.id)).toEqual(['крупная']);
    expect(await tagsOf(small.id)).toEqual([]);
  });

  it('a delay survives a worker restart and acts once, on the deal as it is then', async () => {
    const w = await world();
    const target = w.stages[1]!;
    const rule = await robot(w, {
      trigger: { kind: 'deal.stage_entered', pipelineId: w.pipelineId, stageId: target.id },
      delayMinutes: 5 * 24 * 60,
      actions: [{ kind: 'task.create', title: 'Счёт не оплачен?' }],
    });
    const deal = await newDeal(w);
    await move(w, deal.id, target.id);
    await drain();
    expect(await tasksOf(w, deal.id)).toHaveLength(0);
    const [job] = rowsOf<{ run_at: Date }>(
      await env.database.db.execute(
        sql`select run_at from jobs where name = 'automation.act' and tenant_id = ${w.owner.info.me!.workspace.id}`,
      ),
    );
    const wait = new Date(job!.run_at).getTime() - Date.now();
    expect(wait).toBeGreaterThan(5 * 86_400_000 - 60_000);
    // Five days pass while no worker runs (the row is all that remembers the delay).
    await env.database.db.execute(
      sql`update jobs set run_at = now() where name = 'automation.act' and tenant_id = ${w.owner.info.me!.workspace.id}`,
    );
    await Promise.all([drain(), drain()]);
    expect((await tasksOf(w, deal.id)).map((t) => t.title)).toEqual(['Счёт не оплачен?']);
    expect((await runsOf(w, rule.id)).map((r) => r.status)).toEqual(['done']);
  });

  it('two rules that move a deal back and forth are stopped as a loop, and say so', async () => {
    const w = await world();
    const [a, b] = [w.stages[1]!, w.stages[2]!];
    const trig = (s: { id: string }) => ({
      kind: 'deal.stage_entered',
      pipelineId: w.pipelineId,
      stageId: s.id,
    });
    await robot(w, { trigger: trig(a), actions: [{ kind: 'deal.move', stageId: b.id }] }, 'A→B');
    await robot(w, { trigger: trig(b), actions: [{ kind: 'deal.move', stageId: a.id }] }, 'B→A');
    const deal = await newDeal(w);
    await move(w, deal.id, a.id);
    await drain();
    const runs = rowsOf<{ status: string; depth: number; error: string | null }>(
      await env.database.db.execute(
        sql`select status, depth, error from automation_runs where deal_id = ${deal.id} order by id`,
      ),
    );
    expect(runs.length).toBeLessThanOrEqual(6);
    expect(runs.at(-1)).toMatchObject({ status: 'looped', depth: 5 });
    expect(runs.at(-1)!.error).toContain('5 rules in a row');
  });
});

describe('stale deals', () => {
  it('fire once per quiet episode as the clock moves, and again after new activity goes quiet', async () => {
    const w = await world();
    const rule = await robot(w, {
      trigger: { kind: 'deal.stale', pipelineId: w.pipelineId, days: 7 },
      actions: [{ kind: 'notify', to: 'deal_owner', text: 'Сделка «{{deal.title}}» без движения' }],
    });
    const deal = await newDeal(w);
    const ws = w.owner.info.me!.workspace.id;
    const scan = (days: number) =>
      inSystemWorkspace(env.database.db, ws, (ctx) =>
        scanStale(ctx, new Date(Date.now() + days * 86_400_000)),
      );
    expect(await scan(6)).toBe(0);
    expect(await scan(8)).toBe(1);
    await scan(9);
    await drain();
    expect((await runsOf(w, rule.id)).map((r) => r.status)).toEqual(['done']);
    // A call logged on the deal, three days from now: quiet again only 7 days after it.
    const note = await w.owner.call('POST', '/api/v1/activities', {
      kind: 'note',
      body: 'Клиент думает',
      dealId: deal.id,
    });
    expect(note.status).toBe(201);
    await env.database.db.execute(
      sql`update activities set at = now() + interval '3 days' where id = ${note.body.id}`,
    );
    await scan(9);
    expect(await runsOf(w, rule.id)).toHaveLength(1);
    await scan(11);
    expect(await runsOf(w, rule.id)).toHaveLength(2);
  });
});

describe('outgoing webhooks', () => {
  it('are signed as documented: an independent HMAC (Python) verifies the signature', async () => {
    const got: { headers: http.IncomingHttpHeaders; body: string }[] = [];
    const receiver = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        got.push({ headers: req.headers, body });
        res.writeHead(got.length === 1 ? 503 : 200).end('ok');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    const port = (receiver.address() as { port: number }).port;
    // The receiver is on loopback: the operator's switch for private provider addresses opens it.
    process.env.VORONKA_CHANNEL_API_OVERRIDES = 'on';
    try {
      const w = await world();
      const target = w.stages[1]!;
      const rule = await robot(w, {
        trigger: { kind: 'deal.stage_entered', pipelineId: w.pipelineId, stageId: target.id },
        actions: [{ kind: 'webhook', url: `http://127.0.0.1:${port}/hooks/voronka` }],
      });
      const deal = await newDeal(w);
      await move(w, deal.id, target.id);
      await drain();
      // The first answer was 503: the delivery is retried (with back-off), not lost.
      expect(got).toHaveLength(1);
      await env.database.db.execute(
        sql`update jobs set run_at = now() where name = 'automation.webhook' and state = 'queued'`,
      );
      await drain();
      expect(got).toHaveLength(2);
      const { secret } = (
        await w.owner.call('GET', `/api/v1/automations/${rule.id}/webhook-secret`)
      ).body;
      const last = got[1]!;
      const header = String(last.headers['voronka-signature']);
      const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header)!;
      const python = `import hmac,hashlib,sys
print(hmac.new(sys.argv[1].encode(), (sys.argv[2]+'.').encode()+sys.stdin.buffer.read(), hashlib.sha256).hexdigest())`;
      const expected = execFileSync('python3', ['-c', python, secret, t!], { input: last.body })
        .toString()
        .trim();
      expect(v1).toBe(expected);
      const payload = JSON.parse(last.body);
      expect(payload).toMatchObject({
        type: 'automation.fired',
        version: 1,
        data: { automationId: rule.id, deal: { id: deal.id, title: 'Поставка котлов' } },
      });
      const runs = await runsOf(w, rule.id);
      expect(runs[0]!.actions[0]).toMatchObject({ kind: 'webhook', ok: true, detail: 'HTTP 200' });
    } finally {
      delete process.env.VORONKA_CHANNEL_API_OVERRIDES;
      receiver.close();
    }
  });

  it('refuse private and loopback targets in any spelling', async () => {
    const w = await world();
    for (const url of [
      'http://127.0.0.1/x',
      'http://2130706433/x',
      'http://0x7f000001/x',
      'http://[::ffff:127.0.0.1]/x',
      'http://10.0.0.5/x',
      'http://169.254.169.254/latest/meta-data',
      'http://localhost:8080/x',
    ]) {
      const res = await w.owner.call('POST', '/api/v1/automations', {
        name: 'SSRF',
        definition: {
          trigger: { kind: 'deal.created' },
          actions: [{ kind: 'webhook', url }],
        },
      });
      expectProblem(res, 422, 'automation.invalid', 'definition.actions.0.url');
    }
    expect((await w.owner.call('GET', '/api/v1/automations')).body.items).toEqual([]);
  });
});

describe('rules as data', () => {
  it('refuse what is not there, flag what went away, keep versions and answer a dry run', async () => {
    const w = await world();
    const bad = await w.owner.call('POST', '/api/v1/automations', {
      name: 'Нет такого этапа',
      definition: {
        trigger: {
          kind: 'deal.stage_entered',
          pipelineId: w.pipelineId,
          stageId: '0190e3a0-0000-7000-8000-000000000000',
        },
        actions: [{ kind: 'task.create', title: 'x' }],
      },
    });
    expectProblem(bad, 422, 'automation.invalid', 'definition.trigger.stageId');
    const unknown = await w.owner.call('POST', '/api/v1/automations', {
      name: 'x',
      definition: { trigger: { kind: 'deal.created' }, actions: [{ kind: 'format_disk' }] },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body.field).toMatch(/^definition\.actions\.0/);

    const target = w.stages[2]!;
    const rule = await robot(w, {
      trigger: { kind: 'deal.created', pipelineId: w.pipelineId },
      conditions: { mode: 'all', items: [{ path: 'deal.amount', op: 'gt', value: 1000_00 }] },
      actions: [{ kind: 'deal.move', stageId: target.id }],
    });
    const changed = await w.owner.call('PATCH', `/api/v1/automations/${rule.id}`, {
      definition: {
        trigger: { kind: 'deal.created', pipelineId: w.pipelineId },
        actions: [
          { kind: 'deal.move', stageId: target.id },
          { kind: 'deal.tags', add: ['авто'] },
        ],
      },
    });
    expect(changed.body.version).toBe(2);

    const deal = await newDeal(w, { amount: 10 });
    const before = (await w.owner.call('GET', `/api/v1/deals/${deal.id}`)).body;
    await w.owner.call('PATCH', `/api/v1/automations/${rule.id}`, { enabled: false });
    const dry = await w.owner.call('POST', `/api/v1/automations/${rule.id}/dry-run`, {
      dealId: deal.id,
    });
    expect(dry.status).toBe(200);
    expect(dry.body.held).toBe(true);
    expect(dry.body.actions.map((a: { detail: string }) => a.detail)).toEqual([
      `move the deal to ${target.id}`,
      'tags +[авто] −[]',
    ]);
    // The created deal's run (version 2) is skipped: the rule was switched off before it acted.
    await drain();
    const after = (await w.owner.call('GET', `/api/v1/deals/${deal.id}`)).body;
    expect(after.stageId).toBe(before.stageId);
    expect((await runsOf(w, rule.id)).map((r) => r.status)).toEqual(['skipped']);

    // The target stage is removed from the pipeline: the rule is flagged, not broken.
    const p = (await w.owner.call('GET', '/api/v1/pipelines')).body.items.find(
      (x: { id: string }) => x.id === w.pipelineId,
    );
    const kept = p.stages.filter((s: { id: string }) => s.id !== target.id);
    const replaced = await w.owner.call('PUT', `/api/v1/pipelines/${w.pipelineId}/stages`, {
      stages: kept.map((s: { id: string; name: string; kind: string; probability: number }) => ({
        id: s.id,
        name: s.name,
        kind: s.kind,
        probability: s.probability,
      })),
    });
    expect(replaced.status, JSON.stringify(replaced.body)).toBe(200);
    const flagged = (await w.owner.call('GET', `/api/v1/automations/${rule.id}`)).body;
    expect(flagged.problems).toEqual([
      { path: 'definition.actions.0.stageId', code: 'stage_missing' },
    ]);
  });

  it('belong to those with the right: a manager neither reads nor writes them', async () => {
    const w = await world();
    const manager = await addMember(env.app, w.owner, 'manager');
    const head = await addMember(env.app, w.owner, 'head');
    const body = {
      name: 'Робот',
      definition: {
        trigger: { kind: 'deal.created' },
        actions: [{ kind: 'task.create', title: 'x' }],
      },
    };
    expectProblem(
      await manager.browser.call('POST', '/api/v1/automations', body),
      403,
      'auth.forbidden',
    );
    expect((await manager.browser.call('GET', '/api/v1/automations')).status).toBe(403);
    expect((await head.browser.call('POST', '/api/v1/automations', body)).status).toBe(201);
  });
});

describe('the rule cache', () => {
  it('reads a workspace’s rules once, and hears a change made through the API at once', async () => {
    const w = await world();
    const target = w.stages[1]!;
    const rule = await robot(w, {
      trigger: { kind: 'deal.stage_entered', pipelineId: w.pipelineId, stageId: target.id },
      actions: [{ kind: 'deal.tags', add: ['горячая'], remove: [] }],
    });
    await move(w, (await newDeal(w)).id, target.id);
    await drain();
    expect(await runsOf(w, rule.id)).toHaveLength(1);
    // Switched off behind the API's back (no announcement): the cached rule still fires, which
    // shows events do not read the rules from the database…
    await env.database.db.execute(
      sql`update automation_rules set enabled = false where id = ${rule.id}`,
    );
    await move(w, (await newDeal(w)).id, target.id);
    expect(await runsOf(w, rule.id)).toHaveLength(2);
    // …while a change through the API is heard before its answer: the next event sees it.
    await env.database.db.execute(
      sql`update automation_rules set enabled = true where id = ${rule.id}`,
    );
    const off = await w.owner.call('PATCH', `/api/v1/automations/${rule.id}`, { enabled: false });
    expect(off.status).toBe(200);
    await move(w, (await newDeal(w)).id, target.id);
    expect(await runsOf(w, rule.id)).toHaveLength(2);
  });
});
