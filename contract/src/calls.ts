import { z } from 'zod';
import { Id, Timestamp } from './common.js';

// Calls made from Voronka: click-to-call through the workspace's cloud PBX (the PBX rings the
// manager's extension first, then the client), the manager's extension, the call journal and its
// statistics, and call lists (обзвон) worked one client at a time with a script.

// The manager's own extension at the PBX (Mango: the employee's extension; Zadarma: the SIP
// number or PBX extension the callback starts from). null clears it.
export const CallExtension = z.object({ extension: z.string().nullable() });
export type CallExtension = z.infer<typeof CallExtension>;
export const CallExtensionBody = z.strictObject({
  extension: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z_.@+-]{1,32}$/, 'digits, letters and . _ @ + - (up to 32)')
    .nullable(),
});
export type CallExtensionBody = z.infer<typeof CallExtensionBody>;

// Ring me, then the client. The record the call is started from is linked to the call's timeline
// entry once the PBX reports it. The Idempotency-Key header is required: one click rings once.
export const CallbackBody = z.strictObject({
  phone: z.string().trim().min(3).max(40),
  contactId: Id.optional(),
  companyId: Id.optional(),
  dealId: Id.optional(),
  leadId: Id.optional(),
  // The call list item the call was started from (call mode).
  callListItemId: Id.optional(),
});
export type CallbackBody = z.infer<typeof CallbackBody>;

export const OutgoingCallStatus = z.enum(['requested', 'failed', 'linked']);
export const OutgoingCall = z.object({
  id: Id,
  status: OutgoingCallStatus,
  provider: z.enum(['mango', 'zadarma']),
  phone: z.string(),
  extension: z.string(),
  // The PBX's id of the call once its first event arrived (then status is 'linked').
  callId: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: Timestamp,
});
export type OutgoingCall = z.infer<typeof OutgoingCall>;

// The call journal: every call on the timeline (PBX-reported, click-to-call or logged).
export const CallJournalQuery = z.strictObject({
  managerId: Id.optional(),
  direction: z.enum(['in', 'out']).optional(),
  result: z.enum(['answered', 'missed']).optional(),
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  callListId: Id.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type CallJournalQuery = z.infer<typeof CallJournalQuery>;

export const CallJournalEntry = z.object({
  id: Id,
  at: Timestamp,
  direction: z.enum(['in', 'out']),
  answered: z.boolean(),
  durationSec: z.number().int(),
  phone: z.string().nullable(),
  managerId: Id.nullable(),
  contactId: Id.nullable(),
  companyId: Id.nullable(),
  dealId: Id.nullable(),
  leadId: Id.nullable(),
  // Our own link to the recording (rights-checked, redirects to the PBX), or null.
  recordingUrl: z.string().nullable(),
  callListId: Id.nullable(),
  body: z.string().nullable(),
});
export type CallJournalEntry = z.infer<typeof CallJournalEntry>;

export const CallStatsQuery = z.strictObject({
  period: z.enum(['day', 'week']).default('day'),
  // Default: the last seven days.
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  managerId: Id.optional(),
});
export type CallStatsQuery = z.infer<typeof CallStatsQuery>;

export const CallStatsRow = z.object({
  // The day or the week's Monday (YYYY-MM-DD).
  bucket: z.string(),
  managerId: Id.nullable(),
  inbound: z.number().int(),
  outbound: z.number().int(),
  answered: z.number().int(),
  totalSec: z.number().int(),
  averageSec: z.number().int(),
});
export type CallStatsRow = z.infer<typeof CallStatsRow>;
export const CallStats = z.object({ items: z.array(CallStatsRow) });
export type CallStats = z.infer<typeof CallStats>;

// Call lists (обзвон).
export const CallListScriptSection = z.object({
  title: z.string().trim().min(1).max(200),
  text: z.string().max(10_000),
});
export const CallOutcome = z.enum([
  'no_answer',
  'call_back',
  'not_interested',
  'interested',
  'wrong_number',
]);
export type CallOutcome = z.infer<typeof CallOutcome>;

export const CallListCreateBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  managerIds: z.array(Id).min(1).max(50),
  script: z.array(CallListScriptSection).max(50).default([]),
  // A selection (up to 5,000 records) and/or a search over companies and contacts with phones.
  contactIds: z.array(Id).max(5000).optional(),
  companyIds: z.array(Id).max(5000).optional(),
  search: z.string().trim().min(1).max(200).optional(),
});
export type CallListCreateBody = z.infer<typeof CallListCreateBody>;

export const CallList = z.object({
  id: Id,
  name: z.string(),
  managerIds: z.array(Id),
  script: z.array(CallListScriptSection),
  total: z.number().int(),
  done: z.number().int(),
  createdAt: Timestamp,
});
export type CallList = z.infer<typeof CallList>;

export const CallListItem = z.object({
  id: Id,
  callListId: Id,
  contactId: Id.nullable(),
  companyId: Id.nullable(),
  name: z.string(),
  phone: z.string(),
  assigneeId: Id.nullable(),
  outcome: CallOutcome.nullable(),
  reason: z.string().nullable(),
  note: z.string().nullable(),
  callBackAt: Timestamp.nullable(),
  taskId: Id.nullable(),
  leadId: Id.nullable(),
  doneAt: Timestamp.nullable(),
});
export type CallListItem = z.infer<typeof CallListItem>;

// The next client of the list for the caller (handed to them alone), or null when the list is done.
export const CallListNext = z.object({
  item: CallListItem.nullable(),
  total: z.number().int(),
  done: z.number().int(),
});
export type CallListNext = z.infer<typeof CallListNext>;

export const CallOutcomeBody = z
  .strictObject({
    outcome: CallOutcome,
    note: z.string().trim().max(4000).optional(),
    // call_back: when (a task is created for the caller at that time).
    callBackAt: Timestamp.optional(),
    // not_interested: why.
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.outcome === 'call_back' && !b.callBackAt)
      ctx.addIssue({ code: 'custom', path: ['callBackAt'], message: 'required for call_back' });
    if (b.outcome === 'not_interested' && !b.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required for not_interested' });
  });
export type CallOutcomeBody = z.infer<typeof CallOutcomeBody>;
