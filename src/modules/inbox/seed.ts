import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { randomToken } from '../../platform/crypto.js';
import { newId } from '../../platform/ids.js';
import {
  channels,
  conversationReads,
  conversations,
  messages,
  type ChannelKind,
} from './tables.js';

// Bulk writes of prepared rows, for the demo (src/demo/): conversations and messages at their own
// past times, and stand-in channels (`settings.demo`: no provider account; send.ts records a reply
// through one as sent without it leaving the server). The caller keeps the use cases' invariants.
export type SeedConversation = typeof conversations.$inferInsert;
export type SeedMessage = typeof messages.$inferInsert;
export type SeedConversationRead = typeof conversationReads.$inferInsert;
export type SeedChannel = { kind: ChannelKind; name: string; settings: Record<string, unknown> };

const isUniqueViolation = (err: unknown) =>
  ((err as { cause?: { code?: string } }).cause?.code ?? (err as { code?: string }).code) ===
  '23505';

// The workspace's stand-in channel of this kind and name, added when missing. When the settings
// are refused as taken by another workspace (an intake address is unique in the installation: the
// unique index refuses, inside a savepoint), `fallback` is merged over them.
export async function seedDemoChannel(
  ctx: Ctx,
  c: SeedChannel,
  fallback?: Record<string, unknown>,
): Promise<string> {
  const [found] = await ctx.tx
    .select({ id: channels.id })
    .from(channels)
    .where(
      and(
        eq(channels.workspaceId, ctx.workspaceId),
        eq(channels.kind, c.kind),
        eq(channels.name, c.name),
      ),
    );
  if (found) return found.id;
  const id = newId();
  const insert = (tx: Ctx['tx'], extra: Record<string, unknown> = {}) =>
    tx.insert(channels).values({
      workspaceId: ctx.workspaceId,
      id,
      kind: c.kind,
      name: c.name,
      settings: { ...c.settings, ...extra, demo: true },
      publicKey: randomToken('', 24),
    });
  if (!fallback) {
    await insert(ctx.tx);
    return id;
  }
  await ctx.tx
    .transaction((sp) => insert(sp))
    .catch(async (err: unknown) => {
      if (!isUniqueViolation(err)) throw err;
      await insert(ctx.tx, fallback);
    });
  return id;
}

// Conversations; returns those written (a second run writes none) with the request of each.
export async function seedConversations(
  ctx: Ctx,
  rows: SeedConversation[],
): Promise<{ leadId: string | null; conversationId: string }[]> {
  if (!rows.length) return [];
  return ctx.tx
    .insert(conversations)
    .values(rows)
    .onConflictDoNothing()
    .returning({ leadId: conversations.leadId, conversationId: conversations.id });
}

// Their messages and the members' read marks.
export async function seedMessages(
  ctx: Ctx,
  rows: { messages: SeedMessage[]; reads: SeedConversationRead[] },
): Promise<void> {
  if (rows.messages.length)
    await ctx.tx.insert(messages).values(rows.messages).onConflictDoNothing();
  if (rows.reads.length)
    await ctx.tx.insert(conversationReads).values(rows.reads).onConflictDoNothing();
}
