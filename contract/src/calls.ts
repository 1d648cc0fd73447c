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
  // Calls that lasted at least / at most this many seconds of talk.
  minDurationSec: z.coerce.number().int().min(0).max(172_800).optional(),
  maxDurationSec: z.coerce.number().int().min(0).max(172_800).optional(),
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
// A script is a small graph: steps, each with answers/objections ("дорого", "уже есть поставщик")
// leading to another step (`next`; none: the following step). A step without answers is a plain
// section of text.
const StepId = z.string().trim().min(1).max(40);
export const CallScriptAnswer = z.strictObject({
  label: z.string().trim().min(1).max(200),
  objection: z.boolean().optional(),
  next: StepId.nullish(),
});
export const CallListScriptSection = z.strictObject({
  id: StepId.optional(),
  title: z.string().trim().min(1).max(200),
  text: z.string().max(10_000),
  answers: z.array(CallScriptAnswer).max(20).optional(),
});
export type CallListScriptSection = z.infer<typeof CallListScriptSection>;
export const CallScript = z
  .array(CallListScriptSection)
  .max(50)
  .superRefine((steps, ctx) => {
    const ids = new Set<string>();
    steps.forEach((s, i) => {
      if (s.id && ids.has(s.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: 'step ids must be unique' });
      if (s.id) ids.add(s.id);
    });
    steps.forEach((s, i) =>
      s.answers?.forEach((a, j) => {
        if (a.next && !ids.has(a.next))
          ctx.addIssue({
            code: 'custom',
            path: [i, 'answers', j, 'next'],
            message: `no step with id "${a.next}"`,
          });
      }),
    );
  });
export const CallOutcome = z.enum([
  'no_answer',
  'busy',
  'call_back',
  'not_interested',
  'interested',
  'meeting_booked',
  'wrong_number',
  // Closed because the number was put on the do-not-call list (not chosen by a caller).
  'do_not_call',
]);
export type CallOutcome = z.infer<typeof CallOutcome>;
// The step and the answer taken there, in the order the call went.
export const CallScriptPathStep = z.strictObject({
  stepId: StepId,
  answer: z.string().trim().min(1).max(200),
});
export type CallScriptPathStep = z.infer<typeof CallScriptPathStep>;

export const CallListCreateBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  managerIds: z.array(Id).min(1).max(50),
  script: CallScript.default([]),
  // A selection (up to 5,000 records), a search over contacts with phones, and/or a segment: one
  // of my saved views of contacts or companies (a company stands for its contacts).
  contactIds: z.array(Id).max(5000).optional(),
  companyIds: z.array(Id).max(5000).optional(),
  search: z.string().trim().min(1).max(200).optional(),
  viewId: Id.optional(),
});
export type CallListCreateBody = z.infer<typeof CallListCreateBody>;
export const CallListUpdateBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  managerIds: z.array(Id).min(1).max(50).optional(),
  script: CallScript.optional(),
});
export type CallListUpdateBody = z.infer<typeof CallListUpdateBody>;
// A list from a CSV/XLSX file (the body is the file): a column of numbers, another of names.
export const CallListImportQuery = z.strictObject({
  name: z.string().trim().min(1).max(200),
  managerIds: z
    .string()
    .max(2000)
    .transform((v) => v.split(',').filter(Boolean))
    .pipe(z.array(Id).min(1).max(50)),
  fileName: z.string().trim().min(1).max(200).default('list.csv'),
  // Zero-based columns; by default the first column that holds phone numbers and the one before it.
  phoneColumn: z.coerce.number().int().min(0).max(200).optional(),
  nameColumn: z.coerce.number().int().min(0).max(200).optional(),
});
export type CallListImportQuery = z.infer<typeof CallListImportQuery>;

export const CallList = z.object({
  id: Id,
  name: z.string(),
  managerIds: z.array(Id),
  script: z.array(CallListScriptSection),
  source: z.enum(['selection', 'search', 'view', 'import']).nullable(),
  total: z.number().int(),
  done: z.number().int(),
  // Clients left out when the list was made: their number is on the do-not-call list.
  excludedDoNotCall: z.number().int(),
  createdAt: Timestamp,
});
export type CallList = z.infer<typeof CallList>;
// A list made from a file: the rows left out because their number is not a phone number.
export const CallListImported = CallList.extend({ skippedRows: z.number().int() });
export type CallListImported = z.infer<typeof CallListImported>;

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
  scriptPath: z.array(CallScriptPathStep).nullable(),
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
    outcome: CallOutcome.exclude(['do_not_call']),
    note: z.string().trim().max(4000).optional(),
    // The script's steps and answers taken (checked against the list's script).
    scriptPath: z.array(CallScriptPathStep).max(100).optional(),
    // The client asked not to be called again: their number goes on the do-not-call list.
    doNotCall: z.boolean().optional(),
    // call_back / meeting_booked: when (a call or meeting task is created for the caller).
    callBackAt: Timestamp.optional(),
    // not_interested: why.
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .superRefine((b, ctx) => {
    if ((b.outcome === 'call_back' || b.outcome === 'meeting_booked') && !b.callBackAt)
      ctx.addIssue({ code: 'custom', path: ['callBackAt'], message: `required for ${b.outcome}` });
    if (b.outcome === 'not_interested' && !b.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'required for not_interested' });
  });
export type CallOutcomeBody = z.infer<typeof CallOutcomeBody>;

// Which answer was taken at each step of a list's script, over its recorded calls.
export const CallScriptBranches = z.object({
  items: z.array(z.object({ stepId: z.string(), answer: z.string(), count: z.number().int() })),
});
export type CallScriptBranches = z.infer<typeof CallScriptBranches>;

// The do-not-call list: numbers no call list hands out.
export const DoNotCallEntry = z.object({
  id: Id,
  phone: z.string(),
  contactId: Id.nullable(),
  reason: z.string().nullable(),
  source: z.enum(['manual', 'call', 'import']),
  createdAt: Timestamp,
});
export type DoNotCallEntry = z.infer<typeof DoNotCallEntry>;
export const DoNotCallQuery = z.strictObject({ contactId: Id.optional() });
export const DoNotCallBody = z
  .strictObject({
    // Every phone of the contact, or one number.
    contactId: Id.optional(),
    phone: z.string().trim().min(3).max(40).optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((b) => b.contactId || b.phone, {
    path: ['phone'],
    message: 'give a phone or a contactId',
  });
export type DoNotCallBody = z.infer<typeof DoNotCallBody>;
