import { and, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as crm from '../crm/service.js';
import * as leads from '../leads/service.js';
import * as workspaces from '../workspaces/service.js';
import { MAX_FILE_BYTES, safeFileName, safeType, sanitiseHtml } from './content.js';
import { publish } from './events.js';
import { channels, conversations, files, messages, type Attachment, type ChannelKind, type MessageSender } from './tables.js';

export type InboundItem = {
  channelId: string;
  threadKey: string;
  externalId: string;
  text: string | null;
  html?: string | null;
  subject?: string | null;
  from: MessageSender;
  attachments?: { name: string; type: string; content: Buffer }[];
  utm?: Record<string, string>;
  source?: string | null;
  at?: Date;
  call?: {
    event: 'ringing' | 'answered' | 'missed' | 'ended'; durationSec?: number; recordingUrl?: string | null; managerPhone?: string | null;
    // Added by the telephony channel: the provider's id of the whole call (its events then update
    // one timeline activity), the direction, the member the call is routed to (owner of the
    // call-back task) and the members whose screens pop up on ringing (absent: everyone's).
    callId?: string; direction?: 'in' | 'out'; managerId?: string | null; notify?: string[];
  };
  noLead?: boolean;
};

export type Accepted = { duplicate: boolean; conversationId: string; messageId: string | null; leadId: string | null; contactId: string | null };

type Conversation = typeof conversations.$inferSelect;

// The one entry point of every channel, in the caller's transaction (the provider's 2xx goes out
// after it commits). A provider's repeat of the same external id inserts nothing and changes
// nothing. Otherwise: the conversation of (channel, thread) is found or opened, the client matched,
// a request raised unless one is open, and the message stored with its files.
export async function acceptInbound(ctx: Ctx, item: InboundItem): Promise<Accepted> {
  const channel = await loadChannel(ctx, item.channelId);
  const existing = await findInbound(ctx, item);
  if (existing) return { duplicate: true, ...existing, messageId: null };
  const from = await normaliseFrom(ctx, item.from);
  const conv = await openConversation(ctx, channel.kind, item, from);
  const messageId = newId();
  const { attachments, stored } = prepareFiles(ctx, conv.id, item.attachments ?? []);
  const [inserted] = await ctx.tx
    .insert(messages)
    .values({
      workspaceId: ctx.workspaceId, id: messageId, conversationId: conv.id, channelId: item.channelId, direction: 'in', externalId: item.externalId,
      text: item.text?.slice(0, 100_000) ?? null, html: sanitiseHtml(item.html), sender: from, attachments, call: item.call ? { ...item.call, notify: undefined } : null, status: 'received', createdAt: item.at ?? new Date(),
    })
    .onConflictDoNothing()
    .returning({ id: messages.id });
  // A concurrent delivery of the same item won the race: it did everything.
  if (!inserted) return { duplicate: true, conversationId: conv.id, messageId: null, leadId: conv.leadId, contactId: conv.contactId };
  if (stored.length) await ctx.tx.insert(files).values(stored);
  const contact = conv.contactId ? { id: conv.contactId, companyId: null as string | null } : await matchClient(ctx, from);
  const leadId = await leadFor(ctx, channel, conv, item, from, contact);
  await ctx.tx
    .update(conversations)
    .set({
      contactId: conv.contactId ?? contact?.id ?? null,
      leadId,
      status: 'open',
      // A call's ringing/answered/ended are events, not something left to read; a missed call is.
      unread: !item.call || item.call.event === 'missed' ? sql`${conversations.unread} + 1` : conversations.unread,
      lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${(item.at ?? new Date()).toISOString()}::timestamptz)`,
      subject: conv.subject ?? item.subject?.slice(0, 500) ?? null,
      clientName: conv.clientName ?? from.name ?? null,
    })
    .where(and(eq(conversations.workspaceId, ctx.workspaceId), eq(conversations.id, conv.id)));
  if (item.call) await recordCall(ctx, item, from, { conversationId: conv.id, contactId: contact?.id ?? null, companyId: contact?.companyId ?? null, leadId, assigneeId: conv.assigneeId });
  await publish(ctx.workspaceId, { type: 'inbox.message', conversationId: conv.id, messageId }, ctx.tx);
  if (item.call?.event === 'ringing') await publish(ctx.workspaceId, { type: 'call.ringing', conversationId: conv.id, contactId: contact?.id ?? null, leadId, ...(item.call.notify ? { memberIds: item.call.notify } : {}) }, ctx.tx);
  // telephony: a pop-up closes when its call is over.
  if (item.call?.event === 'ended' || item.call?.event === 'missed') await publish(ctx.workspaceId, { type: 'call.ended', conversationId: conv.id }, ctx.tx);
  return { duplicate: false, conversationId: conv.id, messageId, leadId, contactId: conv.contactId ?? contact?.id ?? null };
}

async function loadChannel(ctx: Ctx, id: string) {
  const [row] = await ctx.tx.select({ id: channels.id, kind: channels.kind, name: channels.name }).from(channels).where(and(eq(channels.workspaceId, ctx.workspaceId), eq(channels.id, id)));
  if (!row) throw new DomainError('channel.not_found', 'channel not found', { field: 'channelId' });
  return row;
}

async function findInbound(ctx: Ctx, item: InboundItem) {
  const [row] = await ctx.tx
    .select({ conversationId: messages.conversationId, leadId: conversations.leadId, contactId: conversations.contactId })
    .from(messages)
    .innerJoin(conversations, and(eq(conversations.workspaceId, messages.workspaceId), eq(conversations.id, messages.conversationId)))
    .where(and(eq(messages.workspaceId, ctx.workspaceId), eq(messages.channelId, item.channelId), eq(messages.direction, 'in'), eq(messages.externalId, item.externalId)));
  return row ?? null;
}

// Phones to E.164 by the workspace's region (kept as received when they do not parse), e-mails
// lower-case; what the client wrote is kept otherwise.
async function normaliseFrom(ctx: Ctx, from: MessageSender): Promise<MessageSender> {
  const region = from.phone ? crm.defaultPhoneRegion((await workspaces.getWorkspace(ctx)).locale) : undefined;
  const phone = from.phone ? (crm.toE164(from.phone, region) ?? from.phone.trim().slice(0, 40)) : null;
  const email = from.email ? from.email.trim().toLowerCase().slice(0, 320) : null;
  return { name: from.name?.trim().slice(0, 300) || null, phone, email, handle: from.handle ?? null };
}

async function openConversation(ctx: Ctx, kind: ChannelKind, item: InboundItem, from: MessageSender): Promise<Conversation> {
  const where = and(eq(conversations.workspaceId, ctx.workspaceId), eq(conversations.channelId, item.channelId), eq(conversations.threadKey, item.threadKey));
  const [found] = await ctx.tx.select().from(conversations).where(where);
  if (found) return found;
  const address = from.phone ?? from.email ?? (from.handle ? `${from.handle.kind}:${from.handle.id}` : null);
  await ctx.tx
    .insert(conversations)
    .values({ workspaceId: ctx.workspaceId, id: newId(), channelId: item.channelId, kind, threadKey: item.threadKey, clientName: from.name ?? null, clientAddress: address, subject: item.subject?.slice(0, 500) ?? null, lastMessageAt: item.at ?? new Date() })
    .onConflictDoNothing();
  const [row] = await ctx.tx.select().from(conversations).where(where);
  return row!;
}

// Messenger id first (the most specific), then phone, then e-mail.
async function matchClient(ctx: Ctx, from: MessageSender) {
  if (from.handle) {
    // Contacts keep Telegram usernames without the "@".
    const id = from.handle.kind === 'telegram' ? from.handle.id.replace(/^@/, '') : from.handle.id;
    const m = await crm.findContactByPoint(ctx, from.handle.kind, id);
    if (m) return m;
  }
  if (from.phone?.startsWith('+')) {
    const m = await crm.findContactByPoint(ctx, 'phone', from.phone);
    if (m) return m;
  }
  return from.email ? crm.findContactByPoint(ctx, 'email', from.email) : null;
}

type Contact = { id: string; companyId: string | null } | null;

// A conversation raises a request when it has none, or when the team closed it and its request
// is finished; follow-ups join the open one. Calls raise one only when missed (an answered call is
// handled live), and auto-replies or bounces (noLead) never.
async function leadFor(ctx: Ctx, channel: { kind: ChannelKind; name: string }, conv: Conversation, item: InboundItem, from: MessageSender, contact: Contact): Promise<string | null> {
  if (item.noLead || (item.call && item.call.event !== 'missed')) return conv.leadId;
  if (conv.leadId && (conv.status === 'open' || (await leads.isLeadOpen(ctx, conv.leadId)))) return conv.leadId;
  return leads.raiseInboundLead(ctx, {
    channel: channel.kind,
    source: item.source ?? channel.name,
    utm: item.utm ?? {},
    title: item.subject ?? null,
    message: item.text ?? (item.html ? sanitiseHtml(item.html)?.replace(/<[^>]*>/g, ' ') ?? null : null),
    contactName: from.name ?? null,
    contactPhone: from.phone ?? null,
    contactEmail: from.email ?? null,
    contactId: contact?.id ?? null,
    companyId: contact?.companyId ?? null,
  });
}

function prepareFiles(ctx: Ctx, conversationId: string, list: NonNullable<InboundItem['attachments']>) {
  const attachments: Attachment[] = [];
  const stored: (typeof files.$inferInsert)[] = [];
  for (const a of list) {
    const name = safeFileName(a.name);
    const type = safeType(a.type);
    // Too large to keep: the message is kept and says a file was left out.
    if (a.content.length > MAX_FILE_BYTES) {
      attachments.push({ fileId: null, name, type, size: a.content.length, omitted: 'too_large' });
      continue;
    }
    const id = newId();
    attachments.push({ fileId: id, name, type, size: a.content.length });
    stored.push({ workspaceId: ctx.workspaceId, id, conversationId, name, type, size: a.content.length, content: a.content });
  }
  return { attachments, stored };
}

type CallLinks = { conversationId: string; contactId: string | null; companyId: string | null; leadId: string | null; assigneeId: string | null };

// A finished or missed call goes on the client's timeline; a missed one also asks for a call-back.
async function recordCall(ctx: Ctx, item: InboundItem, from: MessageSender, l: CallLinks) {
  const call = item.call!;
  // telephony: with a call id, an answered call is on the timeline at once and its end updates it.
  if (call.event !== 'ended' && call.event !== 'missed' && !(call.event === 'answered' && call.callId)) return;
  if (l.contactId || l.leadId) {
    const activity = {
      contactId: l.contactId, companyId: l.companyId, leadId: l.leadId, at: item.at ?? new Date(), body: item.text ?? null,
      data: { direction: call.direction ?? 'in', event: call.event, durationSec: call.durationSec ?? null, recordingUrl: call.recordingUrl ?? null, phone: from.phone ?? null, managerPhone: call.managerPhone ?? null, managerId: call.managerId ?? null, conversationId: l.conversationId },
    };
    if (call.callId) await crm.upsertCallActivity(ctx, call.callId, activity);
    else await crm.writeActivity(ctx, { kind: 'call', ...activity });
  }
  if (call.event === 'missed') {
    const ru = (await workspaces.getWorkspace(ctx)).locale !== 'en';
    const who = from.name ?? from.phone ?? '';
    await crm.createTask(ctx, { kind: 'call', title: `${ru ? 'Перезвонить' : 'Call back'}: ${who}`.slice(0, 300), dueAt: new Date().toISOString(), ownerId: l.assigneeId ?? call.managerId ?? null, contactId: l.contactId, leadId: l.leadId });
  }
}
