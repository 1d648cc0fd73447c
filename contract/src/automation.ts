import { z } from 'zod';
import { Id, Name, PageQuery, Timestamp } from './common.js';
import { TaskKind } from './tasks.js';

// Automation rules: trigger → conditions → timing → actions, kept as versioned data
// (src/modules/automation/DESIGN.md). Every part is a tagged object so that a new kind is a new
// member, not a new field on an old one.

export const AutomationTrigger = z.discriminatedUnion('kind', [
  // A deal enters a stage: the "stage robot" of the board.
  z.strictObject({ kind: z.literal('deal.stage_entered'), pipelineId: Id, stageId: Id }),
  // A deal is created (optionally only in one pipeline).
  z.strictObject({ kind: z.literal('deal.created'), pipelineId: Id.nullable().default(null) }),
  // No activity on an open deal for N days (a stale deal; fires once per stale episode).
  z.strictObject({
    kind: z.literal('deal.stale'),
    pipelineId: Id.nullable().default(null),
    stageId: Id.nullable().default(null),
    days: z.number().int().min(1).max(365),
  }),
]);
export type AutomationTrigger = z.infer<typeof AutomationTrigger>;
export const automationTriggerKinds = ['deal.stage_entered', 'deal.created', 'deal.stale'] as const;
export type AutomationTriggerKind = (typeof automationTriggerKinds)[number];

// What a condition may look at: the deal's own fields, its custom fields (`deal.custom.<key>`).
export const AutomationConditionPath = z
  .string()
  .regex(
    /^deal\.(amount|title|ownerId|companyId|tags|expectedCloseDate|custom\.[a-z][a-z0-9_]{0,62})$/,
    'one of deal.amount, deal.title, deal.ownerId, deal.companyId, deal.tags, deal.expectedCloseDate, deal.custom.<key>',
  );
export const AutomationConditionOp = z.enum([
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'empty',
  'not_empty',
]);
export type AutomationConditionOp = z.infer<typeof AutomationConditionOp>;
export const AutomationCondition = z.strictObject({
  path: AutomationConditionPath,
  op: AutomationConditionOp,
  value: z.union([z.string().max(500), z.number(), z.boolean(), z.null()]).optional(),
});
export type AutomationCondition = z.infer<typeof AutomationCondition>;
// AND/OR groups, two levels deep: all(a, any(b, c)).
export const AutomationConditionGroup = z.strictObject({
  mode: z.enum(['all', 'any']),
  items: z.array(AutomationCondition).max(20),
});
export const AutomationConditions = z.strictObject({
  mode: z.enum(['all', 'any']),
  items: z.array(z.union([AutomationCondition, AutomationConditionGroup])).max(20),
});
export type AutomationConditions = z.infer<typeof AutomationConditions>;

// Who an action addresses: the deal's owner, the workspace's heads, or a named member.
export const AutomationRecipient = z.union([z.enum(['deal_owner', 'heads']), Id]);
export type AutomationRecipient = z.infer<typeof AutomationRecipient>;

// Texts may use {{deal.title}}, {{deal.amount}}, {{company.name}}, {{stage.name}}, {{rule.name}}:
// a plain substitution over that list, never code.
const ActionText = (max: number) => z.string().trim().min(1).max(max);

export const AutomationAction = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('task.create'),
    title: ActionText(300),
    taskKind: TaskKind.default('todo'),
    dueInMinutes: z
      .number()
      .int()
      .min(0)
      .max(60 * 24 * 365)
      .default(60 * 24),
    assignee: z.union([z.literal('deal_owner'), Id]).default('deal_owner'),
  }),
  z.strictObject({ kind: z.literal('deal.move'), stageId: Id }),
  z.strictObject({
    kind: z.literal('deal.tags'),
    add: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
    remove: z.array(z.string().trim().min(1).max(50)).max(20).default([]),
  }),
  z.strictObject({
    kind: z.literal('notify'),
    to: AutomationRecipient.default('deal_owner'),
    text: ActionText(1000),
  }),
  // A signed POST (see docs/api.md "Outgoing webhooks") to a public https URL.
  z.strictObject({ kind: z.literal('webhook'), url: z.url({ protocol: /^https?$/ }).max(2000) }),
]);
export type AutomationAction = z.infer<typeof AutomationAction>;
export type AutomationActionKind = AutomationAction['kind'];

export const AutomationDefinition = z.strictObject({
  trigger: AutomationTrigger,
  conditions: AutomationConditions.default({ mode: 'all', items: [] }),
  // Wait this long after the trigger before acting (the conditions are checked then).
  delayMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 90)
    .default(0),
  actions: z.array(AutomationAction).min(1).max(10),
});
export type AutomationDefinition = z.infer<typeof AutomationDefinition>;
export type AutomationDefinitionInput = z.input<typeof AutomationDefinition>;

// A reference the rule holds to something since deleted (a stage, a member): flagged, not crashed on.
export const AutomationProblem = z.object({ path: z.string(), code: z.string() });

export const Automation = z.object({
  id: Id,
  name: z.string(),
  enabled: z.boolean(),
  version: z.number().int(),
  definition: AutomationDefinition,
  problems: z.array(AutomationProblem),
  lastRunAt: Timestamp.nullable(),
  runs24h: z.number().int(),
  errors24h: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Automation = z.infer<typeof Automation>;

export const AutomationCreateBody = z.strictObject({
  name: Name(200),
  enabled: z.boolean().default(true),
  definition: AutomationDefinition,
});
export type AutomationCreateBody = z.input<typeof AutomationCreateBody>;
export const AutomationUpdateBody = z.strictObject({
  name: Name(200).optional(),
  enabled: z.boolean().optional(),
  // A new definition makes a new version; runs keep the version they were made with.
  definition: AutomationDefinition.optional(),
});
export type AutomationUpdateBody = z.input<typeof AutomationUpdateBody>;
export const AutomationListQuery = z.strictObject({
  stageId: Id.optional(),
  trigger: z.enum(automationTriggerKinds).optional(),
});

export const AutomationRunStatus = z.enum(['scheduled', 'done', 'skipped', 'failed', 'looped']);
export type AutomationRunStatus = z.infer<typeof AutomationRunStatus>;
export const AutomationCheck = z.object({
  path: z.string(),
  op: z.string(),
  expected: z.unknown(),
  actual: z.unknown(),
  held: z.boolean(),
});
export type AutomationCheck = z.infer<typeof AutomationCheck>;
export const AutomationActionResult = z.object({
  kind: z.string(),
  ok: z.boolean(),
  detail: z.string(),
});
export type AutomationActionResult = z.infer<typeof AutomationActionResult>;
export const AutomationRun = z.object({
  id: Id,
  automationId: Id,
  automationName: z.string(),
  version: z.number().int(),
  trigger: z.string(),
  dealId: Id.nullable(),
  status: AutomationRunStatus,
  dueAt: Timestamp,
  checks: z.array(AutomationCheck),
  actions: z.array(AutomationActionResult),
  error: z.string().nullable(),
  createdAt: Timestamp,
  finishedAt: Timestamp.nullable(),
});
export type AutomationRun = z.infer<typeof AutomationRun>;
export const AutomationRunQuery = PageQuery.extend({
  status: AutomationRunStatus.optional(),
  dealId: Id.optional(),
});

export const AutomationDryRunBody = z.strictObject({ dealId: Id });
export const AutomationDryRun = z.object({
  held: z.boolean(),
  checks: z.array(AutomationCheck),
  // What each action would do, in words; nothing is written.
  actions: z.array(AutomationActionResult),
});
export type AutomationDryRun = z.infer<typeof AutomationDryRun>;
