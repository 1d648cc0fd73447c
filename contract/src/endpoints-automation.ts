import { z } from 'zod';
import { page } from './common.js';
import { NoContent, type Endpoint } from './endpoint-kit.js';
import {
  Automation,
  AutomationButton,
  AutomationCreateBody,
  AutomationHookUrl,
  AutomationRunBody,
  AutomationRunStarted,
  AutomationDryRun,
  AutomationDryRunBody,
  AutomationListQuery,
  AutomationRun,
  AutomationRunQuery,
  AutomationUpdateBody,
} from './automation.js';
import {
  Webhook,
  WebhookCreateBody,
  WebhookDelivery,
  WebhookDeliveryQuery,
  WebhookRedelivered,
  WebhookUpdateBody,
  WebhookWithSecret,
} from './webhooks.js';

// Automation rules and their run log (joined into endpoints.ts).
export const automationEndpoints = {
  'GET /automations': {
    query: AutomationListQuery,
    response: z.object({ items: z.array(Automation) }),
  },
  'POST /automations': { body: AutomationCreateBody, response: Automation },
  'PATCH /automations/:id': { body: AutomationUpdateBody, response: Automation },
  'DELETE /automations/:id': { response: NoContent },
  'GET /automations/:id/runs': { query: AutomationRunQuery, response: page(AutomationRun) },
  'POST /automations/:id/dry-run': { body: AutomationDryRunBody, response: AutomationDryRun },
  'GET /automations/:id/webhook-secret': { response: z.object({ secret: z.string() }) },
  'GET /automations/:id/hook': { response: AutomationHookUrl },
  'POST /automations/:id/run': { body: AutomationRunBody, response: AutomationRunStarted },
  'GET /deals/:id/automation-buttons': {
    response: z.object({ items: z.array(AutomationButton) }),
  },
  'GET /webhooks': { response: z.object({ items: z.array(Webhook) }) },
  'POST /webhooks': { body: WebhookCreateBody, response: WebhookWithSecret },
  'GET /webhooks/:id': { response: Webhook },
  'PATCH /webhooks/:id': { body: WebhookUpdateBody, response: Webhook },
  'DELETE /webhooks/:id': { response: NoContent },
  'POST /webhooks/:id/rotate-secret': { response: WebhookWithSecret },
  'GET /webhooks/:id/deliveries': { query: WebhookDeliveryQuery, response: page(WebhookDelivery) },
  'POST /webhooks/:id/deliveries/:deliveryId/redeliver': { response: WebhookRedelivered },
} as const satisfies Record<string, Endpoint>;
