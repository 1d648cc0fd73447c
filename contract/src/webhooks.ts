import { z } from 'zod';
import { Id, PageQuery, Timestamp } from './common.js';

// Outgoing webhook subscriptions (src/modules/automation/DESIGN.md «Outgoing webhooks»): a URL that
// hears chosen event types, each event a signed JSON POST delivered at least once.

// The events a subscription may hear (what the modules emit through platform/events).
export const webhookEventTypes = [
  'deal.created',
  'deal.stage_entered',
  'lead.received',
  'lead.answered',
  'lead.sla_breached',
  'invoice.issued',
  'invoice.paid',
  'booking.created',
  'booking.cancelled',
] as const;
export const WebhookEventType = z.enum(webhookEventTypes);
export type WebhookEventType = z.infer<typeof WebhookEventType>;

const WebhookUrl = z.url({ protocol: /^https?$/ }).max(2000);
const Events = z.array(WebhookEventType).min(1).max(webhookEventTypes.length);

export const Webhook = z.object({
  id: Id,
  url: z.string(),
  description: z.string(),
  events: z.array(WebhookEventType),
  active: z.boolean(),
  // Why it was switched off by itself (persistent failure), null when a person did it or it is on.
  disabledReason: z.string().nullable(),
  disabledAt: Timestamp.nullable(),
  consecutiveFailures: z.number().int(),
  lastDeliveryAt: Timestamp.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Webhook = z.infer<typeof Webhook>;

// The signing secret is shown once: in the answer to create and to rotate.
export const WebhookWithSecret = Webhook.extend({ secret: z.string() });
export type WebhookWithSecret = z.infer<typeof WebhookWithSecret>;

export const WebhookCreateBody = z.strictObject({
  url: WebhookUrl,
  description: z.string().trim().max(200).default(''),
  events: Events,
  active: z.boolean().default(true),
});
export type WebhookCreateBody = z.infer<typeof WebhookCreateBody>;

export const WebhookUpdateBody = z
  .strictObject({
    url: WebhookUrl,
    description: z.string().trim().max(200),
    events: Events,
    // Switching it on again clears the failure count (after the receiver was fixed).
    active: z.boolean(),
  })
  .partial();
export type WebhookUpdateBody = z.infer<typeof WebhookUpdateBody>;

export const WebhookDeliveryStatus = z.enum(['pending', 'delivered', 'failed', 'cancelled']);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

// One HTTP exchange of a delivery: its answer (or why there was none) and how long it took.
export const WebhookAttempt = z.object({
  attempt: z.number().int(),
  at: Timestamp,
  ok: z.boolean(),
  statusCode: z.number().int().nullable(),
  durationMs: z.number().int(),
  // The first bytes of the answer's body, or the error (refused, timed out).
  response: z.string(),
  manual: z.boolean(),
});
export type WebhookAttempt = z.infer<typeof WebhookAttempt>;

// One event to one subscription: the id is the `Voronka-Delivery` header, the same on every retry
// and redelivery, so a receiver drops what it has seen.
export const WebhookDelivery = z.object({
  id: Id,
  webhookId: Id,
  eventType: z.string(),
  status: WebhookDeliveryStatus,
  attempts: z.array(WebhookAttempt),
  nextAttemptAt: Timestamp.nullable(),
  payload: z.string(),
  createdAt: Timestamp,
  deliveredAt: Timestamp.nullable(),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const WebhookDeliveryQuery = PageQuery.extend({ status: WebhookDeliveryStatus.optional() });
export const WebhookDeliveryParams = z.strictObject({ id: Id, deliveryId: Id });
export const WebhookRedelivered = z.object({ id: Id, status: WebhookDeliveryStatus });
