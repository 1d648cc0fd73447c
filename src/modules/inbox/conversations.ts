import type {
  Conversation,
  ConversationSummary,
  ConversationUpdateBody,
  InboxCounts,
  InboxQuery,
  Message,
  MessagesQuery,
  Page,
} from '@voronka/contract';
import { and, desc, eq, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { decodeCursor, encodeCursor, toPage } from '../../platform/http/pagination.js';
import * as clients from '../clients/service.js';
import * as leads from '../leads/service.js';
import * as workspaces from '../workspaces/service.js';
import { publish, type InboxEvent } from './runtime.js';
import {
  channels,
  conversationReads,
  conversations,
  files,
  messages,
  type ChannelKind,
} from './tables.js';

// Who sees a conversation: the leads' rule on its assignee (own / team, where a team also sees the
// unassigned ones), or anyone who sees the request it raised.
export function conversationScope(ctx: Ctx): SQL | undefined {
  const perms = ctx.actor.permissions;
  if (!perms || perms.leads.visibility === 'all') return undefined;
  return or(
    workspaces.visibleTo(ctx, 'leads', conversations.assigneeId),
    perms.leads.visibility === 'team' ? isNull(conversations.assigneeId) : undefined,
    inArray(conversations.leadId, leads.visibleLeadIds(ctx)),
  );
}

// Read state is the caller's own: a message is unread for a member when it is inbound (a call
// only when missed: ringing/answered/ended are events, not something left to read) and newer than
// the member's mark in conversation_reads (ids are UUIDv7, so time-ordered). A caller that is not a
// member (a job, the CLI) has no mark: every inbound message counts.
const NO_MARK = '00000000-0000-0000-0000-000000000000';
function readMark(ctx: Ctx): SQL {
  if (!ctx.actor.memberId) return sql`${NO_MARK}::uuid`;
  return sql`coalesce((select r.last_read_message_id from conversation_reads r where r.workspace_id = ${conversations.workspaceId} and r.conversation_id = ${conversations.id} and r.member_id = ${ctx.actor.memberId}), ${NO_MARK}::uuid)`;
}
const unreadMessages = (ctx: Ctx) =>
  sql`from messages m where m.workspace_id = ${conversations.workspaceId} and m.conversation_id = ${conversations.id} and m.direction = 'in' and (m.call is null or m.call->>'event' = 'missed') and m.id > ${readMark(ctx)}`;
export const unreadCount = (ctx: Ctx) =>
  sql<number>`(select count(*) ${unreadMessages(ctx)})`.mapWith(Number);
export const hasUnread = (ctx: Ctx) => sql`exists (select 1 ${unreadMessages(ctx)})`;

const summaryColumns = (ctx: Ctx) => ({
  id: conversations.id,
  channelId: conversations.channelId,
  channelKind: channels.kind,
  channelName: channels.name,
  subject: conversations.subject,
  clientName: conversations.clientName,
  clientAddress: conversations.clientAddress,
  contactId: conversations.contactId,
  leadId: conversations.leadId,
  status: conversations.status,
  assigneeId: conversations.assigneeId,
  unread: unreadCount(ctx),
  lastMessageAt: conversations.lastMessageAt,
  // Exact (microseconds) for the keyset: a JS Date would cut it to milliseconds.
  cursorAt: sql<string>`${conversations.lastMessageAt}::text`,
  createdAt: conversations.createdAt,
  preview: sql<
    string | null
  >`(select left(m.text, 200) from messages m where m.workspace_id = ${conversations.workspaceId} and m.conversation_id = ${conversations.id} order by m.id desc limit 1)`,
  // The request's routing (joined as rl): priority and first-response deadline.
  priorityScore: sql<number | null>`rl.rl_priority`,
  priorityReasons: sql<{ code: string; weight: number; sign: '+' | '-' }[] | null>`rl.rl_reasons`,
  firstResponseDueAt: sql<string | null>`rl.rl_due`,
  firstRespondedAt: sql<string | null>`rl.rl_responded`,
});

export const joinChannel = and(
  eq(channels.workspaceId, conversations.workspaceId),
  eq(channels.id, conversations.channelId),
);
type SummaryRow = {
  id: string;
  channelId: string;
  channelKind: ChannelKind;
  channelName: string;
  subject: string | null;
  clientName: string | null;
  clientAddress: string | null;
  contactId: string | null;
  leadId: string | null;
  status: 'open' | 'closed';
  assigneeId: string | null;
  unread: number;
  lastMessageAt: Date;
  cursorAt: string;
  createdAt: Date;
  preview: string | null;
  priorityScore: number | null;
  priorityReasons: { code: string; weight: number; sign: '+' | '-' }[] | null;
  firstResponseDueAt: string | null;
  firstRespondedAt: string | null;
};

const isoOf = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

async function toSummaries(ctx: Ctx, rows: SummaryRow[]): Promise<ConversationSummary[]> {
  // The client and the request it raised are shown only when the caller sees them (the one rule).
  const names = await clients.recordNames(ctx, {
    contacts: rows.flatMap((r) => (r.contactId ? [r.contactId] : [])),
  });
  const leadsSeen = await workspaces.visibleIds(
    ctx,
    'leads',
    rows.map((r) => r.leadId),
  );
  return rows.map((r) => ({
    id: r.id,
    channel: { id: r.channelId, kind: r.channelKind, name: r.channelName },
    subject: r.subject,
    clientName: r.clientName,
    clientAddress: r.clientAddress,
    contact:
      r.contactId && names.contacts.has(r.contactId)
        ? { id: r.contactId, name: names.contacts.get(r.contactId)! }
        : null,
    leadId: workspaces.shownId(r.leadId, leadsSeen),
    status: r.status,
    assigneeId: r.assigneeId,
    unread: r.unread,
    lastMessageAt: r.lastMessageAt.toISOString(),
    preview: r.preview,
    createdAt: r.createdAt.toISOString(),
    priority:
      r.priorityScore === null
        ? null
        : { score: r.priorityScore, reasons: r.priorityReasons ?? [] },
    firstResponseDueAt: isoOf(r.firstResponseDueAt),
    firstRespondedAt: isoOf(r.firstRespondedAt),
  }));
}

// sort=recent: newest activity first, keyset on (last_message_at, id). sort=priority (default): the
// warm-first queue — open requests still awaiting their first response first, warmest first, then
// the nearest deadline, then newest; paged by position (a queue is read from its top).
export async function listInbox(ctx: Ctx, q: InboxQuery): Promise<Page<ConversationSummary>> {
  const byPriority = q.sort !== 'recent';
  const after = byPriority ? null : decodeCursor(q.cursor, ['timestamp', 'uuid']);
  const offset =
    byPriority && q.cursor ? Number(decodeCursor(q.cursor, ['text', 'offset'])![1]) : 0;
  const where = and(
    eq(conversations.workspaceId, ctx.workspaceId),
    conversationScope(ctx),
    q.channelId ? eq(conversations.channelId, q.channelId) : undefined,
    q.kind ? eq(conversations.kind, q.kind) : undefined,
    q.status ? eq(conversations.status, q.status) : undefined,
    q.assigneeId === 'none'
      ? isNull(conversations.assigneeId)
      : q.assigneeId
        ? eq(conversations.assigneeId, q.assigneeId)
        : undefined,
    q.unread === 'true'
      ? hasUnread(ctx)
      : q.unread === 'false'
        ? sql`not ${hasUnread(ctx)}`
        : undefined,
    after
      ? sql`(${conversations.lastMessageAt}, ${conversations.id}) < (${String(after[0])}::timestamptz, ${String(after[1])}::uuid)`
      : undefined,
  );
  const order = byPriority
    ? [
        sql`case when ${conversations.status} = 'open' and rl.rl_status = 'new' and rl.rl_responded is null then 0 else 1 end`,
        sql`rl.rl_priority desc nulls last`,
        sql`rl.rl_due asc nulls last`,
        desc(conversations.lastMessageAt),
        desc(conversations.id),
      ]
    : [desc(conversations.lastMessageAt), desc(conversations.id)];
  const rows = await selectSummaries(ctx)
    .where(where)
    .orderBy(...order)
    .limit(q.limit + 1)
    .offset(offset);
  const page = toPage(
    rows,
    q.limit,
    (r) => r,
    (r) => (byPriority ? ['p', offset + q.limit] : [r.cursorAt, r.id]),
  );
  return { items: await toSummaries(ctx, page.items), nextCursor: page.nextCursor };
}

function selectSummaries(ctx: Ctx) {
  const rl = leads.routingView(ctx);
  return ctx.tx
    .select(summaryColumns(ctx))
    .from(conversations)
    .innerJoin(channels, joinChannel)
    .leftJoin(rl, sql`rl.rl_id = ${conversations.leadId}`);
}

// Conversations unread by the caller, per channel (every channel listed, so the filter shows them all).
export async function inboxCounts(ctx: Ctx): Promise<InboxCounts> {
  const unread = sql<number>`count(${conversations.id})`.mapWith(Number);
  const rows = await ctx.tx
    .select({
      id: channels.id,
      kind: channels.kind,
      name: channels.name,
      enabled: channels.enabled,
      unread,
    })
    .from(channels)
    .leftJoin(
      conversations,
      and(
        eq(conversations.workspaceId, channels.workspaceId),
        eq(conversations.channelId, channels.id),
        hasUnread(ctx),
        conversationScope(ctx),
      ),
    )
    .where(eq(channels.workspaceId, ctx.workspaceId))
    .groupBy(channels.id, channels.kind, channels.name, channels.enabled, channels.createdAt)
    .orderBy(channels.createdAt);
  return { unread: rows.reduce((n, r) => n + r.unread, 0), channels: rows };
}

export async function findConversation(ctx: Ctx, id: string) {
  const [row] = await ctx.tx
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.workspaceId, ctx.workspaceId),
        eq(conversations.id, id),
        conversationScope(ctx),
      ),
    );
  if (!row) throw new DomainError('conversation.not_found', 'conversation not found');
  return row;
}

const MESSAGES_SHOWN = 200;

// `scoped` false only after a write: a new assignee may have taken it out of the actor's sight. The
// records it names are shown by the actor's own visibility either way.
export async function getConversation(ctx: Ctx, id: string, scoped = true): Promise<Conversation> {
  if (scoped) await findConversation(ctx, id);
  const [row] = await selectSummaries(ctx).where(
    and(eq(conversations.workspaceId, ctx.workspaceId), eq(conversations.id, id)),
  );
  const [summary] = await toSummaries(ctx, [row!]);
  const rows = await ctx.tx
    .select()
    .from(messages)
    .where(and(eq(messages.workspaceId, ctx.workspaceId), eq(messages.conversationId, id)))
    .orderBy(desc(messages.id))
    .limit(MESSAGES_SHOWN + 1);
  const lead = row!.leadId ? await leads.leadSummary(ctx, row!.leadId) : null;
  // What the request became (converted: its company and deal), else the contact's company.
  const became =
    lead?.status === 'converted' ? await leads.getLead(ctx, lead.id).catch(() => null) : null;
  const company =
    became?.company ?? (row!.contactId ? await contactCompany(ctx, row!.contactId) : null);
  const deal = became?.deal ?? null;
  const shown = rows.slice(0, MESSAGES_SHOWN).reverse();
  const hasOlder = rows.length > MESSAGES_SHOWN;
  // The oldest message shown is where GET /conversations/{id}/messages continues.
  return {
    ...summary!,
    company,
    deal,
    lead,
    messages: shown.map(toMessage),
    hasOlder,
    olderCursor: hasOlder ? encodeCursor([shown[0]!.id]) : null,
  };
}

// The history beyond what the conversation shows, newest first, keyset on the message id (UUIDv7,
// so time-ordered; messages that arrive meanwhile do not shift the pages).
export async function listMessages(ctx: Ctx, id: string, q: MessagesQuery): Promise<Page<Message>> {
  await findConversation(ctx, id);
  const before = decodeCursor(q.cursor, ['uuid']);
  const rows = await ctx.tx
    .select()
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, ctx.workspaceId),
        eq(messages.conversationId, id),
        before ? lt(messages.id, String(before[0])) : undefined,
      ),
    )
    .orderBy(desc(messages.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toMessage, (r) => [r.id]);
}

async function contactCompany(ctx: Ctx, contactId: string) {
  const contact = await clients.getContact(ctx, contactId).catch(() => null);
  return contact?.companyId ? { id: contact.companyId, name: contact.companyName ?? '' } : null;
}

export function toMessage(m: typeof messages.$inferSelect): Message {
  return {
    id: m.id,
    direction: m.direction,
    text: m.text,
    html: m.html,
    sender: m.sender,
    attachments: m.attachments,
    call: (m.call as Message['call']) ?? null,
    status: m.status,
    error: m.error,
    delivery: m.delivery ?? null,
    channelId: m.channelId,
    authorId: m.authorId,
    sentAt: m.sentAt?.toISOString() ?? null,
    createdAt: m.createdAt.toISOString(),
  };
}

// Marks the conversation read up to its newest message for the caller only; others' marks stay.
export async function markRead(ctx: Ctx, id: string): Promise<void> {
  await findConversation(ctx, id);
  const memberId = ctx.actor.memberId;
  if (!memberId) return;
  const newest = sql`(select m.id from messages m where m.workspace_id = ${ctx.workspaceId} and m.conversation_id = ${id} order by m.id desc limit 1)`;
  await ctx.tx
    .insert(conversationReads)
    .values({
      workspaceId: ctx.workspaceId,
      memberId,
      conversationId: id,
      lastReadMessageId: newest,
      lastReadAt: sql`now()`,
    })
    .onConflictDoUpdate({
      target: [
        conversationReads.workspaceId,
        conversationReads.memberId,
        conversationReads.conversationId,
      ],
      // Never backwards: a slower request that read less does not undo a later mark.
      set: {
        lastReadMessageId: sql`greatest(${conversationReads.lastReadMessageId}, excluded.last_read_message_id)`,
        lastReadAt: sql`now()`,
      },
    });
  await publish(
    ctx.workspaceId,
    { type: 'inbox.conversation', conversationId: id, memberIds: [memberId] },
    ctx.tx,
  );
}

export async function updateConversation(
  ctx: Ctx,
  id: string,
  body: ConversationUpdateBody,
): Promise<Conversation> {
  const before = await findConversation(ctx, id);
  if (body.assigneeId) {
    const user = await workspaces.getUser(ctx, body.assigneeId).catch(() => null);
    if (!user || user.status !== 'active')
      throw new DomainError('user.not_found', 'assignee not found', { field: 'assigneeId' });
  }
  if (body.contactId) {
    const contact = await clients.getContact(ctx, body.contactId).catch(() => null);
    if (!contact)
      throw new DomainError('contact.not_found', 'contact not found', { field: 'contactId' });
  }
  const set = Object.fromEntries(
    Object.entries({
      status: body.status,
      assigneeId: body.assigneeId,
      contactId: body.contactId,
    }).filter(([, v]) => v !== undefined),
  );
  if (Object.keys(set).length)
    await ctx.tx
      .update(conversations)
      .set(set)
      .where(and(eq(conversations.workspaceId, ctx.workspaceId), eq(conversations.id, id)));
  await recordAudit(ctx, {
    action: 'conversation.updated',
    entity: 'conversations',
    entityId: id,
    before: { status: before.status, assigneeId: before.assigneeId, contactId: before.contactId },
    after: {
      status: before.status,
      assigneeId: before.assigneeId,
      contactId: before.contactId,
      ...set,
    },
  });
  await publish(ctx.workspaceId, { type: 'inbox.conversation', conversationId: id }, ctx.tx);
  // A new assignee may have taken it out of the actor's sight: answer with what was written.
  return getConversation(ctx, id, false);
}

// A stored file, if the actor sees the conversation it belongs to.
export async function getFile(ctx: Ctx, id: string) {
  const [file] = await ctx.tx
    .select()
    .from(files)
    .where(and(eq(files.workspaceId, ctx.workspaceId), eq(files.id, id)));
  if (!file) throw new DomainError('file.not_found', 'file not found');
  if (file.conversationId)
    await findConversation(ctx, file.conversationId).catch(() => {
      throw new DomainError('file.not_found', 'file not found');
    });
  return file;
}

// What of a workspace event a member may see: events of a conversation only when they see the
// conversation, a ringing call's client and request only when they see those (events addressed to
// members are filtered by address before this).
export async function eventShown(ctx: Ctx, e: InboxEvent): Promise<InboxEvent | null> {
  if ('memberIds' in e && e.memberIds) return e;
  if (!('conversationId' in e) || !e.conversationId) return e;
  if (
    !(await findConversation(ctx, e.conversationId).then(
      () => true,
      () => false,
    ))
  )
    return null;
  if (e.type !== 'call.ringing') return e;
  const [contact] = await workspaces.hideInvisibleLinks(
    ctx,
    [{ contactId: e.contactId, leadId: e.leadId }],
    { contactId: 'contacts', leadId: 'leads' },
  );
  return { ...e, contactId: contact!.contactId, leadId: contact!.leadId };
}
