import type { Message, ReplyBody, ReplyOptions } from '@voronka/contract';
import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { findConversation, toMessage } from './conversations.js';
import { replyOptions, resolveRoute } from './reply-routes.js';
import { queueReply, retryReply } from './send.js';
import { messages } from './tables.js';

// Replies from the inbox: a member's answer, the ways it can go, and a failed one sent again.

// A reply through the conversation's channel, or the route the member chose (reply-routes.ts):
// stored as queued, sent by the inbox.send job; a logged call is stored as sent.
export async function reply(ctx: Ctx, id: string, body: ReplyBody): Promise<Message> {
  const conv = await findConversation(ctx, id);
  const route = await resolveRoute(ctx, conv, body.route);
  const attachments = (body.attachments ?? []).map((a) => ({
    name: a.name,
    type: a.type,
    content: Buffer.from(a.contentBase64, 'base64'),
  }));
  const messageId = await queueReply(ctx, conv, {
    text: body.text,
    attachments,
    channelId: route.channelId,
    delivery: route.delivery,
  });
  const message = await messageOf(ctx, messageId);
  await recordAudit(ctx, {
    action: message.status === 'sent' ? 'message.call_logged' : 'message.queued',
    entity: 'conversations',
    entityId: id,
    after: {
      messageId,
      text: body.text,
      attachments: message.attachments,
      delivery: message.delivery,
    },
  });
  return message;
}

export async function getReplyOptions(ctx: Ctx, id: string): Promise<ReplyOptions> {
  return replyOptions(ctx, await findConversation(ctx, id));
}

// A failed reply sent again by the same route.
export async function retry(ctx: Ctx, id: string, messageId: string): Promise<Message> {
  await findConversation(ctx, id);
  const [row] = await ctx.tx
    .select({ conversationId: messages.conversationId })
    .from(messages)
    .where(and(eq(messages.workspaceId, ctx.workspaceId), eq(messages.id, messageId)));
  if (row?.conversationId !== id) throw new DomainError('message.not_found', 'message not found');
  await retryReply(ctx, messageId);
  await recordAudit(ctx, {
    action: 'message.retried',
    entity: 'conversations',
    entityId: id,
    after: { messageId },
  });
  return messageOf(ctx, messageId);
}

async function messageOf(ctx: Ctx, messageId: string): Promise<Message> {
  const [row] = await ctx.tx
    .select()
    .from(messages)
    .where(and(eq(messages.workspaceId, ctx.workspaceId), eq(messages.id, messageId)));
  return toMessage(row!);
}
