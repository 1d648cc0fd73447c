import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ReplyRouteChoice } from '@voronka/contract';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { replyOptions, resolveRoute } from './reply-routes.js';
import { queueReply } from './send.js';
import { channels, conversations, type ChannelKind } from './tables.js';

const MESSENGERS: ChannelKind[] = ['telegram', 'vk', 'whatsapp'];

// The client's latest messenger conversation on an enabled channel among the given contacts (a
// subquery of contact ids): where a message to the client goes so they see one thread.
export async function latestMessengerThread(
  ctx: Ctx,
  contactIds: SQL,
): Promise<{ id: string; channelId: string } | null> {
  const [row] = await ctx.tx
    .select({ id: conversations.id, channelId: conversations.channelId })
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
        sql`${conversations.contactId} in (${contactIds})`,
        inArray(conversations.kind, MESSENGERS),
        eq(channels.enabled, true),
      ),
    )
    .orderBy(desc(conversations.lastMessageAt))
    .limit(1);
  return row ?? null;
}

// A message to a client from Voronka itself (an automation rule): into the request's conversation,
// else the client's latest conversation among `contactIds` (a subquery), by the route the client
// can be reached on — the conversation's own channel, else one of its e-mail or messenger routes
// (reply-routes.ts) — so the client sees one thread. Stored as queued and sent by inbox.send (one
// send per message). A client with no conversation or no way to reach them is refused.
export async function messageClient(
  ctx: Ctx,
  target: { conversationId?: string | null; contactIds?: SQL | null },
  via: 'auto' | 'email' | 'messenger',
  text: string,
): Promise<{ messageId: string; conversationId: string; route: string }> {
  const conv = await clientConversation(ctx, target);
  if (!conv)
    throw new DomainError(
      'reply.route_unavailable',
      'the client has no conversation to write into',
    );
  const { routes, missing } = await replyOptions(ctx, conv);
  const own = routes.find((r) => r.via === 'channel');
  const ownKind = own && 'kind' in own ? own.kind : null;
  const pick =
    via === 'email'
      ? ownKind === 'email'
        ? own
        : routes.find((r) => r.via === 'email')
      : via === 'messenger'
        ? ownKind && MESSENGERS.includes(ownKind)
          ? own
          : routes.find((r) => r.via === 'messenger')
        : (own ??
          routes.find((r) => r.via === 'messenger') ??
          routes.find((r) => r.via === 'email'));
  if (!pick)
    throw new DomainError(
      'reply.route_unavailable',
      `no ${via === 'auto' ? 'e-mail or messenger' : via} route to the client (${missing.join(', ') || 'none'})`,
    );
  const choice: ReplyRouteChoice =
    pick.via === 'email'
      ? { via: 'email', channelId: pick.channelId, to: pick.to }
      : pick.via === 'messenger'
        ? { via: 'messenger', conversationId: pick.conversationId }
        : { via: 'channel' };
  const route = await resolveRoute(ctx, conv, choice);
  const messageId = await queueReply(ctx, conv, {
    text,
    channelId: route.channelId,
    delivery: route.delivery,
  });
  return { messageId, conversationId: conv.id, route: pick.via };
}

async function clientConversation(
  ctx: Ctx,
  target: { conversationId?: string | null; contactIds?: SQL | null },
) {
  const where = target.conversationId
    ? eq(conversations.id, target.conversationId)
    : target.contactIds
      ? sql`${conversations.contactId} in (${target.contactIds})`
      : null;
  if (!where) return null;
  const [row] = await ctx.tx
    .select()
    .from(conversations)
    .where(and(eq(conversations.workspaceId, ctx.workspaceId), where))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(1);
  return row ?? null;
}

// The conversation a request was raised in (its latest, should it have several).
export async function conversationOfLead(ctx: Ctx, leadId: string): Promise<string | null> {
  const [row] = await ctx.tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, ctx.workspaceId), eq(conversations.leadId, leadId)))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(1);
  return row?.id ?? null;
}
