import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
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
