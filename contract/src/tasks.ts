import { z } from 'zod';
import { Id, Name, PageQuery, Timestamp } from './common.js';

export const TaskKind = z.enum(['call', 'meeting', 'email', 'todo']);
export type TaskKind = z.infer<typeof TaskKind>;

// Links a task or an activity to what it is about.
const SubjectLinks = {
  contactId: Id.nullable().optional(),
  companyId: Id.nullable().optional(),
  dealId: Id.nullable().optional(),
  leadId: Id.nullable().optional(),
};

export const Task = z.object({
  id: Id,
  kind: TaskKind,
  title: z.string(),
  description: z.string().nullable(),
  dueAt: Timestamp.nullable(),
  remindAt: Timestamp.nullable(),
  doneAt: Timestamp.nullable(),
  ownerId: Id.nullable(),
  contactId: Id.nullable(),
  companyId: Id.nullable(),
  dealId: Id.nullable(),
  leadId: Id.nullable(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Task = z.infer<typeof Task>;

export const TaskCreateBody = z.strictObject({
  kind: TaskKind.default('todo'),
  title: Name(300),
  description: z.string().max(5000).nullable().optional(),
  dueAt: Timestamp.nullable().optional(),
  // Stored now; sending reminders arrives with notifications (a later issue).
  remindAt: Timestamp.nullable().optional(),
  ownerId: Id.nullable().optional(),
  ...SubjectLinks,
});
export type TaskCreateBody = z.infer<typeof TaskCreateBody>;

export const TaskUpdateBody = z.strictObject({
  kind: TaskKind.optional(),
  title: Name(300).optional(),
  description: z.string().max(5000).nullable().optional(),
  dueAt: Timestamp.nullable().optional(),
  remindAt: Timestamp.nullable().optional(),
  ownerId: Id.nullable().optional(),
  done: z.boolean().optional(),
  ...SubjectLinks,
});
export type TaskUpdateBody = z.infer<typeof TaskUpdateBody>;

export const TaskListQuery = PageQuery.extend({
  ownerId: Id.optional(),
  status: z.enum(['open', 'done', 'overdue']).optional(),
  dueFrom: Timestamp.optional(),
  dueTo: Timestamp.optional(),
  contactId: Id.optional(),
  companyId: Id.optional(),
  dealId: Id.optional(),
  leadId: Id.optional(),
});
export type TaskListQuery = z.infer<typeof TaskListQuery>;

// assignment: routing gave the request to someone (or queued it), with the reason in data.
export const ActivityKind = z.enum([
  'call',
  'meeting',
  'email',
  'note',
  'stage_change',
  'task_done',
  'merge',
  'conversion',
  'assignment',
  // dunning: a step of the dunning ladder fired about an invoice (data: invoiceId, offsetDays, channels).
  'dunning',
]);
// A timeline entry: an activity, or (read from where they live) a request as it arrived or a
// message of its conversations (data: conversationId, direction, channel kind and name, status).
// An automation rule's run on a deal or request (data: automationId, trigger, status, dueAt,
// actions, error; body: the rule's name) is read from automation's run log.
export const TimelineKind = z.enum([...ActivityKind.options, 'request', 'message', 'automation']);
export type TimelineKind = z.infer<typeof TimelineKind>;
export type ActivityKind = z.infer<typeof ActivityKind>;

export const Activity = z.object({
  id: Id,
  kind: TimelineKind,
  at: Timestamp,
  actorId: Id.nullable(),
  contactId: Id.nullable(),
  companyId: Id.nullable(),
  dealId: Id.nullable(),
  leadId: Id.nullable(),
  body: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type Activity = z.infer<typeof Activity>;

// What a person logs by hand; system kinds (stage_change, task_done, …) are written by the server.
export const ActivityCreateBody = z.strictObject({
  kind: z.enum(['call', 'meeting', 'email', 'note']),
  body: z.string().trim().max(20_000).nullable().optional(),
  at: Timestamp.optional(),
  data: z
    .strictObject({
      durationSeconds: z.number().int().min(0).max(86_400).optional(),
      outcome: z.string().trim().max(200).optional(),
    })
    .optional(),
  ...SubjectLinks,
});
export type ActivityCreateBody = z.infer<typeof ActivityCreateBody>;

export const TimelineQuery = PageQuery.extend({
  contactId: Id.optional(),
  companyId: Id.optional(),
  dealId: Id.optional(),
  leadId: Id.optional(),
});
export type TimelineQuery = z.infer<typeof TimelineQuery>;
