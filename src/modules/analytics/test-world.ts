import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { TestEnv } from '../../test/app.js';
import { addMember, signUp, type Browser } from '../../test/client.js';

// A small department over three months (January–March 2026, Europe/Moscow), written with the
// moments the reports are about: an owner, a head and two managers (A, B) in one team, the default
// pipeline, six deals with their stage history (one moving back and forth), payments, a timeline.
// Expected figures are computed by hand in analytics.routes.test.ts.

export const H = 3600 * 1000;
export const DAY = 24 * H;
export const RUB = 100; // kopecks

type Stage = { id: string; name: string; kind: string; position: number; probability: number };
export type World = Awaited<ReturnType<typeof department>>;

export async function department(env: TestEnv) {
  const owner = await signUp(env.app);
  const ws = owner.info.me!.workspace.id;
  const team = (await owner.call('POST', '/api/v1/teams', { name: 'Продажи' })).body;
  const head = await addMember(env.app, owner, 'head', team.id);
  const a = await addMember(env.app, owner, 'manager', team.id);
  const b = await addMember(env.app, owner, 'manager', team.id);
  const pipeline = (await owner.call('GET', '/api/v1/pipelines')).body.items[0];
  const stages: Stage[] = pipeline.stages;
  const open = stages.filter((s) => s.kind === 'open');
  const [s1, s2, s3] = [open[0]!, open[1]!, open[2]!];
  const won = stages.find((s) => s.kind === 'won')!;
  const lost = stages.find((s) => s.kind === 'lost')!;
  const expensive = randomUUID();
  const db = env.database.db;
  await db.execute(sql`insert into lost_reasons (workspace_id, id, name, position)
    values (${ws}, ${expensive}, 'Дорого', 99)`);
  const world = { env, owner, ws, team, head, a, b, pipeline, s1, s2, s3, won, lost, expensive };
  return world;
}

type DealSpec = {
  owner: string;
  amount: number;
  createdAt: string;
  // The stays in order: [stage, entered]; each leaves when the next enters, the last stays.
  path: [Stage, string][];
  lostReasonId?: string | null;
  expectedCloseDate?: string | null;
  companyId?: string | null;
  title?: string;
};

export async function addDeal(w: World, d: DealSpec): Promise<string> {
  const id = randomUUID();
  const [stage, enteredAt] = d.path[d.path.length - 1]!;
  const closedAt = stage.kind === 'open' ? null : enteredAt;
  const db = w.env.database.db;
  await db.execute(sql`insert into deals (workspace_id, id, title, pipeline_id, stage_id, amount,
      owner_id, company_id, lost_reason_id, expected_close_date, stage_entered_at, closed_at, created_at)
    values (${w.ws}, ${id}, ${d.title ?? 'Сделка'}, ${w.pipeline.id}, ${stage.id}, ${d.amount},
      ${d.owner}, ${d.companyId ?? null}, ${d.lostReasonId ?? null}, ${d.expectedCloseDate ?? null},
      ${enteredAt}, ${closedAt}, ${d.createdAt})`);
  for (const [i, [s, at]] of d.path.entries()) {
    const left = d.path[i + 1]?.[1] ?? null;
    await db.execute(sql`insert into deal_stage_history (workspace_id, id, deal_id, stage_id, entered_at, left_at)
      values (${w.ws}, ${randomUUID()}, ${id}, ${s.id}, ${at}, ${left})`);
  }
  return id;
}

export async function addPayment(
  w: World,
  p: { owner: string; date: string; amount: number; reversed?: boolean },
) {
  await w.env.database.db.execute(sql`insert into payments (workspace_id, id, date, amount_kopecks,
      payer_name, owner_id, source, reversed_at)
    values (${w.ws}, ${randomUUID()}, ${p.date}, ${p.amount}, 'ООО Клиент', ${p.owner}, 'manual',
      ${p.reversed ? new Date().toISOString() : null})`);
}

export async function addActivity(w: World, kind: string, actor: string, at: string) {
  await w.env.database.db.execute(sql`insert into activities (workspace_id, id, kind, at, actor_id)
    values (${w.ws}, ${randomUUID()}, ${kind}, ${at}, ${actor})`);
}

export async function addTask(
  w: World,
  t: { owner: string; dueAt: string; doneAt?: string | null },
) {
  await w.env.database.db
    .execute(sql`insert into tasks (workspace_id, id, kind, title, due_at, done_at, owner_id)
    values (${w.ws}, ${randomUUID()}, 'todo', 'Задача', ${t.dueAt}, ${t.doneAt ?? null}, ${t.owner})`);
}

// The three months: D1–D6 as analytics.routes.test.ts computes them.
export async function threeMonths(w: World) {
  const { a, b, s1, s2, s3, won, lost } = w;
  const d = {
    d1: await addDeal(w, {
      owner: a.memberId,
      amount: 100_000 * RUB,
      createdAt: '2026-01-05T09:00:00Z',
      path: [
        [s1, '2026-01-05T09:00:00Z'],
        [s2, '2026-01-07T09:00:00Z'],
        [s1, '2026-01-08T09:00:00Z'],
        [s2, '2026-01-09T09:00:00Z'],
        [s3, '2026-01-12T09:00:00Z'],
        [won, '2026-01-15T09:00:00Z'],
      ],
    }),
    d2: await addDeal(w, {
      owner: a.memberId,
      amount: 50_000 * RUB,
      createdAt: '2026-01-10T09:00:00Z',
      lostReasonId: w.expensive,
      path: [
        [s1, '2026-01-10T09:00:00Z'],
        [s2, '2026-01-11T09:00:00Z'],
        [lost, '2026-01-16T09:00:00Z'],
      ],
    }),
    d3: await addDeal(w, {
      owner: b.memberId,
      amount: 30_000 * RUB,
      createdAt: '2026-02-02T09:00:00Z',
      path: [
        [s1, '2026-02-02T09:00:00Z'],
        [won, '2026-02-04T09:00:00Z'],
      ],
    }),
    d4: await addDeal(w, {
      owner: b.memberId,
      amount: 20_000 * RUB,
      createdAt: '2026-02-10T09:00:00Z',
      expectedCloseDate: '2026-03-20',
      path: [
        [s1, '2026-02-10T09:00:00Z'],
        [s2, '2026-02-12T09:00:00Z'],
      ],
    }),
    d5: await addDeal(w, {
      owner: a.memberId,
      amount: 10_000 * RUB,
      createdAt: '2026-03-01T10:00:00Z',
      path: [
        [s1, '2026-03-01T10:00:00Z'],
        [lost, '2026-03-02T10:00:00Z'],
      ],
    }),
    // Won at 00:30 on 1 March in Moscow (21:30 UTC on 28 February): March's.
    d6: await addDeal(w, {
      owner: b.memberId,
      amount: 40_000 * RUB,
      createdAt: '2026-02-20T09:00:00Z',
      path: [
        [s1, '2026-02-20T09:00:00Z'],
        [s2, '2026-02-25T09:00:00Z'],
        [won, '2026-02-28T21:30:00Z'],
      ],
    }),
  };
  await addPayment(w, { owner: a.memberId, date: '2026-01-31', amount: 60_000 * RUB });
  await addPayment(w, { owner: a.memberId, date: '2026-02-01', amount: 40_000 * RUB });
  await addPayment(w, { owner: b.memberId, date: '2026-03-01', amount: 30_000 * RUB });
  await addPayment(w, {
    owner: b.memberId,
    date: '2026-03-02',
    amount: 50_000 * RUB,
    reversed: true,
  });
  return d;
}

export type { Browser };
