import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Sealer } from '../../platform/crypto.js';
import type { Executor } from '../../platform/db/types.js';
import { channels, type ChannelKind } from './tables.js';

export type ChannelRow = typeof channels.$inferSelect;

// A public webhook names its channel by the unguessable public key. This runs before any workspace
// is known (like resolving a session), on the privileged connection: the caller then works inside
// inWorkspace(db, channel.workspaceId, …). A disabled channel is not found.
export async function findChannelByKey(
  db: Executor,
  kind: ChannelKind,
  key: string,
): Promise<ChannelRow | null> {
  if (!key || key.length > 200) return null;
  const [row] = await db
    .select()
    .from(channels)
    .where(and(eq(channels.publicKey, key), eq(channels.kind, kind), eq(channels.enabled, true)))
    .limit(1);
  return row ?? null;
}

// telephony: a channel of the caller's workspace by id (to sign a link to a call recording); null when none.
export async function findWorkspaceChannel(ctx: Ctx, id: string): Promise<ChannelRow | null> {
  const [row] = await ctx.tx
    .select()
    .from(channels)
    .where(and(eq(channels.workspaceId, ctx.workspaceId), eq(channels.id, id)));
  return row ?? null;
}

// Whether the channel (workspaceId, channelId) is switched on, as an expression another module's
// query can carry (false when there is no such channel): the form intake reads it with its form.
export function channelEnabledSql(workspaceId: unknown, channelId: unknown): SQL<boolean> {
  return sql<boolean>`coalesce((select ch.enabled from ${channels} ch where ch.workspace_id = ${workspaceId} and ch.id = ${channelId}), false)`;
}

// The channel's secrets (bot token, IMAP password, signing secret…) as one object; {} when none.
export function openChannelSecrets(
  sealer: Sealer,
  channel: Pick<ChannelRow, 'secrets'>,
): Record<string, string> {
  if (!channel.secrets) return {};
  return JSON.parse(sealer.open(channel.secrets)) as Record<string, string>;
}

export function sealChannelSecrets(sealer: Sealer, secrets: Record<string, string>): string | null {
  return Object.keys(secrets).length ? sealer.seal(JSON.stringify(secrets)) : null;
}
