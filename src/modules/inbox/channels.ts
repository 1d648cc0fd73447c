import type { Channel, ChannelCreateBody, ChannelKind, ChannelUpdateBody } from '@voronka/contract';
import { and, asc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { randomToken, type Sealer } from '../../platform/crypto.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { openChannelSecrets, sealChannelSecrets, type ChannelRow } from './channel-keys.js';
import { channels, conversations } from './tables.js';

// Channel settings: workspace settings (matrix entity `workspace`: every role reads, the update
// right changes). Secrets are sealed and write-only: answers say which are set, never their values.

export type ChannelDeps = { sealer: Sealer; publicUrl: string };

// Where each kind's provider delivers (the adapters under src/channels/ serve these paths).
export function webhookUrls(kind: ChannelKind, key: string, publicUrl: string): Channel['webhookUrls'] {
  const at = (path: string) => `${publicUrl}${path}`;
  switch (kind) {
    case 'telegram': return [{ name: 'webhook', url: at(`/api/public/telegram/${key}`) }];
    case 'vk': return [{ name: 'callback', url: at(`/api/public/vk/${key}`) }];
    case 'whatsapp': return [{ name: 'webhook', url: at(`/api/public/whatsapp/${key}`) }];
    case 'phone': return [{ name: 'events', url: at(`/api/public/telephony/${key}`) }, { name: 'mango', url: at(`/api/public/mango/${key}`) }];
    case 'web': return [{ name: 'widget', url: at(`/widget.js?channel=${key}`) }];
    case 'email': return [];
  }
}

function toChannel(row: ChannelRow, deps: ChannelDeps): Channel {
  const names = Object.keys(row.secrets ? openChannelSecrets(deps.sealer, row) : {});
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    enabled: row.enabled,
    settings: row.settings,
    hasSecrets: Object.fromEntries(names.map((n) => [n, true as const])),
    webhookUrls: webhookUrls(row.kind, row.publicKey, deps.publicUrl),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const byId = (ctx: Ctx, id: string) => and(eq(channels.workspaceId, ctx.workspaceId), eq(channels.id, id));

async function findRow(ctx: Ctx, id: string): Promise<ChannelRow> {
  const [row] = await ctx.tx.select().from(channels).where(byId(ctx, id));
  if (!row) throw new DomainError('channel.not_found', 'channel not found');
  return row;
}

export async function listChannels(ctx: Ctx, deps: ChannelDeps): Promise<{ items: Channel[] }> {
  const rows = await ctx.tx.select().from(channels).where(eq(channels.workspaceId, ctx.workspaceId)).orderBy(asc(channels.createdAt));
  return { items: rows.map((r) => toChannel(r, deps)) };
}

const merged = (current: Record<string, string>, changes: Record<string, string | null> | undefined) => {
  const out = { ...current };
  for (const [k, v] of Object.entries(changes ?? {})) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
};

// `demo` marks the demo's stand-in channels (inbox/demo.ts), whose replies never leave: only the
// demo seed sets it, and settings written through the API (connecting a real account) drop it.
const withoutDemo = (settings: Record<string, unknown> | undefined) => {
  if (!settings) return settings;
  const { demo: _demo, ...rest } = settings;
  return rest as typeof settings;
};

export async function createChannel(ctx: Ctx, deps: ChannelDeps, body: ChannelCreateBody): Promise<Channel> {
  const id = newId();
  const [row] = await ctx.tx
    .insert(channels)
    .values({ workspaceId: ctx.workspaceId, id, kind: body.kind, name: body.name, enabled: body.enabled ?? true, settings: withoutDemo(body.settings) ?? {}, secrets: sealChannelSecrets(deps.sealer, merged({}, body.secrets)), publicKey: randomToken('', 24) })
    .returning();
  const channel = toChannel(row!, deps);
  await recordAudit(ctx, { action: 'channel.created', entity: 'channels', entityId: id, after: audited(channel) });
  return channel;
}

export async function updateChannel(ctx: Ctx, deps: ChannelDeps, id: string, body: ChannelUpdateBody): Promise<Channel> {
  const before = await findRow(ctx, id);
  const secrets = body.secrets === undefined ? undefined : sealChannelSecrets(deps.sealer, merged(openChannelSecrets(deps.sealer, before), body.secrets));
  const fields = { name: body.name, enabled: body.enabled, settings: withoutDemo(body.settings), secrets };
  const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const [row] = await ctx.tx.update(channels).set({ ...set, updatedAt: sql`now()` }).where(byId(ctx, id)).returning();
  const after = toChannel(row!, deps);
  await recordAudit(ctx, { action: 'channel.updated', entity: 'channels', entityId: id, before: audited(toChannel(before, deps)), after: audited(after) });
  return after;
}

// A channel with conversations is kept (deleting it would delete them): disable it instead.
export async function deleteChannel(ctx: Ctx, deps: ChannelDeps, id: string): Promise<void> {
  const before = await findRow(ctx, id);
  const [used] = await ctx.tx.select({ id: conversations.id }).from(conversations).where(and(eq(conversations.workspaceId, ctx.workspaceId), eq(conversations.channelId, id))).limit(1);
  if (used) throw new DomainError('channel.in_use', 'the channel has conversations: disable it instead');
  await ctx.tx.delete(channels).where(byId(ctx, id));
  await recordAudit(ctx, { action: 'channel.deleted', entity: 'channels', entityId: id, before: audited(toChannel(before, deps)) });
}

// The audit trail names which secrets are set, never their values (and not the webhook keys).
const audited = ({ webhookUrls: _urls, ...c }: Channel) => c;
