import type { WebhookAttempt } from '@voronka/contract';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/audit.js';
import { inSystemWorkspace, type Ctx } from '../../platform/context.js';
import type { Db } from '../../platform/db/types.js';
import { onDomainEvent, setEventInterest, type DomainEvent } from '../../platform/events/events.js';
import { newId } from '../../platform/ids.js';
import { defineJob, enqueue } from '../../platform/jobs/jobs.js';
import * as inbox from '../inbox/service.js';
import * as routing from '../routing/service.js';
import * as workspaces from '../workspaces/service.js';
import { recordData } from './actions.js';
import { loadFacts } from './facts.js';
import { sealer } from './secrets.js';
import { webhookDeliveries, webhookSubscriptions } from './tables.js';
import { postSigned } from './webhooks.js';

// Outgoing webhook subscriptions (/api/v1/webhooks, DESIGN.md «Outgoing webhooks»). An event a
// subscription hears becomes one delivery row (unique per subscription and event) and a durable
// job, in the emitter's transaction. The job posts the signed JSON through the SSRF-guarded client
// and writes each attempt on the delivery; a failure schedules the next attempt with back-off, and
// a subscription failing persistently switches itself off and tells the admins.
//
// Headers: Voronka-Delivery (the delivery's id: the same on every retry and redelivery, for the
// receiver to drop what it has seen), Voronka-Event (the type) and Voronka-Signature
// (t=<unix>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>, Stripe's scheme).

export type WebhookPolicy = {
  // The waits before the 2nd, 3rd… attempt: an attempt past the last is not made.
  retryDelaysMs: number[];
  // Switched off after this many failed attempts in a row, failing for at least this long.
  disableAfterFailures: number;
  disableAfterMs: number;
};

const MINUTE = 60_000;
// 30 s × 4ⁿ: 30 s, 2 min, 8 min, 32 min, 2 h, 8.5 h, then 12 h — eight attempts over about a day.
const defaults: WebhookPolicy = {
  retryDelaysMs: [0.5, 2, 8, 32, 128, 512, 720].map((m) => m * MINUTE),
  disableAfterFailures: 10,
  disableAfterMs: 12 * 60 * MINUTE,
};
let policy = defaults;
export function useWebhookPolicy(p: Partial<WebhookPolicy> | null): void {
  policy = { ...defaults, ...(p ?? {}) };
}

const MAX_LOGGED_ATTEMPTS = 50;

type SubRow = typeof webhookSubscriptions.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

const mine = (ctx: Ctx) => eq(webhookSubscriptions.workspaceId, ctx.workspaceId);

// The event types the workspace's active subscriptions hear, as this listener's interest (facts
// recorded in SQL become event jobs only then: platform/events).
export async function syncInterest(ctx: Ctx): Promise<void> {
  const rows = await ctx.tx
    .select({ events: webhookSubscriptions.events })
    .from(webhookSubscriptions)
    .where(and(mine(ctx), eq(webhookSubscriptions.active, true)));
  await setEventInterest(
    ctx,
    'webhooks',
    rows.flatMap((r) => r.events),
  );
}

// Every module's events reach the subscriptions through the same seam as the rules.
onDomainEvent(async (ctx, e: DomainEvent) => {
  const subs = await ctx.tx
    .select({ id: webhookSubscriptions.id })
    .from(webhookSubscriptions)
    .where(
      and(
        mine(ctx),
        eq(webhookSubscriptions.active, true),
        sql`${e.type} = any(${webhookSubscriptions.events})`,
      ),
    );
  for (const s of subs) {
    const id = newId();
    const inserted = await ctx.tx
      .insert(webhookDeliveries)
      .values({
        workspaceId: ctx.workspaceId,
        id,
        subscriptionId: s.id,
        eventType: e.type,
        eventKey: e.key,
        // Written by the first attempt, from the records as they are then (see payloadOf).
        payload: JSON.stringify({ entity: e.entity, id: e.id, dealId: e.dealId ?? null }),
        nextAttemptAt: new Date(),
      })
      .onConflictDoNothing()
      .returning({ id: webhookDeliveries.id });
    if (inserted.length)
      await enqueue(
        ctx.tx,
        webhookSend,
        { deliveryId: id, attempt: 1, manual: false },
        { workspaceId: ctx.workspaceId, key: `${id}:1` },
      );
  }
});

// The body, fixed at the first attempt: `{ id, type, version, createdAt, data }` with the records
// read as the system (a subscription sees the whole workspace, as its admin does).
async function payloadOf(ctx: Ctx, d: DeliveryRow): Promise<string> {
  const ref = JSON.parse(d.payload) as { entity: string; id: string; dealId: string | null };
  const facts = await loadFacts(
    ctx,
    { entity: ref.entity, recordId: ref.id, dealId: ref.dealId, event: {} },
    '',
  );
  return JSON.stringify({
    id: d.id,
    type: d.eventType,
    version: 1,
    createdAt: d.createdAt.toISOString(),
    data: { entity: ref.entity, id: ref.id, ...(facts ? recordData(facts) : { deal: null }) },
  });
}

const isBuilt = (payload: string) => payload.startsWith('{"id":');

type Prepared = { url: string; secret: string; body: string; eventType: string } | null;

// Reads what to send (building the body on the first attempt). Null: nothing to send — the
// subscription is gone or switched off (for an automatic attempt), or it was delivered already.
async function prepare(ctx: Ctx, p: SendPayload): Promise<Prepared> {
  const where = and(
    eq(webhookDeliveries.workspaceId, ctx.workspaceId),
    eq(webhookDeliveries.id, p.deliveryId),
  );
  const [d] = await ctx.tx.select().from(webhookDeliveries).where(where).for('update');
  if (!d) return null;
  if (!p.manual && d.status !== 'pending') return null;
  const [sub] = await ctx.tx
    .select()
    .from(webhookSubscriptions)
    .where(and(mine(ctx), eq(webhookSubscriptions.id, d.subscriptionId)));
  if (!sub) return null;
  if (!sub.active && !p.manual) {
    await ctx.tx
      .update(webhookDeliveries)
      .set({ status: 'cancelled', nextAttemptAt: null })
      .where(where);
    return null;
  }
  const body = isBuilt(d.payload) ? d.payload : await payloadOf(ctx, d);
  if (body !== d.payload)
    await ctx.tx.update(webhookDeliveries).set({ payload: body }).where(where);
  return { url: sub.url, secret: sealer().open(sub.secret), body, eventType: d.eventType };
}

// The attempt's outcome on the delivery and the subscription; the next attempt, or the end.
async function record(ctx: Ctx, p: SendPayload, attempt: WebhookAttempt): Promise<void> {
  const where = and(
    eq(webhookDeliveries.workspaceId, ctx.workspaceId),
    eq(webhookDeliveries.id, p.deliveryId),
  );
  const [d] = await ctx.tx.select().from(webhookDeliveries).where(where).for('update');
  if (!d) return;
  const attempts = [...d.attempts, attempt].slice(-MAX_LOGGED_ATTEMPTS);
  const subWhere = and(mine(ctx), eq(webhookSubscriptions.id, d.subscriptionId));
  if (attempt.ok) {
    await ctx.tx
      .update(webhookDeliveries)
      .set({ attempts, status: 'delivered', deliveredAt: new Date(), nextAttemptAt: null })
      .where(where);
    await ctx.tx
      .update(webhookSubscriptions)
      .set({ consecutiveFailures: 0, failingSince: null, lastDeliveryAt: new Date() })
      .where(subWhere);
    return;
  }
  const wait = p.manual ? undefined : policy.retryDelaysMs[p.attempt - 1];
  const next = wait === undefined ? null : new Date(Date.now() + wait);
  await ctx.tx
    .update(webhookDeliveries)
    .set({ attempts, status: next ? 'pending' : 'failed', nextAttemptAt: next })
    .where(where);
  if (next)
    await enqueue(
      ctx.tx,
      webhookSend,
      { deliveryId: d.id, attempt: p.attempt + 1, manual: false },
      { workspaceId: ctx.workspaceId, key: `${d.id}:${p.attempt + 1}`, runAt: next },
    );
  const [sub] = await ctx.tx
    .update(webhookSubscriptions)
    .set({
      consecutiveFailures: sql`${webhookSubscriptions.consecutiveFailures} + 1`,
      failingSince: sql`coalesce(${webhookSubscriptions.failingSince}, now())`,
    })
    .where(subWhere)
    .returning();
  if (
    sub?.active &&
    sub.consecutiveFailures >= policy.disableAfterFailures &&
    Date.now() - (sub.failingSince?.getTime() ?? Date.now()) >= policy.disableAfterMs
  )
    await disable(ctx, sub);
}

// Persistent failure: off, its pending deliveries cancelled, the admins told (in the app, in
// Telegram for those who linked it) and the audit log written.
async function disable(ctx: Ctx, sub: SubRow): Promise<void> {
  const reason = `${sub.consecutiveFailures} failed attempts in a row`;
  await ctx.tx
    .update(webhookSubscriptions)
    .set({ active: false, disabledAt: new Date(), disabledReason: reason, updatedAt: new Date() })
    .where(and(mine(ctx), eq(webhookSubscriptions.id, sub.id)));
  await ctx.tx
    .update(webhookDeliveries)
    .set({ status: 'cancelled', nextAttemptAt: null })
    .where(
      and(
        eq(webhookDeliveries.workspaceId, ctx.workspaceId),
        eq(webhookDeliveries.subscriptionId, sub.id),
        eq(webhookDeliveries.status, 'pending'),
      ),
    );
  await syncInterest(ctx);
  await recordAudit(ctx, {
    action: 'webhook.disabled',
    entity: 'webhook',
    entityId: sub.id,
    after: { reason },
  });
  const { items } = await workspaces.listUsers(ctx, { limit: 500, status: 'active' });
  const memberIds = items.filter((u) => u.role === 'owner' || u.role === 'admin').map((u) => u.id);
  await inbox.publish(
    ctx.workspaceId,
    { type: 'webhook.disabled', webhookId: sub.id, url: sub.url, reason, memberIds },
    ctx.tx,
  );
  const text = `Вебхук ${sub.url} отключён: ${reason}. Проверьте получателя и включите его снова.`;
  for (const [memberId, chat] of await routing.telegramChatsOf(ctx, memberIds))
    await enqueue(
      ctx.tx,
      routing.telegramNotice,
      { ...chat, text },
      {
        workspaceId: ctx.workspaceId,
        key: `webhook-disabled:${sub.id}:${sub.failingSince?.getTime() ?? 0}:${memberId}`,
      },
    );
}

const SendPayload = z.object({
  deliveryId: z.uuid(),
  attempt: z.number().int().min(1),
  manual: z.boolean(),
});
type SendPayload = z.infer<typeof SendPayload>;

// One attempt of one delivery. The HTTP exchange is outside any transaction (perform); its outcome
// is written after. A crash between the two repeats the attempt: delivery is at least once, and the
// Voronka-Delivery header lets the receiver drop the repeat.
export const webhookSend = defineJob({
  name: 'automation.webhook-delivery',
  payload: SendPayload,
  maxAttempts: 3,
  async run() {
    // Delivered by perform.
  },
  async perform(db: Db, workspaceId, p) {
    const prepared = await inSystemWorkspace(db, workspaceId, (ctx) => prepare(ctx, p));
    if (!prepared) return;
    const sent = await postSigned(prepared.url, prepared.secret, prepared.body, {
      'voronka-delivery': p.deliveryId,
      'voronka-event': prepared.eventType,
    });
    await inSystemWorkspace(db, workspaceId, (ctx) =>
      record(ctx, p, {
        attempt: p.attempt,
        at: new Date().toISOString(),
        ok: sent.ok,
        statusCode: sent.statusCode,
        durationMs: sent.durationMs,
        response: sent.response,
        manual: p.manual,
      }),
    );
  },
});
