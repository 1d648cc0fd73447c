import { and, desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { conversations, messages, type Attachment } from './tables.js';

// For routing: the conversation a request was raised in (its notifications link there) and the
// files the client sent with it (a specification is a warm sign).
export async function conversationOfLead(ctx: Ctx, leadId: string): Promise<string | null> {
  const [row] = await ctx.tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, ctx.workspaceId), eq(conversations.leadId, leadId)))
    .orderBy(desc(conversations.lastMessageAt))
    .limit(1);
  return row?.id ?? null;
}

export async function inboundAttachments(ctx: Ctx, conversationId: string): Promise<Attachment[]> {
  const rows = await ctx.tx
    .select({ attachments: messages.attachments })
    .from(messages)
    .where(
      and(
        eq(messages.workspaceId, ctx.workspaceId),
        eq(messages.conversationId, conversationId),
        eq(messages.direction, 'in'),
      ),
    )
    .orderBy(desc(messages.id))
    .limit(20);
  return rows.flatMap((r) => r.attachments);
}
