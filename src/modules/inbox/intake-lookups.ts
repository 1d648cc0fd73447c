import { and, asc, eq, sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/rls.js';
import type { Executor } from '../../platform/db/types.js';
import type { ChannelRow } from './channel-keys.js';
import { channels, conversations, messages, type ChannelKind } from './tables.js';

// What intake adapters read before they accept: channels found by a setting (an e-mail intake
// address), channels to poll (IMAP, long-poll bots) with a lease and a durable cursor, and the
// thread an item answers. Cross-workspace reads run on the privileged connection before any
// workspace is known, like findChannelByKey; the rest run in the channel's workspace.

// Enabled channels of a kind whose setting equals the value, case-insensitively, oldest first
// (the first workspace to claim an address keeps it).
export async function findChannelsBySetting(
  db: Executor,
  kind: ChannelKind,
  key: string,
  value: string,
): Promise<ChannelRow[]> {
  if (!value || value.length > 500) return [];
  return db
    .select()
    .from(channels)
    .where(
      and(
        eq(channels.kind, kind),
        eq(channels.enabled, true),
        sql`lower(${channels.settings} ->> ${key}) = lower(${value})`,
      ),
    )
    .orderBy(asc(channels.createdAt), asc(channels.id))
    .limit(10);
}

// The e-mail channel an intake address belongs to, when it is enabled: one at most across the
// installation (the unique index channels_intake_address_uq, whose expression this matches, so the
// lookup uses it). A disabled channel keeps its address but receives nothing.
export async function findChannelByIntakeAddress(
  db: Executor,
  address: string,
): Promise<ChannelRow | null> {
  const key = address.trim().toLowerCase();
  if (!key || key.length > 500) return null;
  const [row] = await db
    .select()
    .from(channels)
    .where(
      and(
        eq(channels.kind, 'email'),
        sql`coalesce(btrim(${channels.settings} ->> 'intakeAddress'), '') <> ''`,
        sql`lower(btrim(${channels.settings} ->> 'intakeAddress')) = ${key}`,
      ),
    )
    .limit(1);
  return row?.enabled ? row : null;
}

// Enabled channels of a kind that have the setting filled in (e.g. an IMAP host), across workspaces.
export async function listChannelsWithSetting(
  db: Executor,
  kind: ChannelKind,
  key: string,
): Promise<ChannelRow[]> {
  return db
    .select()
    .from(channels)
    .where(
      and(
        eq(channels.kind, kind),
        eq(channels.enabled, true),
        sql`coalesce(${channels.settings} ->> ${key}, '') <> ''`,
      ),
    )
    .orderBy(asc(channels.createdAt), asc(channels.id));
}

// Takes the channel's polling lease for `seconds` on the database clock and returns its cursor, or
// null when another process holds the lease (or the channel is gone or disabled): any number of
// workers may run, one polls a channel at a time.
export async function claimChannelPoll(
  db: Executor,
  workspaceId: string,
  channelId: string,
  seconds: number,
): Promise<Record<string, unknown> | null> {
  const [row] = await db
    .update(channels)
    .set({
      cursor: sql`jsonb_set(${channels.cursor}, '{leaseUntil}', to_jsonb(now() + make_interval(secs => ${seconds})))`,
    })
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

export async function releaseChannelPoll(
  db: Executor,
  workspaceId: string,
  channelId: string,
): Promise<void> {
  await db
    .update(channels)
    .set({ cursor: sql`${channels.cursor} - 'leaseUntil'` })
    .where(and(eq(channels.workspaceId, workspaceId), eq(channels.id, channelId)));
}

// Merges into the channel's cursor in the caller's transaction: saved together with the item it
// covers, a cursor never runs ahead of what was stored (no skips) nor behind it (no re-imports).
export async function saveChannelCursor(
  ctx: Ctx,
  channelId: string,
  patch: Record<string, unknown>,
): Promise<void> {
  await ctx.tx
    .update(channels)
    .set({ cursor: sql`${channels.cursor} || ${JSON.stringify(patch)}::jsonb` })
    .where(and(eq(channels.workspaceId, ctx.workspaceId), eq(channels.id, channelId)));
}

// The thread key of the conversation holding any of these provider ids (in or out) in the
// channel, trying them in the order given (nearest parent first), else of a conversation keyed by
// one of them (a thread whose first message was never stored here, sent from a personal mailbox,
// is still one conversation once any message of it opened one under its root id); null when none.
export async function findThreadKey(
  ctx: Ctx,
  channelId: string,
  externalIds: string[],
): Promise<string | null> {
  return (await findThread(ctx, channelId, externalIds))?.threadKey ?? null;
}

// As findThreadKey, with the conversation found: a message sent through this channel may belong
// to a conversation of another channel (a website request answered by e-mail through a mailbox),
// and the client's answer joins that conversation. One statement: it runs for every threaded item.
export async function findThread(
  ctx: Ctx,
  channelId: string,
  externalIds: string[],
): Promise<{ threadKey: string; conversationId: string; channelId: string } | null> {
  const ids = [...new Set(externalIds.filter((id) => id && id.length <= 1000))].slice(0, 50);
  if (!ids.length) return null;
  const list = sql`array[${sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  )}]::text[]`;
  const rows = rowsOf<{ thread_key: string; id: string; channel_id: string }>(
    await ctx.tx.execute(sql`
      select thread_key, id, channel_id from (
        select c.thread_key, c.id, c.channel_id, array_position(${list}, m.external_id) as rank
        from ${messages} m join ${conversations} c on c.workspace_id = m.workspace_id and c.id = m.conversation_id
        where m.workspace_id = ${ctx.workspaceId} and m.channel_id = ${channelId} and m.external_id = any(${list})
        union all
        select thread_key, id, channel_id, 1000 + array_position(${list}, thread_key)
        from ${conversations}
        where workspace_id = ${ctx.workspaceId} and channel_id = ${channelId} and thread_key = any(${list})
      ) found order by rank limit 1`),
  );
  const r = rows[0];
  return r ? { threadKey: r.thread_key, conversationId: r.id, channelId: r.channel_id } : null;
}
