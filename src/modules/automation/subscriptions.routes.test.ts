import { execFileSync } from 'node:child_process';
import http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '@voronka/contract';
import { inSystemWorkspace } from '../../platform/context.js';
import { emitDomainEvent } from '../../platform/events/events.js';
import { startJobRunner } from '../../platform/jobs/jobs.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { expectProblem, signUp, type Browser } from '../../test/client.js';
import { drainAndStop } from '../../test/drain.js';
import * as routing from '../routing/service.js';
import { automationAct, useWebhookPolicy, webhookSend } from './service.js';

// Outgoing webhook subscriptions against a real HTTP receiver on loopback. Loopback is a private
// address: the operator's switch for private provider addresses (VORONKA_CHANNEL_API_OVERRIDES=on)
// opens it for these tests, as for the rules' webhook test; the refusal without it is tested too.

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());
afterEach(() => {
  useWebhookPolicy(null);
  delete process.env.VORONKA_CHANNEL_API_OVERRIDES;
});

const jobs = [automationAct, webhookSend, routing.telegramNotice];
const drain = async () => {
  for (let i = 0; i < 5; i++) {
    const n = await drainAndStop(startJobRunner(env.database.db, jobs, { pollMs: 20 }));
    if (n === 0 && i > 0) return;
    await new Promise((r) => setTimeout(r, 150));
  }
};

type Got = { headers: http.IncomingHttpHeaders; body: string };

// A receiver whose answer the test sets (status code and body).
async function receiver() {
  const got: Got[] = [];
  const state = { status: 200, body: 'ok' };
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      got.push({ headers: req.headers, body });
      res.writeHead(state.status).end(state.body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return { got, state, url: `http://127.0.0.1:${port}/hooks`, close: () => server.close() };
}

type World = { owner: Browser; ws: string; pipelineId: string; stages: { id: string }[] };

async function world(): Promise<World> {
  const owner = await signUp(env.app);
  const p = (await owner.call('GET', '/api/v1/pipelines')).body.items[0];
  return {
    owner,
    ws: owner.info.me!.workspace.id,
    pipelineId: p.id,
    stages: p.stages.filter((s: { kind: string }) => s.kind === 'open'),
  };
}

async function newDeal(w: World) {
  const res = await w.owner.call('POST', '/api/v1/deals', {
    title: 'Поставка котлов',
    amount: 50_000_00,
    pipelineId: w.pipelineId,
    stageId: w.stages[0]!.id,
  });
  expect(res.status).toBe(201);
  return res.body as { id: string };
}

async function subscribe(w: World, url: string, events: string[]) {
  const res = await w.owner.call('POST', '/api/v1/webhooks', { url, events });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; secret: string; active: boolean };
}

type Delivery = {
  id: string;
  eventType: string;
  status: string;
  payload: string;
  attempts: {
    attempt: number;
    ok: boolean;
    statusCode: number | null;
    durationMs: number;
    response: string;
    manual: boolean;
  }[];
};
const deliveries = async (w: World, id: string) =>
  (await w.owner.call('GET', `/api/v1/webhooks/${id}/deliveries?limit=100`)).body
    .items as Delivery[];

// An HMAC written independently of the server's (Python's hmac module).
function pythonHmac(secret: string, t: string, body: string): string {
  const python = `import hmac,hashlib,sys
print(hmac.new(sys.argv[1].encode(), (sys.argv[2]+'.').encode()+sys.stdin.buffer.read(), hashlib.sha256).hexdigest())`;
  return execFileSync('python3', ['-c', python, secret, t], { input: body }).toString().trim();
}

describe('webhook subscriptions', () => {
  it('show the secret once, refuse private URLs and bad input naming the field', async () => {
    const w = await world();
    const created = await subscribe(w, 'https://hooks.example.com/voronka', ['deal.created']);
    expect(created.secret).toMatch(/^whsec_/);
    const read = await w.owner.call('GET', `/api/v1/webhooks/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.body.secret).toBeUndefined();
    expect((await w.owner.call('GET', '/api/v1/webhooks')).body.items).toHaveLength(1);
    for (const url of ['http://127.0.0.1/x', 'http://0x7f000001/x', 'http://[::ffff:10.0.0.1]/x'])
      expectProblem(
        await w.owner.call('POST', '/api/v1/webhooks', { url, events: ['deal.created'] }),
        422,
        'webhook.invalid',
      );
    const bad = await w.owner.call('POST', '/api/v1/webhooks', {
      url: 'https://hooks.example.com/x',
      events: ['deal.exploded'],
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('events');
    const rotated = await w.owner.call('POST', `/api/v1/webhooks/${created.id}/rotate-secret`);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(created.secret);
    expect((await w.owner.call('DELETE', `/api/v1/webhooks/${created.id}`)).status).toBe(204);
    expect((await w.owner.call('GET', `/api/v1/webhooks/${created.id}`)).status).toBe(404);
  });

  it('deliver each event once, signed (an independent HMAC verifies), with a delivery log', async () => {
    process.env.VORONKA_CHANNEL_API_OVERRIDES = 'on';
    const r = await receiver();
    try {
      const w = await world();
      const sub = await subscribe(w, r.url, ['deal.created', 'deal.stage_entered']);
      const deal = await newDeal(w);
      expect(
        (await w.owner.call('POST', `/api/v1/deals/${deal.id}/move`, { stageId: w.stages[1]!.id }))
          .status,
      ).toBe(200);
      await drain();
      expect(r.got.map((g) => g.headers['voronka-event']).sort()).toEqual([
        'deal.created',
        'deal.stage_entered',
      ]);
      for (const g of r.got) {
        const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(
          String(g.headers['voronka-signature']),
        )!;
        expect(v1).toBe(pythonHmac(sub.secret, t!, g.body));
        expect(Math.abs(Number(t) - Date.now() / 1000)).toBeLessThan(300);
        const body = JSON.parse(g.body);
        expect(body).toMatchObject({
          id: g.headers['voronka-delivery'],
          type: g.headers['voronka-event'],
          version: 1,
          data: { entity: 'deal', id: deal.id, deal: { id: deal.id, title: 'Поставка котлов' } },
        });
      }
      const moved = JSON.parse(
        r.got.find((g) => g.headers['voronka-event'] === 'deal.stage_entered')!.body,
      );
      expect(moved.data.deal.stageId).toBe(w.stages[1]!.id);

      const log = await deliveries(w, sub.id);
      expect(log.map((d) => d.status)).toEqual(['delivered', 'delivered']);
      expect(log[0]!.attempts).toHaveLength(1);
      expect(log[0]!.attempts[0]).toMatchObject({
        attempt: 1,
        ok: true,
        statusCode: 200,
        response: 'ok',
      });
      expect(log[0]!.attempts[0]!.durationMs).toBeGreaterThanOrEqual(0);

      // The same event again (a retried emitter) and the queue drained again: nothing sent twice.
      await inSystemWorkspace(env.database.db, w.ws, (ctx) =>
        emitDomainEvent(ctx, {
          type: 'deal.created',
          key: deal.id,
          entity: 'deal',
          id: deal.id,
          dealId: deal.id,
        }),
      );
      await drain();
      expect(r.got).toHaveLength(2);
      expect(await deliveries(w, sub.id)).toHaveLength(2);
      expect(new Set(r.got.map((g) => g.headers['voronka-delivery'])).size).toBe(2);
    } finally {
      r.close();
    }
  });

  it('retry a failing receiver with back-off, then switch off and tell the admins; redelivery by hand', async () => {
    process.env.VORONKA_CHANNEL_API_OVERRIDES = 'on';
    useWebhookPolicy({ retryDelaysMs: [50, 50, 50], disableAfterFailures: 3, disableAfterMs: 0 });
    const r = await receiver();
    r.state.status = 500;
    r.state.body = 'database is down';
    try {
      const w = await world();
      const notices: RealtimeEvent[] = [];
      env.runtime.events.subscribe(w.ws, (e) => notices.push(e));
      const sub = await subscribe(w, r.url, ['deal.created']);
      const deal = await newDeal(w);
      for (let i = 0; i < 4; i++) {
        await drain();
        await new Promise((res) => setTimeout(res, 100));
      }
      // Three attempts (the first and two retries), then the limit of failures in a row: off.
      expect(r.got).toHaveLength(3);
      expect(new Set(r.got.map((g) => g.headers['voronka-delivery'])).size).toBe(1);
      const [d] = await deliveries(w, sub.id);
      expect(d!.attempts.map((a) => [a.attempt, a.ok, a.statusCode])).toEqual([
        [1, false, 500],
        [2, false, 500],
        [3, false, 500],
      ]);
      expect(d!.attempts[0]!.response).toBe('database is down');
      expect(d!.status).toBe('cancelled');
      const off = (await w.owner.call('GET', `/api/v1/webhooks/${sub.id}`)).body;
      expect(off).toMatchObject({ active: false, consecutiveFailures: 3 });
      expect(off.disabledReason).toContain('3 failed attempts');
      const notice = notices.find((n) => n.type === 'webhook.disabled');
      expect(notice).toMatchObject({ webhookId: sub.id, memberIds: [w.owner.info.me!.member.id] });

      // Switched off: a new event is not delivered.
      await newDeal(w);
      await drain();
      expect(r.got).toHaveLength(3);
      expect(await deliveries(w, sub.id)).toHaveLength(1);

      // The receiver fixed: sent again by hand, with the same delivery id.
      r.state.status = 200;
      r.state.body = 'thanks';
      const again = await w.owner.call(
        'POST',
        `/api/v1/webhooks/${sub.id}/deliveries/${d!.id}/redeliver`,
      );
      expect(again.status).toBe(202);
      await drain();
      expect(r.got).toHaveLength(4);
      expect(r.got[3]!.headers['voronka-delivery']).toBe(d!.id);
      expect(JSON.parse(r.got[3]!.body).data.id).toBe(deal.id);
      const [after] = await deliveries(w, sub.id);
      expect(after!.status).toBe('delivered');
      expect(after!.attempts.at(-1)).toMatchObject({ attempt: 4, ok: true, manual: true });

      // On again: the failure count starts over and events are delivered again.
      const on = await w.owner.call('PATCH', `/api/v1/webhooks/${sub.id}`, { active: true });
      expect(on.body).toMatchObject({ active: true, consecutiveFailures: 0, disabledReason: null });
      await newDeal(w);
      await drain();
      expect(r.got).toHaveLength(5);
    } finally {
      r.close();
    }
  });

  it('are refused at send when the address is private (no operator switch)', async () => {
    process.env.VORONKA_CHANNEL_API_OVERRIDES = 'on';
    const r = await receiver();
    try {
      const w = await world();
      const sub = await subscribe(w, r.url, ['deal.created']);
      delete process.env.VORONKA_CHANNEL_API_OVERRIDES;
      await newDeal(w);
      await drain();
      expect(r.got).toHaveLength(0);
      const [d] = await deliveries(w, sub.id);
      expect(d!.attempts[0]).toMatchObject({ ok: false, statusCode: null });
      expect(d!.attempts[0]!.response).toContain('refused');
    } finally {
      r.close();
    }
  });

  it('are isolated between workspaces', async () => {
    process.env.VORONKA_CHANNEL_API_OVERRIDES = 'on';
    const r = await receiver();
    try {
      const a = await world();
      const b = await world();
      const sub = await subscribe(a, r.url, ['deal.created']);
      await newDeal(b);
      await drain();
      expect(r.got).toHaveLength(0);
      await newDeal(a);
      await drain();
      expect(r.got).toHaveLength(1);
      const [d] = await deliveries(a, sub.id);
      expect((await b.owner.call('GET', '/api/v1/webhooks')).body.items).toEqual([]);
      for (const [method, path, body] of [
        ['GET', `/api/v1/webhooks/${sub.id}`],
        ['PATCH', `/api/v1/webhooks/${sub.id}`, { active: false }],
        ['GET', `/api/v1/webhooks/${sub.id}/deliveries`],
        ['POST', `/api/v1/webhooks/${sub.id}/deliveries/${d!.id}/redeliver`],
        ['POST', `/api/v1/webhooks/${sub.id}/rotate-secret`],
        ['DELETE', `/api/v1/webhooks/${sub.id}`],
      ] as const)
        expectProblem(await b.owner.call(method, path, body), 404, 'webhook.not_found');
      expect((await a.owner.call('GET', `/api/v1/webhooks/${sub.id}`)).body.active).toBe(true);
    } finally {
      r.close();
    }
  });
});
