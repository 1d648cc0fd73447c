import { z } from 'zod';
import { Id, Name, Timestamp } from './common.js';

// The dunning ladder: reminders about an invoice before, on and after its due date, by e-mail, in
// the client's messenger conversation and as a task for the invoice's manager.

/** The variables a step's subject and text may name as {{name}}; nothing else is filled. */
export const DUNNING_VARIABLES = [
  'number',
  'date',
  'amount',
  'openAmount',
  'dueDate',
  'daysOverdue',
  'client',
  'link',
] as const;
export type DunningVariable = (typeof DUNNING_VARIABLES)[number];

export const DunningChannel = z.enum(['email', 'messenger', 'task']);
export type DunningChannel = z.infer<typeof DunningChannel>;

export const DunningStep = z.strictObject({
  /** Days relative to the due date: −3 three days before, 0 on the day, 7 a week after. */
  offsetDays: z.number().int().min(-60).max(365),
  channels: z.array(DunningChannel).min(1).max(3),
  /** The e-mail's subject (and the task's title). */
  subject: Name(300),
  text: z.string().trim().min(1).max(4000),
});
export type DunningStep = z.infer<typeof DunningStep>;

export const DunningPolicyBody = z.strictObject({
  name: Name(200),
  /** The workspace's ladder: the one the daily scan follows (one at a time). */
  isDefault: z.boolean().default(false),
  enabled: z.boolean().default(true),
  steps: z.array(DunningStep).min(1).max(12),
});
export type DunningPolicyBody = z.input<typeof DunningPolicyBody>;

export const DunningPolicy = z.object({
  id: Id,
  name: z.string(),
  isDefault: z.boolean(),
  enabled: z.boolean(),
  steps: z.array(DunningStep),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type DunningPolicy = z.infer<typeof DunningPolicy>;

export const DunningPolicyList = z.object({ items: z.array(DunningPolicy) });
export type DunningPolicyList = z.infer<typeof DunningPolicyList>;

export const DunningPreviewBody = z.strictObject({
  subject: z.string().max(300),
  text: z.string().max(4000),
  /** A real issued invoice to fill from; a sample invoice when omitted. */
  invoiceId: Id.optional(),
});
export type DunningPreviewBody = z.infer<typeof DunningPreviewBody>;

export const DunningPreview = z.object({ subject: z.string(), text: z.string() });
export type DunningPreview = z.infer<typeof DunningPreview>;

export const DunningPauseBody = z.strictObject({
  reason: Name(500),
  /** Paused until then (resumes by itself); indefinitely when omitted. */
  until: Timestamp.nullable().optional(),
});
export type DunningPauseBody = z.input<typeof DunningPauseBody>;

export const DunningPause = z.object({
  pausedBy: Id.nullable(),
  reason: z.string(),
  until: Timestamp.nullable(),
  pausedAt: Timestamp,
});
export type DunningPause = z.infer<typeof DunningPause>;

export const DunningRunStatus = z.enum([
  'queued',
  'sending',
  'sent',
  'skipped',
  'stopped',
  'failed',
]);
export type DunningRunStatus = z.infer<typeof DunningRunStatus>;

export const DunningRun = z.object({
  id: Id,
  invoiceId: Id,
  invoiceNumber: z.string().nullable(),
  offsetDays: z.number().int(),
  channels: z.array(DunningChannel),
  status: DunningRunStatus,
  /** Why it was skipped, stopped or failed. */
  note: z.string().nullable(),
  createdAt: Timestamp,
  doneAt: Timestamp.nullable(),
});
export type DunningRun = z.infer<typeof DunningRun>;

/** A company's dunning: paused or not, and the reminders sent about its invoices. */
export const DunningState = z.object({
  companyId: Id,
  pause: DunningPause.nullable(),
  runs: z.array(DunningRun),
});
export type DunningState = z.infer<typeof DunningState>;
