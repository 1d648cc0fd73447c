import type { Activity } from '@voronka/contract';
import { and, desc, eq, inArray, isNull, lt, not, or } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import * as activities from '../activities/service.js';
import * as leads from '../leads/service.js';
import { conversationScope, joinChannel } from './conversations.js';
import { publish } from './runtime.js';
import { channels, conversations, messages } from './tables.js';

// The inbox on the client's records: a converted request's conversations follow it to its contact,
// and their messages are on the timelines of the records they concern.

// A converted request's conversations follow it to the contact it became (a leads conversion
// listener, same transaction): the inbox then shows the client as known, with links.
export async function linkConversationsOfLead(ctx: Ctx, c: leads.LeadConversion): Promise<void> {
  const linked = await ctx.tx
    .update(conversations)
    .set({ contactId: c.contactId })
    .where(and(eq(conversations.workspaceId, ctx.workspaceId), eq(conversations.leadId, c.leadId)))
    .returning({ id: conversations.id });
  for (const { id } of linked)
    await publish(ctx.workspaceId, { type: 'inbox.conversation', conversationId: id }, ctx.tx);
}

// A timeline source (activities.addTimelineSource): the messages of the subject's conversations — the
// contact's own and those of its requests (a deal's: of the requests it came from) — that the reader
// may see. Calls are not repeated here (each is a call activity already), nor the message that
// raised a request shown on the same timeline.
export async function messageEntries(
  ctx: Ctx,
  s: activities.TimelineSubject,
  beforeId: string | null,
  limit: number,
): Promise<Activity[]> {
  const ofLeads = inArray(conversations.leadId, leads.leadIdsOf(ctx, s));
  const subject = s.contactId
    ? or(eq(conversations.contactId, s.contactId), ofLeads)
    : s.dealId || s.leadId || s.companyId
      ? ofLeads
      : undefined;
  if (!subject) return [];
  const rows = await ctx.tx
    .select({
      m: messages,
      contactId: conversations.contactId,
      leadId: conversations.leadId,
      channelKind: channels.kind,
      channelName: channels.name,
    })
    .from(messages)
    .innerJoin(
      conversations,
      and(
        eq(conversations.workspaceId, messages.workspaceId),
        eq(conversations.id, messages.conversationId),
      ),
    )
    .innerJoin(channels, joinChannel)
    .where(
      and(
        eq(messages.workspaceId, ctx.workspaceId),
        subject,
        conversationScope(ctx),
        isNull(messages.call),
        not(leads.repeatsVisibleRequest(ctx, s, conversations.leadId, messages.text)),
        beforeId ? lt(messages.id, beforeId) : undefined,
      ),
    )
    .orderBy(desc(messages.id))
    .limit(limit);
  return rows.map(({ m, ...r }) => ({
    id: m.id,
    kind: 'message' as const,
    at: (m.sentAt ?? m.createdAt).toISOString(),
    actorId: m.authorId,
    contactId: r.contactId,
    companyId: null,
    dealId: s.dealId ?? null,
    leadId: r.leadId,
    body: m.text?.slice(0, 2000) ?? null,
    data: {
      conversationId: m.conversationId,
      direction: m.direction,
      status: m.status,
      channelKind: r.channelKind,
      channelName: r.channelName,
      senderName: m.sender.name ?? null,
    },
  }));
}
