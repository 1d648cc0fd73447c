import { z } from 'zod';
import { Id, Name, PageQuery, Timestamp } from './common.js';
import { TaskKind } from './tasks.js';

// Automation rules: trigger → conditions → timing → actions, kept as versioned data
// (src/modules/automation/DESIGN.md). Every part is a tagged object so that a new kind is a new
// member, not a new field on an old one.

const only = <K extends string>(kind: K) => z.strictObject({ kind: z.literal(kind) });

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
  // A request (заявка) arrived by any channel but an import; answered first (a reply the provider
  // accepted, a call, a status change out of "new"); its response deadline missed.
  only('lead.received'),
  only('lead.answered'),
  only('lead.sla_breached'),
  // An open task's due time passed (once per task).
  only('task.overdue'),
  // An invoice issued, paid in full, or still owed `days` days after its due date.
  only('invoice.issued'),
  only('invoice.paid'),
  z.strictObject({
    kind: z.literal('invoice.overdue'),
    days: z.number().int().min(0).max(365).default(0),
  }),
  // A meeting booked by a client on a booking page, or cancelled by them.
  only('booking.created'),
  only('booking.cancelled'),
  // A button on the deal card (of one pipeline's deals, or all): pressed by a member.
  z.strictObject({
    kind: z.literal('button'),
    pipelineId: Id.nullable().default(null),
    label: z.string().trim().min(1).max(40),
  }),
  // A POST to the rule's own secret URL (/api/public/automations/{key}).
  only('webhook.incoming'),
]);
export type AutomationTrigger = z.infer<typeof AutomationTrigger>;
export const automationTriggerKinds = [
  'deal.stage_entered',
  'deal.created',
  'deal.stale',
  'lead.received',
  'lead.answered',
  'lead.sla_breached',
  'task.overdue',
  'invoice.issued',
  'invoice.paid',
  'invoice.overdue',
  'booking.created',
  'booking.cancelled',
  'button',
  'webhook.incoming',
] as const satisfies readonly AutomationTrigger['kind'][];
export type AutomationTriggerKind = (typeof automationTriggerKinds)[number];

// What a condition may look at: the deal's own fields and custom fields (`deal.custom.<key>`), the
// request's, the task's, the invoice's, the booking's, and an incoming webhook's fields (`event.<key>`).
// A path of a record the event does not have reads as empty.
const CustomKey = 'custom\\.[a-z][a-z0-9_]{0,62}';
export const automationConditionPaths = {
  deal: ['amount', 'title', 'ownerId', 'companyId', 'tags', 'expectedCloseDate', 'stageId'],
  lead: [
    'title',
    'message',
    'channel',
    'status',
    'source',
    'contactName',
    'contactPhone',
    'contactEmail',
    'assigneeId',
    'tags',
    'priorityScore',
  ],
  task: ['title', 'kind', 'ownerId'],
  invoice: ['number', 'amount', 'status', 'dueDate'],
  booking: ['name', 'email', 'phone', 'meetingTypeId', 'hostId'],
} as const;
export const AutomationConditionPath = z
  .string()
  .max(80)
  .regex(
    new RegExp(
      `^(deal\\.(${automationConditionPaths.deal.join('|')}|${CustomKey})|lead\\.(${automationConditionPaths.lead.join('|')}|${CustomKey})|task\\.(${automationConditionPaths.task.join('|')})|invoice\\.(${automationConditionPaths.invoice.join('|')})|booking\\.(${automationConditionPaths.booking.join('|')})|event\\.[a-zA-Z][a-zA-Z0-9_]{0,62})$`,
    ),
    'a field of the deal, request, task, invoice or booking (deal.amount, deal.custom.<key>, lead.channel…), or event.<key>',
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

// Texts may use {{deal.title}}, {{deal.amount}}, {{company.name}}, {{client.name}}, {{stage.name}},
// {{rule.name}}, {{lead.title}}, {{invoice.number}}, {{invoice.amount}}, {{task.title}},
// {{booking.start}}, {{event.<key>}}: a plain substitution over that list, never code.
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
  // Give the request or the deal to a member: a named one, or the least loaded member eligible now
  // (working hours, vacation, capacity) of a team or of everyone, as routing judges them.
  z.strictObject({
    kind: z.literal('assign'),
    to: z.union([z.literal('least_loaded'), Id]),
    teamId: Id.nullable().default(null),
  }),
  // Set one field of the deal: its title, amount (kopecks), expected close date, owner, or a custom
  // field (`custom.<key>`, checked as the deal's own form checks it).
  z.strictObject({
    kind: z.literal('deal.set'),
    field: z
      .string()
      .regex(
        /^(title|amount|expectedCloseDate|ownerId|custom\.[a-z][a-z0-9_]{0,62})$/,
        'title, amount, expectedCloseDate, ownerId or custom.<key>',
      ),
    value: z.union([z.string().max(2000), z.number(), z.boolean(), z.null()]),
  }),
  // A message to the client in their conversation (e-mail or messenger) through the inbox, so the
  // client sees one thread: the request's own conversation, else the client's latest one.
  z.strictObject({
    kind: z.literal('message.send'),
    via: z.enum(['auto', 'email', 'messenger']).default('auto'),
    text: ActionText(4000),
  }),
]);
export type AutomationAction = z.infer<typeof AutomationAction>;
export type AutomationActionKind = AutomationAction['kind'];

export const AutomationDefinition = z.strictObject({
  trigger: AutomationTrigger,
  // At most once per record (a deal, a request…), however many times the trigger fires.
  once: z.boolean().default(false),
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
  // The record the event was about (deal, lead, task, invoice, booking, webhook) and its deal.
  entity: z.string(),
  recordId: Id.nullable(),
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

// A button on the deal card: a rule with a `button` trigger that applies to the deal's pipeline.
export const AutomationButton = z.object({ automationId: Id, label: z.string() });
export type AutomationButton = z.infer<typeof AutomationButton>;
export const AutomationRunBody = z.strictObject({ dealId: Id });
// A button pressed: the run made (its actions follow at once, or after the rule's delay).
export const AutomationRunStarted = z.object({ runId: Id, status: AutomationRunStatus });
export type AutomationRunStarted = z.infer<typeof AutomationRunStarted>;

// An incoming webhook's answer: the run it started (or why none: the rule is off).
export const AutomationHookAccepted = z.object({
  accepted: z.boolean(),
  runId: Id.nullable(),
});
export type AutomationHookAccepted = z.infer<typeof AutomationHookAccepted>;
// The rule's incoming-webhook URL (rules with a webhook.incoming trigger), shown to those who edit.
export const AutomationHookUrl = z.object({ url: z.string().nullable() });
