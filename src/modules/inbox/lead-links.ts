import { and, desc, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { messages, type Attachment } from './tables.js';

// For routing: the files the client sent with a request (a specification is a warm sign).
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
