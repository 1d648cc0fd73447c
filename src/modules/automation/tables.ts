import { sql } from 'drizzle-orm';
import {
  boolean,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  AutomationActionResult,
  AutomationCheck,
  AutomationDefinition,
  AutomationRunStatus,
  WebhookAttempt,
  WebhookDeliveryStatus,
} from '@voronka/contract';
import { createdAt, ts, workspaceId } from '../../platform/db/columns.js';

// A rule: its name, switch and the version in force. Deleted rules are stamped, their runs kept.
// `trigger_kind` and `stage_id` copy the current version's trigger so the engine finds the rules of
// an event by index, and the board finds a stage's robots.
export const automationRules = pgTable(
  'automation_rules',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    version: integer('version').notNull().default(1),
    triggerKind: text('trigger_kind').notNull(),
    stageId: uuid('stage_id'),
    // The key its outgoing webhooks are signed with (sealed at rest; shown to those who edit rules).
    webhookSecret: text('webhook_secret').notNull(),
    // The unguessable key of its incoming-webhook URL (/api/public/automations/{key}), set while
    // the trigger is `webhook.incoming` (like a channel's public key: looked up before a workspace).
    hookKey: text('hook_key'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('automation_rules_trigger_idx')
      .on(t.workspaceId, t.triggerKind)
      .where(sql`${t.enabled} and ${t.deletedAt} is null`),
    uniqueIndex('automation_rules_hook_key_uq').on(t.hookKey),
  ],
);

// Every version of a rule's definition, immutable: a run names the version it followed.
export const automationRuleVersions = pgTable(
  'automation_rule_versions',
  {
    workspaceId: workspaceId(),
    ruleId: uuid('rule_id').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<AutomationDefinition>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.ruleId, t.version] }),
    foreignKey({
      columns: [t.workspaceId, t.ruleId],
      foreignColumns: [automationRules.workspaceId, automationRules.id],
    }).onDelete('cascade'),
  ],
);

// One firing of a rule for one record and one event. `event_key` (e.g. the stage visit, the stale
// episode) makes the firing unique: a repeated event or job inserts nothing.
export const automationRuns = pgTable(
  'automation_runs',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    ruleId: uuid('rule_id').notNull(),
    version: integer('version').notNull(),
    eventKey: text('event_key').notNull(),
    trigger: text('trigger').notNull(),
    // The record the event was about (a deal, a request, a task, an invoice, a booking) and the
    // deal it belongs to, when there is one (the deal's log and timeline read by deal_id).
    entity: text('entity').notNull().default('deal'),
    recordId: uuid('record_id'),
    dealId: uuid('deal_id'),
    // What the event carried that is not in the database (an incoming webhook's fields), as the
    // rule's conditions and texts read it at act time.
    event: jsonb('event')
      .$type<Record<string, string | number | boolean | null>>()
      .notNull()
      .default({}),
    // How many rule actions led to this event (0: a person or the clock): loop protection.
    depth: integer('depth').notNull().default(0),
    status: text('status').$type<AutomationRunStatus>().notNull().default('scheduled'),
    dueAt: ts('due_at').notNull(),
    checks: jsonb('checks').$type<AutomationCheck[]>().notNull().default([]),
    actions: jsonb('actions').$type<AutomationActionResult[]>().notNull().default([]),
    error: text('error'),
    createdAt: createdAt(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('automation_runs_event_uq').on(t.workspaceId, t.ruleId, t.eventKey),
    index('automation_runs_rule_idx').on(t.workspaceId, t.ruleId, t.createdAt),
    index('automation_runs_deal_idx').on(t.workspaceId, t.dealId, t.createdAt),
    // Loop limits count a rule's runs on one record; the workspace's throttle counts runs per minute.
    index('automation_runs_record_idx').on(t.workspaceId, t.ruleId, t.recordId, t.createdAt),
    index('automation_runs_due_idx').on(t.workspaceId, t.dueAt),
    foreignKey({
      columns: [t.workspaceId, t.ruleId],
      foreignColumns: [automationRules.workspaceId, automationRules.id],
    }).onDelete('cascade'),
  ],
);

// Outgoing webhook subscriptions (/api/v1/webhooks): a URL hearing some event types, its signing
// secret sealed at rest. `consecutive_failures` counts failed attempts since the last success; past
// the limit the subscription switches itself off (`disabled_reason`) and the admins are told.
export const webhookSubscriptions = pgTable(
  'webhook_subscriptions',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    events: text('events').array().notNull(),
    secret: text('secret').notNull(),
    active: boolean('active').notNull().default(true),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    failingSince: ts('failing_since'),
    disabledAt: ts('disabled_at'),
    disabledReason: text('disabled_reason'),
    lastDeliveryAt: ts('last_delivery_at'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

// One event to one subscription, unique per (subscription, event type, event key): an event heard
// twice is one delivery. Its id is the Voronka-Delivery header; `attempts` is its log.
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    subscriptionId: uuid('subscription_id').notNull(),
    eventType: text('event_type').notNull(),
    eventKey: text('event_key').notNull(),
    payload: text('payload').notNull(),
    status: text('status').$type<WebhookDeliveryStatus>().notNull().default('pending'),
    attempts: jsonb('attempts').$type<WebhookAttempt[]>().notNull().default([]),
    nextAttemptAt: ts('next_attempt_at'),
    createdAt: createdAt(),
    deliveredAt: ts('delivered_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('webhook_deliveries_event_uq').on(
      t.workspaceId,
      t.subscriptionId,
      t.eventType,
      t.eventKey,
    ),
    index('webhook_deliveries_log_idx').on(t.workspaceId, t.subscriptionId, t.createdAt),
    foreignKey({
      columns: [t.workspaceId, t.subscriptionId],
      foreignColumns: [webhookSubscriptions.workspaceId, webhookSubscriptions.id],
    }).onDelete('cascade'),
  ],
);
