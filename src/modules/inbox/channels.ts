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

// mailDomains: the domains an e-mail intake address may be in (VORONKA_MAIL_DOMAINS).
export type ChannelDeps = { sealer: Sealer; publicUrl: string; mailDomains?: string[] };

// Where each kind's provider delivers (the adapters under src/channels/ serve these paths).
export function webhookUrls(
  kind: ChannelKind,
  key: string,
  publicUrl: string,
): Channel['webhookUrls'] {
  const at = (path: string) => `${publicUrl}${path}`;
  switch (kind) {
    case 'telegram':
      return [{ name: 'webhook', url: at(`/api/public/telegram/${key}`) }];
    case 'vk':
      return [{ name: 'callback', url: at(`/api/public/vk/${key}`) }];
    case 'whatsapp':
      return [{ name: 'webhook', url: at(`/api/public/whatsapp/${key}`) }];
    case 'phone':
      return [
        { name: 'events', url: at(`/api/public/telephony/${key}`) },
        { name: 'mango', url: at(`/api/public/mango/${key}`) },
        { name: 'zadarma', url: at(`/api/public/zadarma/${key}`) },
      ];
    case 'web':
      return [{ name: 'widget', url: at(`/widget.js?channel=${key}`) }];
    case 'email':
      return [];
  }
}

function toChannel(row: ChannelRow, deps: ChannelDeps): Channel {
  const names = Object.keys(row.secrets ? openChannelSecrets(deps.sealer, row) : {});
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    enabled: row.enabled,
    disabledReason: row.disabledReason,
    settings: row.settings,
    hasSecrets: Object.fromEntries(names.map((n) => [n, true as const])),
    webhookUrls: webhookUrls(row.kind, row.publicKey, deps.publicUrl),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const byId = (ctx: Ctx, id: string) =>
  and(eq(channels.workspaceId, ctx.workspaceId), eq(channels.id, id));

async function findRow(ctx: Ctx, id: string): Promise<ChannelRow> {
  const [row] = await ctx.tx.select().from(channels).where(byId(ctx, id));
  if (!row) throw new DomainError('channel.not_found', 'channel not found');
  return row;
}

export async function listChannels(
  ctx: Ctx,
  deps: ChannelDeps,
): Promise<{ items: Channel[]; mailDomains: string[] }> {
  const rows = await ctx.tx
    .select()
    .from(channels)
    .where(eq(channels.workspaceId, ctx.workspaceId))
    .orderBy(asc(channels.createdAt));
  return { items: rows.map((r) => toChannel(r, deps)), mailDomains: deps.mailDomains ?? [] };
}

// An e-mail channel's intake address (the address Voronka's own SMTP listener answers for) belongs
// to one channel across the installation (the unique index channels_intake_address_uq) and is in a
// domain the installation serves. A new or changed address is checked and stored trimmed and in
// lower case; an unchanged one is left as it is (an address set before the domains were configured
// keeps working).
const INTAKE = 'intakeAddress';
const ADDRESS =
  /^[a-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*)$/;
export const intakeAddressKey = (v: unknown) =>
  typeof v === 'string' ? v.trim().toLowerCase() : '';

function checkIntakeAddress(
  deps: ChannelDeps,
  kind: ChannelKind,
  settings: Record<string, unknown> | undefined,
  before: Record<string, unknown> | null,
): Record<string, unknown> | undefined {
  if (kind !== 'email' || !settings || !(INTAKE in settings)) return settings;
  const address = intakeAddressKey(settings[INTAKE]);
  if (!address) {
    const { [INTAKE]: _dropped, ...rest } = settings;
    return rest;
  }
  if (before && intakeAddressKey(before[INTAKE]) === address)
    return { ...settings, [INTAKE]: before[INTAKE] };
  const domain = ADDRESS.exec(address)?.[1];
  if (!domain)
    throw new DomainError('channel.address_domain', `${address} is not an e-mail address`, {
      field: `settings.${INTAKE}`,
    });
  const domains = deps.mailDomains ?? [];
  if (!domains.includes(domain)) {
    throw new DomainError(
      'channel.address_domain',
      `an intake address must be in a domain this installation receives mail for: ${domains.map((d) => `@${d}`).join(', ')}`,
      { field: `settings.${INTAKE}` },
    );
  }
  return { ...settings, [INTAKE]: address };
}

const addressTaken = (settings: Record<string, unknown> | undefined) =>
  new DomainError(
    'channel.address_taken',
    `the intake address ${intakeAddressKey(settings?.[INTAKE])} is already taken`,
    { field: `settings.${INTAKE}` },
  );

// The write runs in a savepoint: a unique violation on the intake address is a 409, and the
// request's transaction carries on (to roll back cleanly).
async function claimingAddress<T>(
  ctx: Ctx,
  settings: Record<string, unknown> | undefined,
  write: (tx: Ctx['tx']) => Promise<T>,
): Promise<T> {
  try {
    return await ctx.tx.transaction((sp) => write(sp as Ctx['tx']));
  } catch (err) {
    const cause =
      (err as { cause?: { code?: string; constraint?: string } }).cause ??
      (err as { code?: string; constraint?: string });
    if (
      cause.code === '23505' &&
      (cause.constraint === 'channels_intake_address_uq' ||
        String((err as Error).message).includes('channels_intake_address_uq'))
    )
      throw addressTaken(settings);
    throw err;
  }
}

const merged = (
  current: Record<string, string>,
  changes: Record<string, string | null> | undefined,
) => {
  const out = { ...current };
  for (const [k, v] of Object.entries(changes ?? {})) {
    if (v === null) delete out[k];
    else out[k] = v;
  }
  return out;
};

// `demo` marks the demo's stand-in channels (src/demo/inbox.ts), whose replies never leave: only the
// demo seed sets it, and settings written through the API (connecting a real account) drop it.
const withoutDemo = (settings: Record<string, unknown> | undefined) => {
  if (!settings) return settings;
  const { demo: _demo, ...rest } = settings;
  return rest as typeof settings;
};

export async function createChannel(
  ctx: Ctx,
  deps: ChannelDeps,
  body: ChannelCreateBody,
): Promise<Channel> {
  const id = newId();
  const settings = checkIntakeAddress(deps, body.kind, withoutDemo(body.settings), null) ?? {};
  const [row] = await claimingAddress(ctx, settings, (tx) =>
    tx
      .insert(channels)
      .values({
        workspaceId: ctx.workspaceId,
        id,
        kind: body.kind,
        name: body.name,
        enabled: body.enabled ?? true,
        settings,
        secrets: sealChannelSecrets(deps.sealer, merged({}, body.secrets)),
        publicKey: randomToken('', 24),
      })
      .returning(),
  );
  const channel = toChannel(row!, deps);
  await recordAudit(ctx, {
    action: 'channel.created',
    entity: 'channels',
    entityId: id,
    after: audited(channel),
  });
  return channel;
}

export async function updateChannel(
  ctx: Ctx,
  deps: ChannelDeps,
  id: string,
  body: ChannelUpdateBody,
): Promise<Channel> {
  const before = await findRow(ctx, id);
  const secrets =
    body.secrets === undefined
      ? undefined
      : sealChannelSecrets(
          deps.sealer,
          merged(openChannelSecrets(deps.sealer, before), body.secrets),
        );
  const settings = checkIntakeAddress(
    deps,
    before.kind,
    withoutDemo(body.settings),
    before.settings,
  );
  // Switching a channel on again (or giving it another address) clears the reason it was switched off.
  const disabledReason = body.enabled === true || settings !== undefined ? null : undefined;
  const fields = { name: body.name, enabled: body.enabled, settings, secrets, disabledReason };
  const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  const [row] = await claimingAddress(ctx, settings, (tx) =>
    tx
      .update(channels)
      .set({ ...set, updatedAt: sql`now()` })
      .where(byId(ctx, id))
      .returning(),
  );
  const after = toChannel(row!, deps);
  await recordAudit(ctx, {
    action: 'channel.updated',
    entity: 'channels',
    entityId: id,
    before: audited(toChannel(before, deps)),
    after: audited(after),
  });
  return after;
}

// A channel with conversations is kept (deleting it would delete them): disable it instead.
export async function deleteChannel(ctx: Ctx, deps: ChannelDeps, id: string): Promise<void> {
  const before = await findRow(ctx, id);
  const [used] = await ctx.tx
    .select({ id: conversations.id })
    .from(conversations)
    .where(and(eq(conversations.workspaceId, ctx.workspaceId), eq(conversations.channelId, id)))
    .limit(1);
  if (used)
    throw new DomainError('channel.in_use', 'the channel has conversations: disable it instead');
  await ctx.tx.delete(channels).where(byId(ctx, id));
  await recordAudit(ctx, {
    action: 'channel.deleted',
    entity: 'channels',
    entityId: id,
    before: audited(toChannel(before, deps)),
  });
}

// The audit trail names which secrets are set, never their values (and not the webhook keys).
const audited = ({ webhookUrls: _urls, ...c }: Channel) => c;
