import { z } from 'zod';
import { Id, Timestamp } from './common.js';

// Personal data under 152-FZ (src/modules/privacy/DESIGN.md): the consent log, data-subject
// requests with their legal clock, the access log of cards, and handing a leaving member's clients
// over.

export const ConsentSource = z.enum([
  'form',
  'import',
  'manual',
  'booking',
  'calculator',
  // A campaign letter's one-click unsubscribe (messaging, RFC 8058).
  'unsubscribe',
]);
export type ConsentSource = z.infer<typeof ConsentSource>;
export const ConsentKind = z.enum(['given', 'withdrawn']);
export type ConsentKind = z.infer<typeof ConsentKind>;

// One entry of a person's consent log. `origin`: written in the log itself, or a website form's
// consent read through from the request it came with (`leadId`).
export const ConsentEvent = z.object({
  id: Id,
  contactId: Id,
  kind: ConsentKind,
  purpose: z.string(),
  textVersion: z.string().nullable(),
  text: z.string().nullable(),
  source: ConsentSource,
  at: Timestamp,
  ip: z.string().nullable(),
  memberId: Id.nullable(),
  origin: z.enum(['log', 'form']),
  leadId: Id.nullable(),
});
export type ConsentEvent = z.infer<typeof ConsentEvent>;

// The person's log, newest first, and the contact's flag it keeps in step.
export const ConsentLog = z.object({
  consent: z.enum(['unknown', 'given', 'withdrawn']),
  items: z.array(ConsentEvent),
});
export type ConsentLog = z.infer<typeof ConsentLog>;

export const ConsentRecordBody = z.strictObject({
  kind: ConsentKind,
  purpose: z.string().trim().min(1).max(200).default('processing'),
  textVersion: z.string().trim().min(1).max(50).optional(),
  text: z.string().trim().min(1).max(5000).optional(),
  source: ConsentSource.default('manual'),
  // When it was given (a paper consent signed earlier); now when left out. Not in the future.
  at: Timestamp.optional(),
});
export type ConsentRecordBody = z.input<typeof ConsentRecordBody>;

export const PrivacyRequestKind = z.enum(['access', 'correction', 'erasure']);
export type PrivacyRequestKind = z.infer<typeof PrivacyRequestKind>;
export const PrivacyRequestStatus = z.enum(['open', 'done', 'rejected']);
export type PrivacyRequestStatus = z.infer<typeof PrivacyRequestStatus>;

export const PrivacyExport = z.object({
  status: z.enum(['queued', 'running', 'done', 'failed']),
  done: z.number().int(),
  total: z.number().int(),
  size: z.number().int().nullable(),
});
export type PrivacyExport = z.infer<typeof PrivacyExport>;

export const PrivacyRequest = z.object({
  id: Id,
  contactId: Id,
  // The person's name as the card says now ("Удалённый контакт" once erased).
  contactName: z.string().nullable(),
  kind: PrivacyRequestKind,
  status: PrivacyRequestStatus,
  receivedAt: Timestamp,
  dueAt: Timestamp,
  extended: z.boolean(),
  extensionReason: z.string().nullable(),
  overdue: z.boolean(),
  note: z.string().nullable(),
  answer: z.string().nullable(),
  closedAt: Timestamp.nullable(),
  erasedAt: Timestamp.nullable(),
  export: PrivacyExport.nullable(),
  createdAt: Timestamp,
});
export type PrivacyRequest = z.infer<typeof PrivacyRequest>;

export const PrivacyRequestCreateBody = z.strictObject({
  contactId: Id,
  kind: PrivacyRequestKind,
  // When the request reached us (a letter received yesterday); now when left out.
  receivedAt: Timestamp.optional(),
  note: z.string().trim().max(5000).optional(),
});
export type PrivacyRequestCreateBody = z.input<typeof PrivacyRequestCreateBody>;

export const PrivacyRequestListQuery = z.strictObject({
  status: PrivacyRequestStatus.optional(),
  kind: PrivacyRequestKind.optional(),
  contactId: Id.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type PrivacyRequestListQuery = z.input<typeof PrivacyRequestListQuery>;

export const PrivacyRequestExtendBody = z.strictObject({
  reason: z.string().trim().min(3).max(2000),
});
export type PrivacyRequestExtendBody = z.infer<typeof PrivacyRequestExtendBody>;

export const PrivacyRequestCloseBody = z.strictObject({
  status: z.enum(['done', 'rejected']),
  answer: z.string().trim().min(1).max(10000),
});
export type PrivacyRequestCloseBody = z.infer<typeof PrivacyRequestCloseBody>;

// Erasure is irreversible: the caller types the person's name as the card shows it.
export const PrivacyEraseBody = z.strictObject({
  confirm: z.string().trim().min(1).max(300),
});
export type PrivacyEraseBody = z.infer<typeof PrivacyEraseBody>;

export const PrivacyErasure = z.object({
  request: PrivacyRequest,
  // Rows changed per table; tables kept by law (issued documents) are listed apart.
  changed: z.record(z.string(), z.number().int()),
  kept: z.array(z.string()),
});
export type PrivacyErasure = z.infer<typeof PrivacyErasure>;

export const PersonalDataAccessHow = z.enum(['view', 'export', 'vcard', 'privacy_export']);
export const PersonalDataAccess = z.object({
  id: Id,
  memberId: Id.nullable(),
  memberName: z.string().nullable(),
  entity: z.enum(['contacts', 'companies']),
  recordId: Id,
  recordName: z.string().nullable(),
  how: PersonalDataAccessHow,
  ip: z.string().nullable(),
  at: Timestamp,
});
export type PersonalDataAccess = z.infer<typeof PersonalDataAccess>;

export const PersonalDataAccessQuery = z.strictObject({
  memberId: Id.optional(),
  recordId: Id.optional(),
  how: PersonalDataAccessHow.optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
export type PersonalDataAccessQuery = z.input<typeof PersonalDataAccessQuery>;

// A leaving member's book: what a hand-over would move.
export const HandoverCounts = z.object({
  companies: z.number().int(),
  contacts: z.number().int(),
  deals: z.number().int(),
  leads: z.number().int(),
  tasks: z.number().int(),
});
export type HandoverCounts = z.infer<typeof HandoverCounts>;
export const HandoverPreviewQuery = z.strictObject({ memberId: Id });
export const HandoverPreview = z.object({
  memberId: Id,
  active: z.boolean(),
  counts: HandoverCounts,
});
export type HandoverPreview = z.infer<typeof HandoverPreview>;

export const HandoverBody = z.strictObject({
  fromMemberId: Id,
  // One receiver takes everything; several share it in turn (round robin), record by record.
  toMemberIds: z.array(Id).min(1).max(50),
  deactivate: z.boolean().default(true),
});
export type HandoverBody = z.input<typeof HandoverBody>;
export const HandoverResult = z.object({
  moved: HandoverCounts,
  perReceiver: z.record(z.string(), z.number().int()),
  deactivated: z.boolean(),
});
export type HandoverResult = z.infer<typeof HandoverResult>;

// Retention rules (152-FZ art. 5 part 7): how many months each kind of personal data is kept after
// its last activity — requests without a deal (nor a contact), closed conversations, contacts
// without deals. A job erases what is older through erasure's anonymisation and writes an act.
export const RetentionKind = z.enum(['leads', 'conversations', 'contacts']);
export type RetentionKind = z.infer<typeof RetentionKind>;

export const RetentionRule = z.object({
  kind: RetentionKind,
  months: z.number().int(),
  enabled: z.boolean(),
  updatedAt: Timestamp.nullable(),
  // Records the rule would erase now (older than the rule, not yet erased).
  due: z.number().int(),
});
export type RetentionRule = z.infer<typeof RetentionRule>;

export const RetentionRules = z.object({ items: z.array(RetentionRule) });
export type RetentionRules = z.infer<typeof RetentionRules>;

export const RetentionRulesBody = z.strictObject({
  rules: z
    .array(
      z.strictObject({
        kind: RetentionKind,
        months: z.number().int().min(1).max(600),
        enabled: z.boolean(),
      }),
    )
    .min(1)
    .max(3),
});
export type RetentionRulesBody = z.infer<typeof RetentionRulesBody>;

export const DestructionActItem = z.object({
  kind: RetentionKind,
  months: z.number().int(),
  records: z.number().int(),
  cutoff: Timestamp,
});

// Акт об уничтожении персональных данных: what one retention run destroyed.
export const DestructionAct = z.object({
  id: Id,
  number: z.number().int(),
  at: Timestamp,
  items: z.array(DestructionActItem),
  changed: z.record(z.string(), z.number().int()),
  responsibleId: Id.nullable(),
  responsibleName: z.string().nullable(),
});
export type DestructionAct = z.infer<typeof DestructionAct>;

export const RetentionRunResult = z.object({ act: DestructionAct.nullable() });
export type RetentionRunResult = z.infer<typeof RetentionRunResult>;
