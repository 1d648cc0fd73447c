import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Executor } from '../../platform/db/types.js';
import type { ChannelRow } from './channel-keys.js';
import { channels, conversations, messages, type ChannelKind } from './tables.js';

// What intake adapters read before they accept: channels found by a setting (an e-mail intake
// address), channels to poll (IMAP, long-poll bots) with a lease and a durable cursor, and the
// thread an item answers. Cross-workspace reads run on the privileged connection before any
// workspace is known, like findChannelByKey; the rest run in the channel's workspace.

// Enabled channels of a kind whose setting equals the value, case-insensitively, oldest first
// (the first workspace to claim an address keeps it).
export async function findChannelsBySetting(db: Executor, kind: ChannelKind, key: string, value: string): Promise<ChannelRow[]> {
  if (!value || value.length > 500) return [];
  return db
    .select()
    .from(channels)
    .where(and(eq(channels.kind, kind), eq(channels.enabled, true), sql`lower(${channels.settings} ->> ${key}) = lower(${value})`))
    .orderBy(asc(channels.createdAt), asc(channels.id))
    .limit(10);
}

// Enabled channels of a kind that have the setting filled in (e.g. an IMAP host), across workspaces.
export async function listChannelsWithSetting(db: Executor, kind: ChannelKind, key: string): Promise<ChannelRow[]> {
  return db
    .select()
    .from(channels)
    .where(and(eq(channels.kind, kind), eq(channels.enabled, true), sql`coalesce(${channels.settings} ->> ${key}, '') <> ''`))
    .orderBy(asc(channels.createdAt), asc(channels.id));
}

// Takes the channel's polling lease for `seconds` on the database clock and returns its cursor, or
// null when another process holds the lease (or the channel is gone or disabled): any number of
// workers may run, one polls a channel at a time.
export async function claimChannelPoll(db: Executor, workspaceId: string, channelId: string, seconds: number): Promise<Record<string, unknown> | null> {
  const [row] = await db
    .update(channels)
    .set({ cursor: sql`jsonb_set(${channels.cursor}, '{leaseUntil}', to_jsonb(now() + make_interval(secs => ${seconds})))` })
    .where(
      and(
        eq(channels.workspaceId, workspaceId),
        eq(channels.id, channelId),
        eq(channels.enabled, true),
        sql`coalesce((${channels.cursor} ->> 'leaseUntil')::timestamptz, '-infinity'::timestamptz) < now()`,
      ),
    )
    .returning({ cursor: channels.cursor });
  if (!row) return null;
  const { leaseUntil: _lease, ...cursor } = row.cursor;
  return cursor;
}

export async function releaseChannelPoll(db: Executor, workspaceId: string, channelId: string): Promise<void> {
  await db
    .update(channels)
    .set({ cursor: sql`${channels.cursor} - 'leaseUntil'` })
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, channelId)));
}

// Merges into the channel's cursor in the caller's transaction: saved together with the item it
// covers, a cursor never runs ahead of what was stored (no skips) nor behind it (no re-imports).
export async function saveChannelCursor(ctx: Ctx, channelId: string, patch: Record<string, unknown>): Promise<void> {
  await ctx.tx
    .update(channels)
    .set({ cursor: sql`${channels.cursor} || ${JSON.stringify(patch)}::jsonb` })
    .where(and(eq(channels.workspaceId, ctx.workspaceId), eq(channels.id, channelId)));
}

// The thread key of the conversation holding any of these provider ids (in or out) in the
// channel, trying them in the order given (nearest parent first); null when none is known.
export async function findThreadKey(ctx: Ctx, channelId: string, externalIds: string[]): Promise<string | null> {
  const ids = externalIds.filter((id) => id && id.length <= 1000).slice(0, 50);
  if (!ids.length) return null;
  const rows = await ctx.tx
    .select({ externalId: messages.externalId, threadKey: conversations.threadKey })
    .from(messages)
    .innerJoin(conversations, and(eq(conversations.workspaceId, messages.workspaceId), eq(conversations.id, messages.conversationId)))
    .where(and(eq(messages.workspaceId, ctx.workspaceId), eq(messages.channelId, channelId), inArray(messages.externalId, ids)));
  const byId = new Map(rows.map((r) => [r.externalId, r.threadKey]));
  for (const id of ids) {
    const key = byId.get(id);
    if (key) return key;
  }
  // A thread whose first message was never stored here (sent from a personal mailbox) is still
  // one conversation once any message of it opened one under its root id.
  const [conv] = await ctx.tx
    .select({ threadKey: conversations.threadKey })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, ctx.workspaceId), eq(conversations.channelId, channelId), inArray(conversations.threadKey, ids)))
    .limit(1);
  return conv?.threadKey ?? null;
}
