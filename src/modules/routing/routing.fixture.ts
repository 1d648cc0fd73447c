import { afterAll, beforeAll, expect } from 'vitest';
import { sql } from 'drizzle-orm';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, signUp, type Browser } from '../../test/client.js';
import { startLeadTimers, type TimerLoop } from './timers.js';

// The routing API tests' shared world (routing*.routes.test.ts): a workspace with a sales team (a
// head, two managers), the real timer loop stopped (each test drains it or starts its own), and
// helpers. Call useRoutingWorld() at the top of a test file; the bindings fill in before its tests.

export let env: TestEnv;
export let owner: Browser;
export let ws: string;
export let teamId: string;
export let head: Awaited<ReturnType<typeof addMember>>;
export let m1: Awaited<ReturnType<typeof addMember>>;
export let m2: Awaited<ReturnType<typeof addMember>>;
export let timers: TimerLoop;

export const drain = () => timers.drain();
export const createLead = async (body: Record<string, unknown> = {}) => {
  const res = await owner.call('POST', '/api/v1/leads', {
    channel: 'web',
    title: 'Заявка',
    message: 'Нужен кирпич облицовочный, 2000 шт, доставка в Казань до 15 мая',
    ...body,
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
};
export const lead = async (id: string) => (await owner.call('GET', `/api/v1/leads/${id}`)).body;
export const assignments = async (id: string) =>
  (await owner.call('GET', `/api/v1/leads/${id}/assignments`)).body.items as {
    member: { id: string } | null;
    reason: { code: string; ruleName: string | null };
    breachedAt: string | null;
    respondedAt: string | null;
    dueAt: string | null;
  }[];
export const resetRules = async () => {
  for (const r of (await owner.call('GET', '/api/v1/routing-rules')).body.items)
    await owner.call('DELETE', `/api/v1/routing-rules/${r.id}`);
  for (const p of (await owner.call('GET', '/api/v1/sla-policies')).body.items)
    await owner.call('DELETE', `/api/v1/sla-policies/${p.id}`);
  for (const m of [m1, m2])
    await owner.call('PUT', `/api/v1/availability/${m.memberId}`, {
      away: false,
      vacations: [],
      capacity: null,
      hours: null,
    });
  // Close what earlier tests left open, so loads start at zero.
  await env.database.db.execute(
    sql`update leads set status = 'junk' where workspace_id = ${ws} and status = 'new'`,
  );
};
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function useRoutingWorld(): void {
  beforeAll(async () => {
    env = await createTestApp();
    owner = await signUp(env.app);
    ws = owner.info.me!.workspace.id;
    teamId = (await owner.call('POST', '/api/v1/teams', { name: 'Отдел продаж' })).body.id;
    head = await addMember(env.app, owner, 'head', teamId);
    await owner.call('PATCH', `/api/v1/teams/${teamId}`, { headId: head.memberId });
    m1 = await addMember(env.app, owner, 'manager', teamId);
    m2 = await addMember(env.app, owner, 'manager', teamId);
    // Stopped: each test drains it, or starts it to run on its own.
    timers = startLeadTimers(env.database.db, { pollMs: 60_000 });
    await timers.stop();
  }, 180_000);
  afterAll(async () => {
    await timers?.stop();
    await env?.close();
  });
}
