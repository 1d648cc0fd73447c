import { z } from 'zod';
import { Id, PageQuery, Timestamp } from './common.js';

// One inbox for every channel: conversations with clients, their messages, and the channels
// (website, mailbox, bots, PBX) they arrive through.

export const ChannelKind = z.enum(['web', 'email', 'telegram', 'vk', 'whatsapp', 'phone']);
export type ChannelKind = z.infer<typeof ChannelKind>;

// The settings and secrets each kind's form offers (channel adapters read them by these names).
// Settings are shown back; secrets are write-only.
export const channelFields: Record<ChannelKind, { settings: string[]; secrets: string[] }> = {
  web: { settings: ['allowedDomains'], secrets: [] },
  email: {
    settings: [
      'intakeAddress',
      'imapHost',
      'imapPort',
      'imapUser',
      'smtpHost',
      'smtpPort',
      'smtpUser',
      'fromAddress',
      // DKIM: the signing domain and selector (the public key at <selector>._domainkey.<domain>).
      'dkimDomain',
      'dkimSelector',
    ],
    secrets: ['imapPassword', 'smtpPassword', 'dkimPrivateKey'],
  },
  // mode: 'webhook' (default) or 'polling' (getUpdates, for a server Telegram cannot reach).
  telegram: { settings: ['botUsername', 'mode'], secrets: ['botToken'] },
  vk: { settings: ['groupId', 'confirmationCode'], secrets: ['accessToken', 'secretKey'] },
  whatsapp: {
    settings: ['phoneNumberId', 'businessAccountId'],
    secrets: ['accessToken', 'appSecret', 'verifyToken'],
  },
  // provider: 'generic' | 'mango'. extensions: lines "101=anna@romashka.ru" (extension or phone =
  // member's e-mail). Mango signs with apiKey + apiSalt; the generic webhook with signingSecret.
  phone: { settings: ['provider', 'extensions'], secrets: ['apiKey', 'apiSalt', 'signingSecret'] },
};

const SettingKey = z
  .string()
  .regex(/^[a-zA-Z][a-zA-Z0-9_]{0,47}$/, 'letters, digits and _ (up to 48)');
const SettingValue = z.union([
  z.string().max(2000),
  z.number(),
  z.boolean(),
  z.array(z.string().max(300)).max(100),
]);
const Settings = z
  .record(SettingKey, SettingValue)
  .refine((o) => Object.keys(o).length <= 40, 'at most 40 settings');
// A secret: a new value replaces it, null removes it, an absent key keeps it.
const Secrets = z
  .record(SettingKey, z.string().min(1).max(4000).nullable())
  .refine((o) => Object.keys(o).length <= 20, 'at most 20 secrets');

export const Channel = z.object({
  id: Id,
  kind: ChannelKind,
  name: z.string(),
  enabled: z.boolean(),
  // Why the system switched the channel off (an intake address an older channel holds), or null.
  disabledReason: z.string().nullable(),
  settings: z.record(z.string(), z.unknown()),
  // Which secrets are set; their values are never returned.
  hasSecrets: z.record(z.string(), z.literal(true)),
  // The public addresses providers deliver to (from PUBLIC_URL and the channel's key).
  webhookUrls: z.array(z.object({ name: z.string(), url: z.string() })),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
export type Channel = z.infer<typeof Channel>;

// The channel list, with the domains an e-mail intake address may be in (VORONKA_MAIL_DOMAINS).
export const ChannelList = z.object({ items: z.array(Channel), mailDomains: z.array(z.string()) });
export type ChannelList = z.infer<typeof ChannelList>;

export const ChannelCreateBody = z.strictObject({
  kind: ChannelKind,
  name: z.string().trim().min(1).max(200),
  enabled: z.boolean().optional(),
  settings: Settings.optional(),
  secrets: Secrets.optional(),
});
export type ChannelCreateBody = z.infer<typeof ChannelCreateBody>;

export const ChannelUpdateBody = ChannelCreateBody.omit({ kind: true }).partial();
export type ChannelUpdateBody = z.infer<typeof ChannelUpdateBody>;

export const MessageStatus = z.enum(['received', 'queued', 'sent', 'failed']);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const Attachment = z.object({
  fileId: Id.nullable(),
  name: z.string(),
  type: z.string(),
  size: z.number().int(),
  omitted: z.literal('too_large').optional(),
});
export type Attachment = z.infer<typeof Attachment>;

// How an outbound message reaches the client (null: through the conversation's own channel).
export const MessageDelivery = z.discriminatedUnion('via', [
  z.object({ via: z.literal('channel') }),
  z.object({ via: z.literal('email'), to: z.string() }),
  z.object({ via: z.literal('messenger'), conversationId: Id }),
  z.object({ via: z.literal('call'), to: z.string().nullable() }),
]);
export type MessageDelivery = z.infer<typeof MessageDelivery>;

export const Message = z.object({
  id: Id,
  direction: z.enum(['in', 'out']),
  text: z.string().nullable(),
  // Sanitised on arrival (no scripts, styles, handlers; links http/https/mailto/tel only).
  html: z.string().nullable(),
  sender: z.object({
    name: z.string().nullable().optional(),
    phone: z.string().nullable().optional(),
    email: z.string().nullable().optional(),
    handle: z
      .object({ kind: z.enum(['telegram', 'vk', 'whatsapp']), id: z.string() })
      .nullable()
      .optional(),
  }),
  attachments: z.array(Attachment),
  call: z
    .object({
      event: z.enum(['ringing', 'answered', 'missed', 'ended']),
      durationSec: z.number().optional(),
      recordingUrl: z.string().nullable().optional(),
    })
    .nullable(),
  status: MessageStatus,
  // Why it was not delivered (failed), or the last attempt's reason while it is retried (queued).
  error: z.string().nullable(),
  delivery: MessageDelivery.nullable(),
  // The channel it went through (for a reply by e-mail to a website request: the mailbox).
  channelId: Id,
  authorId: Id.nullable(),
  sentAt: Timestamp.nullable(),
  createdAt: Timestamp,
});
export type Message = z.infer<typeof Message>;

const Ref = z.object({ id: Id, name: z.string() });

export const ConversationSummary = z.object({
  id: Id,
  channel: z.object({ id: Id, kind: ChannelKind, name: z.string() }),
  subject: z.string().nullable(),
  clientName: z.string().nullable(),
  clientAddress: z.string().nullable(),
  contact: Ref.nullable(),
  leadId: Id.nullable(),
  status: z.enum(['open', 'closed']),
  assigneeId: Id.nullable(),
  // Inbound messages the caller has not read (read state is per member).
  unread: z.number().int(),
  lastMessageAt: Timestamp,
  // The latest message's text, shortened, for the list.
  preview: z.string().nullable(),
  createdAt: Timestamp,
  // The request's routing: its priority (null before it is scored) and first-response deadline.
  priority: z
    .object({
      score: z.number().int(),
      reasons: z.array(
        z.object({ code: z.string(), weight: z.number(), sign: z.enum(['+', '-']) }),
      ),
    })
    .nullable(),
  firstResponseDueAt: Timestamp.nullable(),
  firstRespondedAt: Timestamp.nullable(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

export const Conversation = ConversationSummary.extend({
  company: Ref.nullable(),
  // The deal the request became (after conversion).
  deal: Ref.nullable(),
  lead: z
    .object({
      id: Id,
      status: z.enum(['new', 'in_work', 'qualified', 'converted', 'junk']),
      title: z.string().nullable(),
    })
    .nullable(),
  // The latest messages, oldest first; hasOlder says whether earlier ones exist, and olderCursor
  // is the `cursor` for GET /conversations/{id}/messages that pages back from the first one shown.
  messages: z.array(Message),
  hasOlder: z.boolean(),
  olderCursor: z.string().nullable(),
});
export type Conversation = z.infer<typeof Conversation>;

// GET /conversations/{id}/messages: the history, newest first, `limit` at a time (keyset cursor).
export const MessagesQuery = PageQuery;
export type MessagesQuery = z.infer<typeof MessagesQuery>;

export const InboxQuery = PageQuery.extend({
  channelId: Id.optional(),
  kind: ChannelKind.optional(),
  status: z.enum(['open', 'closed']).optional(),
  assigneeId: z.union([Id, z.literal('none')]).optional(),
  unread: z.enum(['true', 'false']).optional(),
  // priority (default): open requests awaiting a first response first, warmest first, then the
  // nearest deadline; recent: latest message first.
  sort: z.enum(['priority', 'recent']).optional(),
});
export type InboxQuery = z.infer<typeof InboxQuery>;

export const InboxCounts = z.object({
  // Conversations the caller can see with messages the caller has not read, in all and per channel.
  unread: z.number().int(),
  channels: z.array(
    z.object({
      id: Id,
      kind: ChannelKind,
      name: z.string(),
      enabled: z.boolean(),
      unread: z.number().int(),
    }),
  ),
});
export type InboxCounts = z.infer<typeof InboxCounts>;

// A way to reach the client from a conversation (GET /conversations/{id}/reply-options). A
// conversation's own channel when it can send (e-mail, Telegram, VK, WhatsApp); for a website
// form or a call, which have no way back: e-mail through one of the workspace's mailboxes with
// outgoing mail (SMTP) to an address the client left, the client's conversation in a messenger, or
// a call the member makes and logs. SMS is offered once an SMS provider exists (none yet).
export const ReplyRoute = z.discriminatedUnion('via', [
  z.object({
    via: z.literal('channel'),
    channelId: Id,
    channelName: z.string(),
    kind: ChannelKind,
    to: z.string().nullable(),
  }),
  z.object({ via: z.literal('email'), channelId: Id, channelName: z.string(), to: z.string() }),
  z.object({
    via: z.literal('messenger'),
    channelId: Id,
    channelName: z.string(),
    kind: ChannelKind,
    conversationId: Id,
    to: z.string().nullable(),
  }),
  z.object({ via: z.literal('call'), to: z.string().nullable() }),
]);
export type ReplyRoute = z.infer<typeof ReplyRoute>;

export const ReplyOptions = z.object({
  routes: z.array(ReplyRoute),
  // Why a way is not offered: no_email_address (the client left none), no_outgoing_mail (no mailbox
  // with an SMTP server), no_phone, no_sms_provider, channel_disabled.
  missing: z.array(
    z.enum([
      'no_email_address',
      'no_outgoing_mail',
      'no_phone',
      'no_sms_provider',
      'channel_disabled',
    ]),
  ),
});
export type ReplyOptions = z.infer<typeof ReplyOptions>;

// The chosen way (one of reply-options' routes; `to` one of the client's addresses it lists).
// (A plain union, described as anyOf: the API's own tests and clients generate samples from it.)
export const ReplyRouteChoice = z.union([
  z.strictObject({ via: z.literal('channel') }),
  z.strictObject({
    via: z.literal('email'),
    channelId: Id,
    to: z.string().trim().max(320).optional(),
  }),
  z.strictObject({ via: z.literal('messenger'), conversationId: Id }),
  z.strictObject({ via: z.literal('call') }),
]);
export type ReplyRouteChoice = z.infer<typeof ReplyRouteChoice>;

export const ReplyBody = z.strictObject({
  text: z.string().trim().min(1).max(10000),
  // Absent: the conversation's own channel, which a website form or a call does not have (422
  // reply.route_required naming `route`).
  route: ReplyRouteChoice.optional(),
  // Files as base64; the request as a whole stays under the API's 1 MiB body limit.
  attachments: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(255),
        type: z.string().max(255),
        contentBase64: z.base64().max(1_000_000),
      }),
    )
    .max(5)
    .optional(),
});
export type ReplyBody = z.infer<typeof ReplyBody>;

export const ConversationUpdateBody = z.strictObject({
  status: z.enum(['open', 'closed']).optional(),
  assigneeId: Id.nullable().optional(),
  // Link the client to a contact (e.g. one just created from the sender's data).
  contactId: Id.nullable().optional(),
});
export type ConversationUpdateBody = z.infer<typeof ConversationUpdateBody>;

// What GET /events streams (Server-Sent Events): ids only, the client refetches through the API.
// inbox.delivery_failed: a reply could not be delivered (to its author and the conversation's assignee).
export const InboxEventType = z.enum([
  'inbox.message',
  'inbox.conversation',
  'inbox.delivery_failed',
  'call.ringing',
  'call.ended',
]);
export type InboxEventType = z.infer<typeof InboxEventType>;
