import type { OutgoingCall } from '@voronka/contract';
import { and, desc, eq, gte, isNull } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { extensionKey } from './call-routing.js';
import type { SubjectLinks } from './links.js';
import { callExtensions, outgoingCalls } from './tables.js';

// Click-to-call's bookkeeping (the request to the PBX itself is the telephony channel's):
// the member's extension, one row per click, and the link from a PBX-reported outgoing call back
// to the record the click was made on.

// A PBX reports the call within seconds of the click; a click older than this is not linked.
const LINK_WINDOW_MS = 2 * 3600_000;

type Row = typeof outgoingCalls.$inferSelect;

export const phoneKey = (phone: string) => phone.replace(/\D/g, '').slice(-10);

export async function getExtension(ctx: Ctx, memberId: string): Promise<string | null> {
  const [row] = await ctx.tx
    .select({ extension: callExtensions.extension })
    .from(callExtensions)
    .where(
      and(eq(callExtensions.workspaceId, ctx.workspaceId), eq(callExtensions.memberId, memberId)),
    );
  return row?.extension ?? null;
}

export async function setExtension(
  ctx: Ctx,
  memberId: string,
  extension: string | null,
): Promise<string | null> {
  if (extension === null) {
    await ctx.tx
      .delete(callExtensions)
      .where(
        and(eq(callExtensions.workspaceId, ctx.workspaceId), eq(callExtensions.memberId, memberId)),
      );
    return null;
  }
  await ctx.tx
    .insert(callExtensions)
    .values({ workspaceId: ctx.workspaceId, memberId, extension })
    .onConflictDoUpdate({
      target: [callExtensions.workspaceId, callExtensions.memberId],
      set: { extension, updatedAt: new Date() },
    });
  return extension;
}

// The member whose profile names this extension (the PBX's word for who took or made a call).
export async function memberByExtension(ctx: Ctx, extension: string): Promise<string | null> {
  const rows = await ctx.tx
    .select({ memberId: callExtensions.memberId, extension: callExtensions.extension })
    .from(callExtensions)
    .where(eq(callExtensions.workspaceId, ctx.workspaceId));
  const key = extensionKey(extension);
  return rows.find((r) => extensionKey(r.extension) === key)?.memberId ?? null;
}

export const toOutgoingCall = (r: Row): OutgoingCall => ({
  id: r.id,
  status: r.status,
  provider: r.provider,
  phone: r.phone,
  extension: r.extension,
  callId: r.callId,
  error: r.error,
  createdAt: r.createdAt.toISOString(),
});

export type NewOutgoingCall = SubjectLinks & {
  idempotencyKey: string;
  memberId: string;
  channelId: string;
  provider: 'mango' | 'zadarma';
  extension: string;
  phone: string;
  callListId?: string | null;
  callListItemId?: string | null;
};

// One row per click. `ring` is false when this key was already used and the PBX accepted it (or
// is being asked right now): the caller answers with the row and does not ring again. A click
// whose request failed may be retried with the same key.
export async function beginOutgoingCall(
  ctx: Ctx,
  c: NewOutgoingCall,
): Promise<{ call: Row; ring: boolean }> {
  const [inserted] = await ctx.tx
    .insert(outgoingCalls)
    .values({
      workspaceId: ctx.workspaceId,
      id: newId(),
      idempotencyKey: c.idempotencyKey,
      memberId: c.memberId,
      channelId: c.channelId,
      provider: c.provider,
      extension: c.extension,
      phone: c.phone,
      phoneKey: phoneKey(c.phone),
      contactId: c.contactId ?? null,
      companyId: c.companyId ?? null,
      dealId: c.dealId ?? null,
      leadId: c.leadId ?? null,
      callListId: c.callListId ?? null,
      callListItemId: c.callListItemId ?? null,
      status: 'requested',
    })
    .onConflictDoNothing()
    .returning();
  if (inserted) return { call: inserted, ring: true };
  const [prior] = await ctx.tx
    .select()
    .from(outgoingCalls)
    .where(
      and(
        eq(outgoingCalls.workspaceId, ctx.workspaceId),
        eq(outgoingCalls.idempotencyKey, c.idempotencyKey),
      ),
    )
    .for('update');
  if (prior!.status !== 'failed') return { call: prior!, ring: false };
  const [again] = await ctx.tx
    .update(outgoingCalls)
    .set({ status: 'requested', error: null })
    .where(and(eq(outgoingCalls.workspaceId, ctx.workspaceId), eq(outgoingCalls.id, prior!.id)))
    .returning();
  return { call: again!, ring: true };
}

export async function failOutgoingCall(ctx: Ctx, id: string, error: string): Promise<Row> {
  const [row] = await ctx.tx
    .update(outgoingCalls)
    .set({ status: 'failed', error })
    .where(and(eq(outgoingCalls.workspaceId, ctx.workspaceId), eq(outgoingCalls.id, id)))
    .returning();
  return row!;
}

export type OutgoingLink = SubjectLinks & {
  memberId: string;
  outgoingCallId: string;
  callListId: string | null;
  callListItemId: string | null;
};

// A PBX-reported outgoing call → the click it answers: the newest click to the same number in the
// last two hours (by the same member when the PBX named them) not yet linked to another call.
// Every later event of the same call finds the click by its call id.
export async function linkOutgoingCall(
  ctx: Ctx,
  callId: string,
  phone: string | null,
  managerId: string | null,
): Promise<OutgoingLink | null> {
  const byCall = and(
    eq(outgoingCalls.workspaceId, ctx.workspaceId),
    eq(outgoingCalls.callId, callId),
  );
  let [row] = await ctx.tx.select().from(outgoingCalls).where(byCall).limit(1);
  if (!row && phone && phoneKey(phone).length >= 5) {
    [row] = await ctx.tx
      .select()
      .from(outgoingCalls)
      .where(
        and(
          eq(outgoingCalls.workspaceId, ctx.workspaceId),
          eq(outgoingCalls.phoneKey, phoneKey(phone)),
          gte(outgoingCalls.createdAt, new Date(Date.now() - LINK_WINDOW_MS)),
          eq(outgoingCalls.status, 'requested'),
          isNull(outgoingCalls.callId),
          managerId ? eq(outgoingCalls.memberId, managerId) : undefined,
        ),
      )
      .orderBy(desc(outgoingCalls.createdAt))
      .limit(1)
      .for('update');
    if (row)
      await ctx.tx
        .update(outgoingCalls)
        .set({ status: 'linked', callId })
        .where(and(eq(outgoingCalls.workspaceId, ctx.workspaceId), eq(outgoingCalls.id, row.id)));
  }
  if (!row) return null;
  return {
    memberId: row.memberId,
    outgoingCallId: row.id,
    contactId: row.contactId,
    companyId: row.companyId,
    dealId: row.dealId,
    leadId: row.leadId,
    callListId: row.callListId,
    callListItemId: row.callListItemId,
  };
}
