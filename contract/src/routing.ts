import { z } from 'zod';
import { Id, Name, PageQuery, TimeZone, Timestamp } from './common.js';
import { LeadChannel, PriorityReason } from './leads.js';
export { PriorityReason };

// Request routing, response SLAs and warm-first priority.
//
// A request (lead) that arrives is scored (0–100 with readable reasons), routed by the first
// matching rule to an eligible manager (or left in a team's queue), and given a first-response
// deadline by the first matching SLA policy. A missed deadline moves it to the next eligible
// manager; after a policy's number of moves it escalates to the head.

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time of day HH:MM');
export const TimeRange = z
  .tuple([HHMM, HHMM])
  .refine(([from, to]) => from < to, 'from must be before to');
export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;
// Working hours per weekday in local time; a day absent or [] is a day off.
export const WorkingHours = z.partialRecord(Weekday, z.array(TimeRange).max(4));
export type WorkingHours = z.infer<typeof WorkingHours>;

// ---------------------------------------------------------------------------------------------
// Routing rules (ordered: the first enabled rule whose conditions all hold decides).

export const RoutingStrategy = z.enum(['round_robin', 'least_load', 'named', 'client_owner']);
export type RoutingStrategy = z.infer<typeof RoutingStrategy>;

const Words = (max: number) => z.array(z.string().trim().min(1).max(200)).max(max);

// Every condition given must hold (an empty list is no condition); within a list, any value does.
export const RoutingConditions = z.strictObject({
  channels: z.array(LeadChannel).max(10).optional(),
  formIds: z.array(Id).max(50).optional(),
  // The request's source (a form's or channel's name, or what the API gave), case-insensitive.
  sources: Words(20).optional(),
  utmSource: Words(20).optional(),
  utmMedium: Words(20).optional(),
  utmCampaign: Words(20).optional(),
  // The client's country by their phone number (ISO 3166 alpha-2, e.g. RU, KZ, BY).
  countries: z
    .array(z.string().regex(/^[A-Z]{2}$/, 'an ISO country code like RU'))
    .max(50)
    .optional(),
  // The client's time zone, from their contact card (a known client only).
  timeZones: z.array(TimeZone).max(30).optional(),
  // The language the request is written in.
  languages: z
    .array(z.enum(['ru', 'en']))
    .max(2)
    .optional(),
  // Products, services or catalog categories the request mentions (matched by word stems).
  mentions: Words(50).optional(),
  tags: Words(20).optional(),
  minPriority: z.number().int().min(0).max(100).optional(),
});
export type RoutingConditions = z.infer<typeof RoutingConditions>;

export const RoutingRule = z.object({
  id: Id,
  name: z.string(),
  position: z.number().int(),
  enabled: z.boolean(),
  conditions: RoutingConditions,
  strategy: RoutingStrategy,
  // The pool for round_robin and least_load, the queue a request waits in when no one is eligible,
  // and the fallback pool of named and client_owner. Null: every active manager of the workspace.
  teamId: Id.nullable(),
  // For named: the manager.
  memberId: Id.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type RoutingRule = z.infer<typeof RoutingRule>;

export const RoutingRuleCreateBody = z.strictObject({
  name: Name(200),
  enabled: z.boolean().optional(),
  // Where it goes in the order (0 = first); absent: last.
  position: z.number().int().min(0).max(10_000).optional(),
  conditions: RoutingConditions.default({}),
  strategy: RoutingStrategy,
  teamId: Id.nullable().optional(),
  memberId: Id.nullable().optional(),
});
export type RoutingRuleCreateBody = z.infer<typeof RoutingRuleCreateBody>;
export const RoutingRuleUpdateBody = RoutingRuleCreateBody.partial();
export type RoutingRuleUpdateBody = z.infer<typeof RoutingRuleUpdateBody>;

// A request as it could arrive, for a dry run.
export const SampleRequest = z.strictObject({
  channel: LeadChannel.default('web'),
  formId: Id.optional(),
  source: z.string().max(200).optional(),
  utm: z.record(z.string().max(50), z.string().max(200)).optional(),
  subject: z.string().max(300).optional(),
  text: z.string().max(20000).optional(),
  phone: z.string().max(40).optional(),
  email: z.string().max(320).optional(),
  tags: z.array(z.string().max(200)).max(20).optional(),
  // When: absent = now (working hours and vacations are checked at this instant).
  at: Timestamp.optional(),
});
export type SampleRequest = z.infer<typeof SampleRequest>;

// Why a member could not take a request now.
export const IneligibleReason = z.enum([
  'inactive',
  'away',
  'vacation',
  'off_hours',
  'at_capacity',
  'already_missed',
]);
export type IneligibleReason = z.infer<typeof IneligibleReason>;

export const Candidate = z.object({
  memberId: Id,
  name: z.string(),
  openLoad: z.number().int(),
  capacity: z.number().int().nullable(),
  eligible: z.boolean(),
  reason: IneligibleReason.nullable(),
});
export type Candidate = z.infer<typeof Candidate>;

// Why a request went where it went: a code with its parameters (texts are the UI's, ru/en).
// codes: rule, round_robin, least_load, named, client_owner, fallback_team, no_rule, queued_no_one_eligible,
// sla_breach_moved, escalated, manual.
export const AssignmentReason = z.object({
  code: z.string(),
  ruleId: Id.nullable(),
  ruleName: z.string().nullable(),
  strategy: RoutingStrategy.nullable(),
  detail: z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
    .default({}),
});
export type AssignmentReason = z.infer<typeof AssignmentReason>;

export const DryRunResult = z.object({
  rule: z.object({ id: Id, name: z.string() }).nullable(),
  assignee: z.object({ id: Id, name: z.string() }).nullable(),
  // Set when no one is eligible: the request waits in this team's queue (null: the workspace's).
  queuedInTeam: z.object({ id: Id, name: z.string() }).nullable(),
  queued: z.boolean(),
  reason: AssignmentReason,
  candidates: z.array(Candidate),
  priority: z.object({ score: z.number().int(), reasons: z.array(PriorityReason) }),
  sla: z.object({ policy: z.object({ id: Id, name: z.string() }), dueAt: Timestamp }).nullable(),
  // Each rule in order and whether it matched (the whole set's dry run) or this rule alone.
  rules: z.array(
    z.object({ id: Id, name: z.string(), matched: z.boolean(), failed: z.array(z.string()) }),
  ),
});
export type DryRunResult = z.infer<typeof DryRunResult>;

// ---------------------------------------------------------------------------------------------
// SLA policies (ordered: the first enabled policy matching the request's channel and priority).

export const SlaPolicy = z.object({
  id: Id,
  name: z.string(),
  position: z.number().int(),
  enabled: z.boolean(),
  // Empty: every channel.
  channels: z.array(LeadChannel),
  // The request's priority score must be at least this (null: any).
  minPriority: z.number().int().nullable(),
  // Time allowed to the first response, in seconds (as short as 1, for testing).
  responseSeconds: z.number().int(),
  // Counted in the workspace's business hours (with the production calendar) or around the clock.
  businessHours: z.boolean(),
  // The assignee is warned at this share of the time (e.g. 80).
  warnPercent: z.number().int(),
  // After this many automatic moves, a breach escalates to the head instead.
  maxMoves: z.number().int(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;

export const SlaPolicyCreateBody = z.strictObject({
  name: Name(200),
  enabled: z.boolean().optional(),
  position: z.number().int().min(0).max(10_000).optional(),
  channels: z.array(LeadChannel).max(10).default([]),
  minPriority: z.number().int().min(0).max(100).nullable().optional(),
  responseSeconds: z
    .number()
    .int()
    .min(1)
    .max(30 * 24 * 3600),
  businessHours: z.boolean().default(false),
  warnPercent: z.number().int().min(1).max(99).default(80),
  maxMoves: z.number().int().min(0).max(20).default(2),
});
export type SlaPolicyCreateBody = z.infer<typeof SlaPolicyCreateBody>;
export const SlaPolicyUpdateBody = SlaPolicyCreateBody.partial();
export type SlaPolicyUpdateBody = z.infer<typeof SlaPolicyUpdateBody>;

// ---------------------------------------------------------------------------------------------
// The workspace's business hours (the SLA clock) and each member's availability (who may get work).

export const BusinessHours = z.object({
  timeZone: z.string(),
  hours: WorkingHours,
  // Russian production calendar: holidays, moved working days, shortened pre-holiday days.
  productionCalendar: z.enum(['ru', 'none']),
});
export type BusinessHours = z.infer<typeof BusinessHours>;
export const BusinessHoursBody = z.strictObject({
  timeZone: TimeZone.optional(),
  hours: WorkingHours.optional(),
  productionCalendar: z.enum(['ru', 'none']).optional(),
});
export type BusinessHoursBody = z.infer<typeof BusinessHoursBody>;

export const DateRange = z
  .strictObject({ from: z.iso.date(), to: z.iso.date() })
  .refine((r) => r.from <= r.to, { message: 'from must not be after to', path: ['to'] });

export const Availability = z.object({
  memberId: Id,
  name: z.string(),
  teamId: Id.nullable(),
  role: z.string(),
  // The member's own time zone and working hours; hours null = any time.
  timeZone: z.string(),
  hours: WorkingHours.nullable(),
  vacations: z.array(z.object({ from: z.string(), to: z.string() })),
  away: z.boolean(),
  // Open requests at most (null: no limit).
  capacity: z.number().int().nullable(),
  // Notices also go to the member's Telegram (linked through the workspace's bot).
  telegramLinked: z.boolean(),
  // Now: open requests, and whether they can take one and why not.
  openLoad: z.number().int(),
  eligible: z.boolean(),
  reason: IneligibleReason.nullable(),
});
export type Availability = z.infer<typeof Availability>;
export const AvailabilityBody = z.strictObject({
  timeZone: TimeZone.optional(),
  hours: WorkingHours.nullable().optional(),
  vacations: z.array(DateRange).max(50).optional(),
  away: z.boolean().optional(),
  capacity: z.number().int().min(0).max(10_000).nullable().optional(),
});
export type AvailabilityBody = z.infer<typeof AvailabilityBody>;

// Linking one's Telegram: the bot (a telegram channel of the workspace) → a one-time code to send it
// as "/start <code>" (the url does it in one tap), valid 30 minutes.
export const TelegramLinkBody = z.strictObject({ channelId: Id });
export const TelegramLink = z.object({
  url: z.string().nullable(),
  code: z.string(),
  expiresAt: Timestamp,
});
export type TelegramLink = z.infer<typeof TelegramLink>;

// ---------------------------------------------------------------------------------------------
// A request's assignments, and the head's view of the queue.

export const Assignment = z.object({
  id: Id,
  leadId: Id,
  member: z.object({ id: Id, name: z.string() }).nullable(),
  team: z.object({ id: Id, name: z.string() }).nullable(),
  reason: AssignmentReason,
  assignedAt: Timestamp,
  dueAt: Timestamp.nullable(),
  respondedAt: Timestamp.nullable(),
  breachedAt: Timestamp.nullable(),
  endedAt: Timestamp.nullable(),
});
export type Assignment = z.infer<typeof Assignment>;

export const QueueOverview = z.object({
  // Requests waiting in a queue with no one assigned.
  queued: z.array(
    z.object({ team: z.object({ id: Id, name: z.string() }).nullable(), count: z.number().int() }),
  ),
  members: z.array(
    Availability.extend({
      // Open requests past their first-response deadline, and breaches in the last 7 days.
      overdue: z.number().int(),
      breaches7d: z.number().int(),
    }),
  ),
});
export type QueueOverview = z.infer<typeof QueueOverview>;

// ---------------------------------------------------------------------------------------------
// SLA report: first-response times and breaches.

export const SlaReportQuery = z.strictObject({
  by: z.enum(['manager', 'channel', 'week']).default('manager'),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export type SlaReportQuery = z.infer<typeof SlaReportQuery>;
export const SlaReportRow = z.object({
  // The manager's id, the channel, or the week's Monday (YYYY-MM-DD).
  key: z.string(),
  label: z.string(),
  assignments: z.number().int(),
  responded: z.number().int(),
  breaches: z.number().int(),
  breachRate: z.number(),
  // First-response time in seconds (null when none responded).
  medianSeconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
});
export type SlaReportRow = z.infer<typeof SlaReportRow>;
export const SlaReport = z.object({
  by: z.enum(['manager', 'channel', 'week']),
  from: z.string(),
  to: z.string(),
  rows: z.array(SlaReportRow),
  total: SlaReportRow,
});
export type SlaReport = z.infer<typeof SlaReport>;

// ---------------------------------------------------------------------------------------------
// Priority weights: data, seen by admins, re-fitted from the workspace's outcomes.

export const PriorityWeightsView = z.object({
  bias: z.number(),
  features: z.record(z.string(), z.number()),
  source: z.enum(['default', 'fitted', 'edited']),
  // The workspace's products and services, by name: a request naming one scores "+ names a product".
  catalog: z.array(z.string()),
  fittedAt: Timestamp.nullable(),
  // What the last fit saw (null before any), and why a fit was not made.
  examples: z.number().int().nullable(),
  lastFit: z
    .object({
      at: Timestamp,
      fitted: z.boolean(),
      reason: z.string().nullable(),
      examples: z.number().int(),
    })
    .nullable(),
});
export type PriorityWeightsView = z.infer<typeof PriorityWeightsView>;
export const PriorityWeightsBody = z.strictObject({
  bias: z.number().min(-20).max(20).optional(),
  features: z.record(z.string().max(50), z.number().min(-20).max(20)).optional(),
  catalog: z.array(z.string().trim().min(2).max(200)).max(2000).optional(),
  // true: the weights back to the defaults (the catalog stays).
  reset: z.boolean().optional(),
});
export type PriorityWeightsBody = z.infer<typeof PriorityWeightsBody>;

export const RoutingListQuery = PageQuery;
