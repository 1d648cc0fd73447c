import type { ReplyOptions, ReplyRoute, ReplyRouteChoice } from '@voronka/contract';
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import * as clients from '../clients/service.js';
import { SENDING_KINDS, type ConversationRow } from './send.js';
import {
  channels,
  conversations,
  messages,
  type ChannelKind,
  type MessageDelivery,
} from './tables.js';

// The ways a reply can reach the client of a conversation. A conversation's own channel when it
// can send; a website form or a call has none, and every channel may also be answered another way:
// - e-mail through each of the workspace's enabled mailboxes with outgoing mail (an SMTP server and
//   a From address) to each address the client left (their messages, the linked contact);
// - the client's conversation in a messenger (Telegram, VK, WhatsApp) through the linked contact;
// - a call to the client's phone, logged as the reply (the member calls; nothing is sent).
// SMS: no SMS provider exists yet, so it is never offered (missing: no_sms_provider when a phone
// is known). `missing` says why a way is absent, so the reply box can say it plainly.

const MESSENGERS: ChannelKind[] = ['telegram', 'vk', 'whatsapp'];
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);

export async function replyOptions(ctx: Ctx, conv: ConversationRow): Promise<ReplyOptions> {
  const routes: ReplyRoute[] = [];
  const missing: ReplyOptions['missing'] = [];
  const [own] = await ctx.tx
    .select()
    .from(channels)
    .where(and(eq(channels.workspaceId, ctx.workspaceId), eq(channels.id, conv.channelId)));
  if (own && SENDING_KINDS.includes(own.kind)) {
    if (own.enabled)
      routes.push({
        via: 'channel',
        channelId: own.id,
        channelName: own.name,
        kind: own.kind,
        to: conv.clientAddress,
      });
    else missing.push('channel_disabled');
  }
  const { emails, phones } = await clientPoints(ctx, conv);
  if (conv.kind !== 'email') {
    const mailboxes = await outgoingMailboxes(ctx);
    if (!emails.length) missing.push('no_email_address');
    if (!mailboxes.length) missing.push('no_outgoing_mail');
    for (const box of mailboxes)
      for (const to of emails)
        routes.push({ via: 'email', channelId: box.id, channelName: box.name, to });
  }
  if (conv.contactId) {
    const chats = await ctx.tx
      .select({
        id: conversations.id,
        kind: conversations.kind,
        channelId: channels.id,
        channelName: channels.name,
        to: conversations.clientAddress,
      })
      .from(conversations)
      .innerJoin(
        channels,
        and(
          eq(channels.workspaceId, conversations.workspaceId),
          eq(channels.id, conversations.channelId),
        ),
      )
      .where(
        and(
          eq(conversations.workspaceId, ctx.workspaceId),
          eq(conversations.contactId, conv.contactId),
          ne(conversations.id, conv.id),
          inArray(conversations.kind, MESSENGERS),
          eq(channels.enabled, true),
        ),
      )
      .orderBy(desc(conversations.lastMessageAt))
      .limit(5);
    for (const c of chats)
      routes.push({
        via: 'messenger',
        channelId: c.channelId,
        channelName: c.channelName,
        kind: c.kind,
        conversationId: c.id,
        to: c.to,
      });
  }
  if (phones.length) {
    routes.push({ via: 'call', to: phones[0]! });
    missing.push('no_sms_provider');
  } else missing.push('no_phone');
  return { routes, missing };
}

// The client's e-mail addresses and phones: from what they sent in this conversation (a form's
// fields, an e-mail's From), then the linked contact's.
async function clientPoints(
  ctx: Ctx,
  conv: ConversationRow,
): Promise<{ emails: string[]; phones: string[] }> {
  const senders = await ctx.tx
    .selectDistinct({
      email: sql<string | null>`lower(${messages.sender} ->> 'email')`,
      phone: sql<string | null>`${messages.sender} ->> 'phone'`,
    })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, ctx.workspaceId),
        eq(messages.conversationId, conv.id),
        eq(messages.direction, 'in'),
      ),
    )
    .limit(20);
  const emails = senders
    .map((s) => str(s.email))
    .filter((e): e is string => !!e && e.includes('@'));
  const phones = senders.map((s) => str(s.phone)).filter((p): p is string => !!p);
  if (conv.contactId) {
    // The linked contact's addresses only when the member may read that contact (the one visibility
    // rule): what the client wrote in this conversation is offered either way.
    const contact = await clients.getContact(ctx, conv.contactId).catch(() => null);
    if (contact) {
      emails.push(...contact.emails.map((e) => e.address.toLowerCase()));
      phones.push(...contact.phones.map((p) => p.number));
    }
  }
  if (conv.clientAddress?.includes('@')) emails.push(conv.clientAddress.toLowerCase());
  else if (conv.clientAddress && /^\+?\d[\d\s()-]{4,}$/.test(conv.clientAddress))
    phones.push(conv.clientAddress);
  return { emails: [...new Set(emails)].slice(0, 5), phones: [...new Set(phones)].slice(0, 5) };
}

// Enabled mailboxes that can send: an SMTP server and a From (or intake) address, oldest first.
async function outgoingMailboxes(ctx: Ctx) {
  const rows = await ctx.tx
    .select({ id: channels.id, name: channels.name, settings: channels.settings })
    .from(channels)
    .where(
      and(
        eq(channels.workspaceId, ctx.workspaceId),
        eq(channels.kind, 'email'),
        eq(channels.enabled, true),
      ),
    )
    .orderBy(asc(channels.createdAt), asc(channels.id));
  return rows.filter(
    (r) =>
      str(r.settings.smtpHost) && (str(r.settings.fromAddress) ?? str(r.settings.intakeAddress)),
  );
}

export type ResolvedRoute = { channelId: string; delivery: MessageDelivery | null };

// The member's choice checked against what exists for this client: the channel the message goes
// by and how. No choice means the conversation's own channel, refused (422 naming `route`) when it
// has none; a choice that is not among the options is refused the same way, naming its field.
export async function resolveRoute(
  ctx: Ctx,
  conv: ConversationRow,
  choice: ReplyRouteChoice | undefined,
): Promise<ResolvedRoute> {
  const { routes, missing } = await replyOptions(ctx, conv);
  const wanted = choice ?? { via: 'channel' as const };
  if (wanted.via === 'channel') {
    if (routes.some((r) => r.via === 'channel'))
      return { channelId: conv.channelId, delivery: null };
    if (missing.includes('channel_disabled'))
      throw new DomainError(
        'channel.disabled',
        'the channel this conversation came through is disabled',
      );
    const ways = routes.map((r) => r.via).filter((v, i, a) => a.indexOf(v) === i);
    throw new DomainError(
      'reply.route_required',
      ways.length
        ? `this conversation's channel cannot send a reply: choose how to reach the client (${ways.join(', ')}; GET /conversations/{id}/reply-options)`
        : `there is no way to reach this client: ${missing.join(', ')}`,
      { field: 'route' },
    );
  }
  if (wanted.via === 'email') {
    const options = routes.filter(
      (r): r is Extract<ReplyRoute, { via: 'email' }> =>
        r.via === 'email' && r.channelId === wanted.channelId,
    );
    if (!options.length)
      throw new DomainError(
        'reply.route_unavailable',
        missing.includes('no_email_address')
          ? 'the client left no e-mail address'
          : 'the mailbox does not exist, is disabled or has no outgoing mail (SMTP) set up',
        { field: 'route.channelId' },
      );
    const asked = wanted.to?.toLowerCase();
    const to = asked ? options.find((o) => o.to === asked)?.to : options[0]!.to;
    if (!to)
      throw new DomainError('reply.route_unavailable', 'not one of the client’s e-mail addresses', {
        field: 'route.to',
      });
    return { channelId: wanted.channelId, delivery: { via: 'email', to } };
  }
  if (wanted.via === 'messenger') {
    const chat = routes.find(
      (r): r is Extract<ReplyRoute, { via: 'messenger' }> =>
        r.via === 'messenger' && r.conversationId === wanted.conversationId,
    );
    if (!chat)
      throw new DomainError(
        'reply.route_unavailable',
        'not a messenger conversation of this client',
        { field: 'route.conversationId' },
      );
    return {
      channelId: chat.channelId,
      delivery: { via: 'messenger', conversationId: chat.conversationId },
    };
  }
  const call = routes.find((r) => r.via === 'call');
  if (!call)
    throw new DomainError('reply.route_unavailable', 'the client left no phone number', {
      field: 'route',
    });
  return { channelId: conv.channelId, delivery: { via: 'call', to: call.to } };
}
