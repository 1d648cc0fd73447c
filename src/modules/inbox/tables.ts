import {
  boolean,
  customType,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { createdAt, ts, workspaceId } from '../../platform/db/columns.js';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export type ChannelKind = 'web' | 'email' | 'telegram' | 'vk' | 'whatsapp' | 'phone';
export type MessageStatus = 'received' | 'queued' | 'sent' | 'failed';
export type Attachment = {
  fileId: string | null;
  name: string;
  type: string;
  size: number;
  omitted?: 'too_large';
};
// How an outbound message reaches the client (null: through the conversation's own channel). A
// website form or a call has no way back of its own: the reply goes by e-mail through one of the
// workspace's mailboxes to the address the client left, through the client's messenger
// conversation, or is a call the member logged (messages.channel_id is the channel it went by).
export type MessageDelivery =
  | { via: 'channel' }
  | { via: 'email'; to: string }
  | { via: 'messenger'; conversationId: string }
  | { via: 'call'; to: string | null };
export type MessageSender = {
  name?: string | null;
  phone?: string | null;
  email?: string | null;
  handle?: { kind: 'telegram' | 'vk' | 'whatsapp'; id: string } | null;
};

// One way into the workspace (a website, a mailbox, a bot, a PBX account). `secrets` is one JSON
// object sealed by the platform Sealer and never returned; `public_key` names the channel in its
// public webhook URLs, so it is unique across all workspaces (read before a workspace is known).
export const channels = pgTable(
  'channels',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    kind: text('kind').$type<ChannelKind>().notNull(),
    name: text('name').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    settings: jsonb('settings').$type<Record<string, unknown>>().notNull().default({}),
    secrets: text('secrets'),
    publicKey: text('public_key').notNull(),
    cursor: jsonb('cursor').$type<Record<string, unknown>>().notNull().default({}),
    // Why the system switched the channel off (an intake address another channel holds), or null.
    disabledReason: text('disabled_reason'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('channels_public_key_uq').on(t.publicKey),
    index('channels_kind_idx').on(t.workspaceId, t.kind),
    // An e-mail intake address belongs to one channel of one workspace across the installation,
    // enabled or not (intakeAddressKey is this expression; the SMTP intake looks it up by it).
    uniqueIndex('channels_intake_address_uq')
      .using('btree', sql`lower(btrim(${t.settings} ->> 'intakeAddress'))`)
      .where(
        sql`${t.kind} = 'email' and coalesce(btrim(${t.settings} ->> 'intakeAddress'), '') <> ''`,
      ),
  ],
);

// A thread with one client through one channel: a chat, a mail thread, a caller's number.
export const conversations = pgTable(
  'conversations',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    channelId: uuid('channel_id').notNull(),
    kind: text('kind').$type<ChannelKind>().notNull(),
    threadKey: text('thread_key').notNull(),
    contactId: uuid('contact_id'),
    leadId: uuid('lead_id'),
    subject: text('subject'),
    clientName: text('client_name'),
    clientAddress: text('client_address'),
    status: text('status').$type<'open' | 'closed'>().notNull().default('open'),
    assigneeId: uuid('assignee_id'),
    lastMessageAt: ts('last_message_at').notNull().defaultNow(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.channelId],
      foreignColumns: [channels.workspaceId, channels.id],
    }).onDelete('cascade'),
    uniqueIndex('conversations_thread_uq').on(t.workspaceId, t.channelId, t.threadKey),
    index('conversations_activity_idx').on(t.workspaceId, t.lastMessageAt, t.id),
    index('conversations_assignee_idx').on(t.workspaceId, t.assigneeId, t.lastMessageAt),
    index('conversations_lead_idx').on(t.workspaceId, t.leadId),
    index('conversations_contact_idx').on(t.workspaceId, t.contactId),
  ],
);

// Every item in and out. The unique (channel, direction, external id) makes a provider's retry
// insert nothing; outbound rows get their external id from the provider once sent.
export const messages = pgTable(
  'messages',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    channelId: uuid('channel_id').notNull(),
    direction: text('direction').$type<'in' | 'out'>().notNull(),
    externalId: text('external_id'),
    text: text('text'),
    html: text('html'),
    sender: jsonb('sender').$type<MessageSender>().notNull().default({}),
    attachments: jsonb('attachments').$type<Attachment[]>().notNull().default([]),
    call: jsonb('call').$type<Record<string, unknown>>(),
    delivery: jsonb('delivery').$type<MessageDelivery>(),
    status: text('status').$type<MessageStatus>().notNull(),
    error: text('error'),
    sendAttempts: integer('send_attempts').notNull().default(0),
    authorId: uuid('author_id'),
    sentAt: ts('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.conversationId],
      foreignColumns: [conversations.workspaceId, conversations.id],
    }).onDelete('cascade'),
    uniqueIndex('messages_external_uq').on(t.workspaceId, t.channelId, t.direction, t.externalId),
    index('messages_conversation_idx').on(t.workspaceId, t.conversationId, t.id),
  ],
);

// Attachments, stored with the message in one transaction (≤ 10 MiB each).
export const files = pgTable(
  'files',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    conversationId: uuid('conversation_id'),
    name: text('name').notNull(),
    type: text('type').notNull(),
    size: integer('size').notNull(),
    content: bytea('content').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('files_conversation_idx').on(t.workspaceId, t.conversationId),
  ],
);

// How far each member has read a conversation: read state is per member, not shared. A message is
// unread for a member when it is inbound (a call counts only when missed) and newer than their mark
// (message ids are UUIDv7, so time-ordered); no row means nothing read yet.
export const conversationReads = pgTable(
  'conversation_reads',
  {
    workspaceId: workspaceId(),
    memberId: uuid('member_id').notNull(),
    conversationId: uuid('conversation_id').notNull(),
    lastReadMessageId: uuid('last_read_message_id'),
    lastReadAt: ts('last_read_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.memberId, t.conversationId] }),
    foreignKey({
      columns: [t.workspaceId, t.conversationId],
      foreignColumns: [conversations.workspaceId, conversations.id],
    }).onDelete('cascade'),
    index('conversation_reads_conversation_idx').on(t.workspaceId, t.conversationId),
  ],
);
