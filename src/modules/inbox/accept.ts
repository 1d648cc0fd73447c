import { and, eq, sql, type SQLWrapper } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as activities from '../activities/service.js';
import * as clients from '../clients/service.js';
import * as leads from '../leads/service.js';
import * as workspaces from '../workspaces/service.js';
import { announce } from './announce.js';
import { MAX_FILE_BYTES, safeFileName, safeType, sanitiseHtml } from './content.js';
import { storeInbound, type Conversation } from './intake-statement.js';
import {
  conversations,
  files,
  type Attachment,
  type ChannelKind,
  type MessageSender,
} from './tables.js';

export type InboundItem = {
  channelId: string;
  threadKey: string;
  // An existing conversation of another channel the item joins (the client's e-mail answering our
  // e-mail reply to their website request); threadKey is then not used.
  conversationId?: string;
  externalId: string;
  text: string | null;
  html?: string | null;
  subject?: string | null;
  from: MessageSender;
  attachments?: { name: string; type: string; content: Buffer }[];
  utm?: Record<string, string>;
  source?: string | null;
  at?: Date;
  // A call's event (the telephony channel: activities.planCall); filed by activities.recordCall.
  call?: activities.CallFacts;
  noLead?: boolean;
  // A write of the caller's (e.g. the form submission row), given the conversation and request this
  // item settled on, sent in the same round trip as the conversation's update (same transaction).
  // Not called for a repeat (duplicate: true).
  alongside?: (links: { conversationId: string; leadId: string | null }) => SQLWrapper;
};

export type Accepted = {
  duplicate: boolean;
  conversationId: string;
  messageId: string | null;
  leadId: string | null;
  contactId: string | null;
};

// The one entry point of every channel, in the caller's transaction (the provider's 2xx goes out
// after it commits). A provider's repeat of the same external id inserts nothing and changes
// nothing. Otherwise: the conversation of (channel, thread) is found or opened, the client matched,
// a request raised unless one is open, and the message stored with its files.
// Round trips: one statement reads the channel, checks for a repeat, finds or opens the
// conversation, stores the message and matches the client; then the request (when one is raised),
// and its audit row with the conversation's bump and the caller's own write in one.
export async function acceptInbound(ctx: Ctx, item: InboundItem): Promise<Accepted> {
  const from = await normaliseFrom(ctx, item.from);
  const messageId = newId();
  const at = item.at ?? new Date();
  const { attachments, stored } = prepareFiles(ctx, item.attachments ?? []);
  const lead = raisesLead(item) ? inboundLead(item, from) : null;
  const found = await storeInbound(ctx, { item, from, messageId, attachments, at, lead });
  if (!found.channel)
    throw new DomainError('channel.not_found', 'channel not found', { field: 'channelId' });
  if (found.existing) return { duplicate: true, ...found.existing, messageId: null };
  const conv = found.conversation!;
  // A concurrent delivery of the same item won the race: it did everything.
  if (!found.inserted)
    return {
      duplicate: true,
      conversationId: conv.id,
      messageId: null,
      leadId: conv.leadId,
      contactId: conv.contactId,
    };
  if (stored.length)
    await ctx.tx.insert(files).values(stored.map((f) => ({ ...f, conversationId: conv.id })));
  const contact = conv.contactId
    ? { id: conv.contactId, companyId: null as string | null }
    : found.contact;
  const { leadId, audit } = found.lead
    ? raised(leads.inboundLeadAudit(ctx, found.lead))
    : await leadFor(ctx, found.channel, conv, item, from, contact);
  await settle(ctx, item, conv, { at, from, contact, leadId, audit });
  const links = {
    conversationId: conv.id,
    contactId: contact?.id ?? null,
    companyId: contact?.companyId ?? null,
    leadId,
    assigneeId: conv.assigneeId,
  };
  if (item.call)
    await activities.recordCall(ctx, {
      ...links,
      call: item.call,
      at,
      text: item.text ?? null,
      from,
    });
  await announce(ctx, item, links, messageId);
  return {
    duplicate: false,
    conversationId: conv.id,
    messageId,
    leadId,
    contactId: conv.contactId ?? contact?.id ?? null,
  };
}

type Contact = { id: string; companyId: string | null } | null;

// The conversation's bump, with the request's audit row and the caller's write in the same
// statement (each a data-modifying WITH, run exactly once whether or not the update reads it).
async function settle(
  ctx: Ctx,
  item: InboundItem,
  conv: Conversation,
  s: { at: Date; from: MessageSender; contact: Contact; leadId: string | null; audit?: SQLWrapper },
) {
  const bump = ctx.tx
    .update(conversations)
    .set({
      contactId: conv.contactId ?? s.contact?.id ?? null,
      leadId: s.leadId,
      status: 'open',
      lastMessageAt: sql`greatest(${conversations.lastMessageAt}, ${s.at.toISOString()}::timestamptz)`,
      subject: conv.subject ?? item.subject?.slice(0, 500) ?? null,
      clientName: conv.clientName ?? s.from.name ?? null,
    })
    .where(and(eq(conversations.workspaceId, ctx.workspaceId), eq(conversations.id, conv.id)));
  const along = [s.audit, item.alongside?.({ conversationId: conv.id, leadId: s.leadId })].filter(
    (q): q is SQLWrapper => q !== undefined,
  );
  if (!along.length) return void (await bump);
  await ctx.tx.execute(
    sql`with ${sql.join(
      along.map((q, i) => sql`${sql.raw(`along${i}`)} as (${q.getSQL()})`),
      sql`, `,
    )} ${bump.getSQL()}`,
  );
}

// Phones to E.164 by the workspace's region (kept as received when they do not parse), e-mails
// lower-case; what the client wrote is kept otherwise. A number written with its country code
// ("+7 …") parses without a region, so the workspace is read only for one without.
async function normaliseFrom(ctx: Ctx, from: MessageSender): Promise<MessageSender> {
  const international = from.phone ? clients.toE164(from.phone, undefined) : null;
  const region =
    from.phone && !international
      ? clients.defaultPhoneRegion((await workspaces.getWorkspace(ctx)).locale)
      : undefined;
  const phone = from.phone
    ? (international ?? clients.toE164(from.phone, region) ?? from.phone.trim().slice(0, 40))
    : null;
  const email = from.email ? from.email.trim().toLowerCase().slice(0, 320) : null;
  return {
    name: from.name?.trim().slice(0, 300) || null,
    phone,
    email,
    handle: from.handle ?? null,
  };
}

// Calls raise a request only when missed (an answered call is handled live), and auto-replies or
// bounces (noLead) never.
const raisesLead = (item: InboundItem) =>
  !item.noLead && !(item.call && item.call.event !== 'missed');

const raised = ({ id, audit }: { id: string; audit: SQLWrapper }) => ({ leadId: id, audit });

const inboundLead = (item: InboundItem, from: MessageSender) => ({
  utm: item.utm ?? {},
  title: item.subject ?? null,
  message:
    item.text ?? (item.html ? (sanitiseHtml(item.html)?.replace(/<[^>]*>/g, ' ') ?? null) : null),
  contactName: from.name ?? null,
  contactPhone: from.phone ?? null,
  contactEmail: from.email ?? null,
});

// A conversation raises a request when it has none (raised in the intake statement), or when
// the team closed it and its request is finished (here); follow-ups join the open one.
// A raised request's audit row comes back unsent (`audit`): the caller sends it with its next write.
async function leadFor(
  ctx: Ctx,
  channel: { kind: ChannelKind; name: string },
  conv: Conversation,
  item: InboundItem,
  from: MessageSender,
  contact: Contact,
): Promise<{ leadId: string | null; audit?: SQLWrapper }> {
  if (!raisesLead(item)) return { leadId: conv.leadId };
  if (conv.leadId && (conv.status === 'open' || (await leads.isLeadOpen(ctx, conv.leadId))))
    return { leadId: conv.leadId };
  const { id, audit } = await leads.insertInboundLead(ctx, {
    ...inboundLead(item, from),
    channel: channel.kind,
    source: item.source ?? channel.name,
    contactId: contact?.id ?? null,
    companyId: contact?.companyId ?? null,
    conversationId: conv.id,
  });
  return { leadId: id, audit };
}

function prepareFiles(ctx: Ctx, list: NonNullable<InboundItem['attachments']>) {
  const attachments: Attachment[] = [];
  const stored: Omit<typeof files.$inferInsert, 'conversationId'>[] = [];
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
    stored.push({
      workspaceId: ctx.workspaceId,
      id,
      name,
      type,
      size: a.content.length,
      content: a.content,
    });
  }
  return { attachments, stored };
}
