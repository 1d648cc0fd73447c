import type {
  AssignmentReason,
  RoutingConditions,
  RoutingStrategy,
  WorkingHours,
} from '@voronka/contract';
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
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, ts, workspaceId } from '../../platform/db/columns.js';
import { leads } from '../leads/tables.js';
import type { PriorityWeights } from './priority.js';

// Ordered: the first enabled rule whose conditions hold decides where a request goes.
export const routingRules = pgTable(
  'routing_rules',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    conditions: jsonb('conditions').$type<RoutingConditions>().notNull().default({}),
    strategy: text('strategy').$type<RoutingStrategy>().notNull(),
    teamId: uuid('team_id'),
    memberId: uuid('member_id'),
    // Round robin's place: the member who got this rule's last request.
    cursorMemberId: uuid('cursor_member_id'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('routing_rules_position_idx').on(t.workspaceId, t.position),
  ],
);

// Ordered: the first enabled policy matching a request's channel and priority sets its deadline.
export const slaPolicies = pgTable(
  'sla_policies',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    channels: text('channels')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    minPriority: integer('min_priority'),
    responseSeconds: integer('response_seconds').notNull(),
    businessHours: boolean('business_hours').notNull().default(false),
    warnPercent: integer('warn_percent').notNull().default(80),
    maxMoves: integer('max_moves').notNull().default(2),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

export type FitRecord = { at: string; fitted: boolean; reason: string | null; examples: number };

// One row per workspace: the SLA clock's business hours and the priority weights in force.
export const routingSettings = pgTable('routing_settings', {
  workspaceId: workspaceId().primaryKey(),
  hours: jsonb('hours').$type<WorkingHours>(),
  productionCalendar: text('production_calendar').$type<'ru' | 'none'>().notNull().default('ru'),
  // Products and services by name (until a catalog module supplies them): naming one is a warm sign.
  catalog: text('catalog')
    .array()
    .notNull()
    .default(sql`'{}'::text[]`),
  weights: jsonb('weights').$type<PriorityWeights>(),
  weightsSource: text('weights_source')
    .$type<'default' | 'fitted' | 'edited'>()
    .notNull()
    .default('default'),
  fittedAt: ts('fitted_at'),
  lastFit: jsonb('last_fit').$type<FitRecord>(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

// Who may receive work, per member: their own time zone and hours, vacations, away, capacity.
export const memberAvailability = pgTable(
  'member_availability',
  {
    workspaceId: workspaceId(),
    memberId: uuid('member_id').notNull(),
    timeZone: text('time_zone'),
    hours: jsonb('hours').$type<WorkingHours>(),
    vacations: jsonb('vacations').$type<{ from: string; to: string }[]>().notNull().default([]),
    away: boolean('away').notNull().default(false),
    capacity: integer('capacity'),
    // Notifications in Telegram: the workspace's bot (a telegram channel) and the member's chat with
    // it, linked when the member sends the bot /start with the one-time code (hash kept, 30 minutes).
    telegramChannelId: uuid('telegram_channel_id'),
    telegramChatId: text('telegram_chat_id'),
    telegramLinkCode: text('telegram_link_code'),
    telegramLinkExpiresAt: ts('telegram_link_expires_at'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.memberId] }),
    index('member_availability_telegram_code_idx').on(t.workspaceId, t.telegramLinkCode),
  ],
);

// Every time a request was given to someone (or put in a queue), why, its deadline and what came of
// it. The SLA report reads it; a breach stays against the member who missed it.
export const leadAssignments = pgTable(
  'lead_assignments',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    leadId: uuid('lead_id').notNull(),
    memberId: uuid('member_id'),
    teamId: uuid('team_id'),
    channel: text('channel').notNull(),
    reason: jsonb('reason').$type<AssignmentReason>().notNull(),
    assignedAt: ts('assigned_at').notNull().defaultNow(),
    dueAt: ts('due_at'),
    respondedAt: ts('responded_at'),
    // Who answered (a member's reply, call or status change; may differ from member_id): the SLA
    // report credits the response to them.
    respondedBy: uuid('responded_by'),
    breachedAt: ts('breached_at'),
    endedAt: ts('ended_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('lead_assignments_lead_idx').on(t.workspaceId, t.leadId, t.assignedAt),
    index('lead_assignments_member_idx').on(t.workspaceId, t.memberId, t.assignedAt),
    index('lead_assignments_assigned_idx').on(t.workspaceId, t.assignedAt),
  ],
);

export type TimerKind = 'route' | 'warn' | 'breach';

// At most one pending timer per open, unanswered request. The worker claims rows falling due across
// workspaces (as the connection's role, like jobs), so its work is proportional to what is due.
// A timer whose handler failed MAX_TIMER_ATTEMPTS times running is dead (dead_at, last_error): no
// longer claimed, the heads told (timers.ts); setting the timer again brings it back.
export const leadTimers = pgTable(
  'lead_timers',
  {
    workspaceId: workspaceId(),
    leadId: uuid('lead_id').notNull(),
    kind: text('kind').$type<TimerKind>().notNull(),
    dueAt: ts('due_at').notNull(),
    lockedUntil: ts('locked_until'),
    // Claims since the timer was last set: the claim's fence, and the count towards the cap.
    attempts: integer('attempts').notNull().default(0),
    deadAt: ts('dead_at'),
    lastError: text('last_error'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.leadId] }),
    index('lead_timers_due_idx')
      .on(t.dueAt)
      .where(sql`dead_at is null`),
  ],
);

// Each member's open requests (new, in work, qualified assigned to them), kept by a trigger on
// leads (triggers.sql): routing reads a candidate's load in O(1) instead of counting their
// requests — with 100,000 open ones, counting cost more than everything else a breach does.
export const memberLoads = pgTable(
  'member_loads',
  {
    workspaceId: workspaceId(),
    memberId: uuid('member_id').notNull(),
    open: integer('open').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.memberId] })],
);

// What routing keeps about each request, one row per lead (added with the lead by the insert
// trigger leads_routed, deleted with it): the warm-first score and its reasons, the queue it waits
// in while no one is assigned, the first-response deadline and when and by whom it was met, and the
// automatic moves after missed deadlines so far. The leads module shows these on a request through
// the view routing installs (lead-state.ts, routingOfLeads); it never names them.
export const leadRouting = pgTable(
  'lead_routing',
  {
    workspaceId: workspaceId(),
    leadId: uuid('lead_id').notNull(),
    priorityScore: integer('priority_score'),
    priorityReasons: jsonb('priority_reasons')
      .$type<{ code: string; weight: number; sign: '+' | '-' }[]>()
      .notNull()
      .default([]),
    queueTeamId: uuid('queue_team_id'),
    firstResponseDueAt: ts('first_response_due_at'),
    firstRespondedAt: ts('first_responded_at'),
    firstRespondedBy: uuid('first_responded_by'),
    moves: integer('moves').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.leadId] }),
    foreignKey({
      columns: [t.workspaceId, t.leadId],
      foreignColumns: [leads.workspaceId, leads.id],
    }).onDelete('cascade'),
    // Requests on the clock and not yet answered, by deadline: the overdue count of the queue
    // overview reads a range of it (answered and never-timed requests are not in it).
    index('lead_routing_unanswered_idx')
      .on(t.workspaceId, t.firstResponseDueAt)
      .where(sql`first_responded_at is null and first_response_due_at is not null`),
  ],
);
