import { z } from 'zod';
import { Id, Name, Timestamp } from './common.js';
import { ViewQuery } from './views.js';

// Segments and e-mail campaigns (src/modules/messaging/DESIGN.md «Segments», «Campaigns»).

// A segment: a saved filter over contacts — the contacts list's own filter (the query of a saved
// view: q, tag, ownerId, companyId, email, phone, custom.<key>[.gte|.lte]), never a second language.
export const Segment = z.object({
  id: Id,
  name: z.string(),
  entity: z.literal('contacts'),
  query: ViewQuery,
  // How many contacts it selects now, as the caller sees them.
  count: z.number().int(),
  createdAt: Timestamp,
});
export type Segment = z.infer<typeof Segment>;

export const SegmentCreateBody = z.strictObject({
  name: Name(200),
  entity: z.literal('contacts').default('contacts'),
  query: ViewQuery,
});
export type SegmentCreateBody = z.input<typeof SegmentCreateBody>;

export const SegmentCountBody = z.strictObject({
  entity: z.literal('contacts').default('contacts'),
  query: ViewQuery,
});
export type SegmentCountBody = z.input<typeof SegmentCountBody>;
export const SegmentCount = z.object({ count: z.number().int() });

export const CampaignStatus = z.enum(['draft', 'scheduled', 'sending', 'done', 'cancelled']);
export type CampaignStatus = z.infer<typeof CampaignStatus>;

// A recipient's state, one row per (campaign, contact): queued → sending → sent | failed;
// skipped (no consent, withdrawn, unsubscribed, no e-mail) is decided when the list is built.
// `sending` left by a process that died mid-send is never sent again: it becomes failed.
export const RecipientState = z.enum(['queued', 'sending', 'sent', 'failed', 'skipped']);
export type RecipientState = z.infer<typeof RecipientState>;
export const SkipReason = z.enum(['no_consent', 'withdrawn', 'unsubscribed', 'no_email']);
export type SkipReason = z.infer<typeof SkipReason>;

export const CampaignCounts = z.object({
  total: z.number().int(),
  queued: z.number().int(),
  sending: z.number().int(),
  sent: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  unsubscribed: z.number().int(),
});
export type CampaignCounts = z.infer<typeof CampaignCounts>;

export const Campaign = z.object({
  id: Id,
  name: z.string(),
  segmentId: Id,
  templateId: Id,
  channelId: Id,
  status: CampaignStatus,
  scheduledAt: Timestamp.nullable(),
  // Letters a second at most, for this campaign's workspace.
  rate: z.number().int(),
  counts: CampaignCounts,
  createdAt: Timestamp,
  startedAt: Timestamp.nullable(),
  finishedAt: Timestamp.nullable(),
});
export type Campaign = z.infer<typeof Campaign>;

export const CampaignCreateBody = z.strictObject({
  name: Name(200),
  segmentId: Id,
  // A letter template (subject + body).
  templateId: Id,
  // An e-mail channel with an SMTP server: the sender identity (its From and DKIM key).
  channelId: Id,
  // When to start; now when left out at start.
  scheduledAt: Timestamp.nullable().optional(),
  rate: z.number().int().min(1).max(1000).default(20),
});
export type CampaignCreateBody = z.input<typeof CampaignCreateBody>;

export const CampaignRecipient = z.object({
  contactId: Id,
  email: z.string().nullable(),
  state: RecipientState,
  skipReason: SkipReason.nullable(),
  error: z.string().nullable(),
  sentAt: Timestamp.nullable(),
});
export type CampaignRecipient = z.infer<typeof CampaignRecipient>;

export const CampaignRecipientQuery = z.strictObject({
  state: RecipientState.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: Id.optional(),
});
export type CampaignRecipientQuery = z.input<typeof CampaignRecipientQuery>;

// RFC 8058 one-click unsubscribe: the mail client POSTs `List-Unsubscribe=One-Click` to the URL of
// the List-Unsubscribe header; the signed token in it names the workspace, contact and campaign.
export const UnsubscribeQuery = z.strictObject({ token: z.string().min(10).max(600) });
