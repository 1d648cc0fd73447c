import type {
  Page,
  Webhook,
  WebhookCreateBody,
  WebhookDelivery,
  WebhookDeliveryStatus,
  WebhookUpdateBody,
  WebhookWithSecret,
} from '@voronka/contract';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { randomToken } from '../../platform/crypto.js';
import { DomainError } from '../../platform/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs/jobs.js';
import { syncInterest, webhookSend } from './deliveries.js';
import { sealer } from './secrets.js';
import { webhookDeliveries, webhookSubscriptions } from './tables.js';
import { assertPublicUrl } from './webhooks.js';

// Outgoing webhook subscriptions (/api/v1/webhooks, DESIGN.md «Outgoing webhooks»): the
// subscriptions as data and their delivery log; the deliveries themselves are deliveries.ts.

type SubRow = typeof webhookSubscriptions.$inferSelect;
const mine = (ctx: Ctx) => eq(webhookSubscriptions.workspaceId, ctx.workspaceId);
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

const iso = (d: Date | null) => d?.toISOString() ?? null;

const toWebhook = (r: SubRow): Webhook => ({
  id: r.id,
  url: r.url,
  description: r.description,
  events: r.events as Webhook['events'],
  active: r.active,
  disabledReason: r.disabledReason,
  disabledAt: iso(r.disabledAt),
  consecutiveFailures: r.consecutiveFailures,
  lastDeliveryAt: iso(r.lastDeliveryAt),
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

async function findSub(ctx: Ctx, id: string): Promise<SubRow> {
  const [row] = await ctx.tx
    .select()
    .from(webhookSubscriptions)
    .where(and(mine(ctx), eq(webhookSubscriptions.id, id)));
  if (!row) throw new DomainError('webhook.not_found', 'webhook subscription not found');
  return row;
}

export async function listWebhooks(ctx: Ctx): Promise<{ items: Webhook[] }> {
  const rows = await ctx.tx
    .select()
    .from(webhookSubscriptions)
    .where(mine(ctx))
    .orderBy(desc(webhookSubscriptions.createdAt))
    .limit(500);
  return { items: rows.map(toWebhook) };
}

export const getWebhook = async (ctx: Ctx, id: string): Promise<Webhook> =>
  toWebhook(await findSub(ctx, id));

const MAX_SUBSCRIPTIONS = 50;

export async function createWebhook(ctx: Ctx, body: WebhookCreateBody): Promise<WebhookWithSecret> {
  await assertPublicUrl(body.url, 'url', 'webhook.invalid');
  const [count] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(webhookSubscriptions)
    .where(mine(ctx));
  if ((count?.n ?? 0) >= MAX_SUBSCRIPTIONS)
    throw new DomainError('webhook.invalid', `at most ${MAX_SUBSCRIPTIONS} subscriptions`, {
      field: 'url',
    });
  const id = newId();
  const secret = randomToken('whsec_', 24);
  await ctx.tx.insert(webhookSubscriptions).values({
    workspaceId: ctx.workspaceId,
    id,
    url: body.url,
    description: body.description ?? '',
    events: [...new Set(body.events)],
    secret: sealer().seal(secret),
    active: body.active ?? true,
    createdBy: ctx.actor.memberId,
  });
  await syncInterest(ctx);
  const after = await getWebhook(ctx, id);
  await recordAudit(ctx, { action: 'webhook.created', entity: 'webhook', entityId: id, after });
  return { ...after, secret };
}

export async function updateWebhook(
  ctx: Ctx,
  id: string,
  body: WebhookUpdateBody,
): Promise<Webhook> {
  const before = toWebhook(await findSub(ctx, id));
  if (body.url !== undefined) await assertPublicUrl(body.url, 'url', 'webhook.invalid');
  const switchedOn = body.active === true && !before.active;
  await ctx.tx
    .update(webhookSubscriptions)
    .set({
      ...(body.url !== undefined ? { url: body.url } : {}),
      ...(body.description !== undefined ? { description: body.description } : {}),
      ...(body.events !== undefined ? { events: [...new Set(body.events)] } : {}),
      ...(body.active !== undefined ? { active: body.active } : {}),
      // On again (the receiver was fixed): the failure count starts over.
      ...(switchedOn
        ? { consecutiveFailures: 0, failingSince: null, disabledAt: null, disabledReason: null }
        : {}),
      ...(body.active === false ? { disabledAt: new Date(), disabledReason: null } : {}),
      updatedAt: new Date(),
    })
    .where(and(mine(ctx), eq(webhookSubscriptions.id, id)));
  await syncInterest(ctx);
  const after = await getWebhook(ctx, id);
  await recordAudit(ctx, {
    action: 'webhook.updated',
    entity: 'webhook',
    entityId: id,
    before,
    after,
  });
  return after;
}

export async function rotateWebhookSecret(ctx: Ctx, id: string): Promise<WebhookWithSecret> {
  await findSub(ctx, id);
  const secret = randomToken('whsec_', 24);
  await ctx.tx
    .update(webhookSubscriptions)
    .set({ secret: sealer().seal(secret), updatedAt: new Date() })
    .where(and(mine(ctx), eq(webhookSubscriptions.id, id)));
  await recordAudit(ctx, { action: 'webhook.secret_rotated', entity: 'webhook', entityId: id });
  return { ...(await getWebhook(ctx, id)), secret };
}

// Its deliveries go with it (pending jobs find nothing and end).
export async function deleteWebhook(ctx: Ctx, id: string): Promise<void> {
  const before = await getWebhook(ctx, id);
  await ctx.tx.delete(webhookSubscriptions).where(and(mine(ctx), eq(webhookSubscriptions.id, id)));
  await syncInterest(ctx);
  await recordAudit(ctx, { action: 'webhook.deleted', entity: 'webhook', entityId: id, before });
}

const toDelivery = (r: DeliveryRow): WebhookDelivery => ({
  id: r.id,
  webhookId: r.subscriptionId,
  eventType: r.eventType,
  status: r.status,
  attempts: r.attempts,
  nextAttemptAt: iso(r.nextAttemptAt),
  payload: r.payload,
  createdAt: r.createdAt.toISOString(),
  deliveredAt: iso(r.deliveredAt),
});

// The delivery log of one subscription, newest first.
export async function listDeliveries(
  ctx: Ctx,
  id: string,
  q: { status?: WebhookDeliveryStatus | undefined; limit: number; cursor?: string | undefined },
): Promise<Page<WebhookDelivery>> {
  await findSub(ctx, id);
  const after = decodeCursor(q.cursor, ['uuid']);
  const rows = await ctx.tx
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.workspaceId, ctx.workspaceId),
        eq(webhookDeliveries.subscriptionId, id),
        q.status ? eq(webhookDeliveries.status, q.status) : undefined,
        after ? lt(webhookDeliveries.id, String(after[0])) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toDelivery, (r) => [r.id]);
}

// Sent again by hand (the receiver lost it, or was fixed): one attempt now, with the same delivery
// id and body, whatever the delivery's state; a failure is logged and not retried.
export async function redeliver(
  ctx: Ctx,
  id: string,
  deliveryId: string,
): Promise<{ id: string; status: WebhookDeliveryStatus }> {
  await findSub(ctx, id);
  const where = and(
    eq(webhookDeliveries.workspaceId, ctx.workspaceId),
    eq(webhookDeliveries.subscriptionId, id),
    eq(webhookDeliveries.id, deliveryId),
  );
  const [row] = await ctx.tx.select().from(webhookDeliveries).where(where).for('update');
  if (!row) throw new DomainError('webhook.not_found', 'delivery not found');
  await ctx.tx
    .update(webhookDeliveries)
    .set({ status: 'pending', nextAttemptAt: new Date() })
    .where(where);
  await enqueue(
    ctx.tx,
    webhookSend,
    { deliveryId, attempt: row.attempts.length + 1, manual: true },
    { workspaceId: ctx.workspaceId, key: `${deliveryId}:manual:${newId()}` },
  );
  await recordAudit(ctx, {
    action: 'webhook.redelivered',
    entity: 'webhook',
    entityId: id,
    after: { deliveryId },
  });
  return { id: deliveryId, status: 'pending' };
}
