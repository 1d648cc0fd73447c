import { sql } from 'drizzle-orm';
import { register } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { rowsOf } from '../../platform/db/rls.js';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { signUp, type Browser } from '../../test/client.js';
import { subscribe, type InboxEvent } from '../inbox/service.js';
import { startLeadTimers } from './timers.js';

// The SLA clock's cap on failures, on the test database with the real loop: a timer whose handler
// keeps failing stops after `maxAttempts` claims (instead of being retried every few seconds
// forever), is logged at error, counted, and the heads are told; set again, it runs.

let env: TestEnv;
let owner: Browser;
let ws: string;

beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app);
  ws = owner.info.me!.workspace.id;
});
afterAll(async () => {
  await env?.close();
});

const deadCount = async () =>
  (await register.getSingleMetric('voronka_routing_timers_dead_total')!.get()).values.find(
    (v) => v.labels.kind === 'route',
  )?.value ?? 0;

describe('a timer that keeps failing', () => {
  it('stops after its attempts, with the error kept, an error logged, a metric and the heads told', async () => {
    // Weights that cannot be read (stored by hand, bypassing the API's checks): scoring throws.
    await env.database.db.execute(sql`
      insert into routing_settings (workspace_id, weights) values (${ws}, '"broken"'::jsonb)
      on conflict (workspace_id) do update set weights = excluded.weights`);
    const res = await owner.call('POST', '/api/v1/leads', {
      channel: 'web',
      title: 'Заявка',
      message: 'Нужен кирпич, 2000 шт',
    });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    const events: InboxEvent[] = [];
    const off = subscribe(ws, (e) => events.push(e));
    const logged: { msg: string; err: unknown }[] = [];
    const before = await deadCount();
    const loop = startLeadTimers(env.database.db, {
      pollMs: 60_000,
      maxAttempts: 3,
      retryMs: 0,
      log: (msg, err) => logged.push({ msg, err }),
    });
    try {
      await loop.drain();
      const [timer] = rowsOf<{ attempts: number; dead_at: unknown; last_error: string | null }>(
        await env.database.db.execute(
          sql`select attempts, dead_at, last_error from lead_timers where workspace_id = ${ws} and lead_id = ${id}`,
        ),
      );
      expect(timer).toMatchObject({ attempts: 3 });
      expect(timer!.dead_at).not.toBeNull();
      expect(timer!.last_error).toMatch(/\S/);
      // Two plain failures, then the one that stops it (logged with the error: at error level).
      expect(logged.map((l) => l.msg)).toEqual([
        `lead timer route ${id} failed`,
        `lead timer route ${id} failed`,
        `lead timer route ${id} failed 3 times: stopped, the heads are told`,
      ]);
      expect(logged.every((l) => l.err instanceof Error)).toBe(true);
      expect(await deadCount()).toBe(before + 1);
      await vi.waitFor(() =>
        expect(events.find((e) => e.type === 'routing.stuck')).toMatchObject({
          leadId: id,
          kind: 'route',
          memberIds: [owner.info.me!.member.id],
        }),
      );
      // Dead: no longer claimed, however often the loop runs.
      expect(await loop.drain()).toBe(0);
      const lead = (await owner.call('GET', `/api/v1/leads/${id}`)).body;
      expect(lead.assigneeId).toBeNull();

      // Mended and set again (as an edit of the weights would be followed by the request's route):
      // the timer runs and the request is routed.
      await env.database.db.execute(
        sql`update routing_settings set weights = null where workspace_id = ${ws}`,
      );
      await env.database.db.execute(
        sql`update lead_timers set dead_at = null, attempts = 0, last_error = null, due_at = now() where workspace_id = ${ws} and lead_id = ${id}`,
      );
      await loop.drain();
      const routed = (await owner.call('GET', `/api/v1/leads/${id}`)).body;
      expect(routed.priorityScore).not.toBeNull();
    } finally {
      off();
      await loop.stop();
    }
  });
});
