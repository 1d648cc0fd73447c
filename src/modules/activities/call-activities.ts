import { and, eq, gte, or, sql, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { activities } from './tables.js';
import { writeActivity, type NewActivity } from './timeline.js';

// Calls reported by a PBX (inbox, telephony channel): one timeline activity per provider call id
// (`data.callId`), written by the call's first event that has a subject and updated by the later
// ones (answered → ended with its duration; a recording link that arrives after the call).

// Activities are keyed by UUIDv7 ids, so "written in the last N days" is a primary-key range.
const sinceId = (days: number) => {
  const hex = (Date.now() - days * 86_400_000).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8)}-7000-8000-000000000000`;
};

// Serialises the events of one call (a PBX may post them in parallel), so two of them never both
// find no activity and write two.
const lockCall = (ctx: Ctx, callId: string) =>
  ctx.tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`call:${ctx.workspaceId}:${callId}`}, 0))`,
  );

async function findCallActivity(ctx: Ctx, callId: string, subject: SQL | undefined) {
  const [row] = await ctx.tx
    .select({ id: activities.id })
    .from(activities)
    .where(
      and(
        eq(activities.workspaceId, ctx.workspaceId),
        eq(activities.kind, 'call'),
        subject ?? gte(activities.id, sinceId(7)),
        sql`${activities.data} ->> 'callId' = ${callId}`,
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function upsertCallActivity(
  ctx: Ctx,
  callId: string,
  a: Omit<NewActivity, 'kind'>,
): Promise<{ id: string; created: boolean }> {
  await lockCall(ctx, callId);
  const subject = or(
    a.contactId ? eq(activities.contactId, a.contactId) : undefined,
    a.leadId ? eq(activities.leadId, a.leadId) : undefined,
  );
  const found = await findCallActivity(ctx, callId, subject);
  if (!found)
    return {
      id: (await writeActivity(ctx, { ...a, kind: 'call', data: { ...a.data, callId } })).id,
      created: true,
    };
  await ctx.tx
    .update(activities)
    .set({
      // A later event's unknowns (null) keep what an earlier one said (a recording link, a manager).
      data: sql`${activities.data} || ${JSON.stringify(Object.fromEntries(Object.entries(a.data ?? {}).filter(([, v]) => v !== null && v !== undefined)))}::jsonb`,
      body: a.body ?? sql`${activities.body}`,
      contactId: sql`coalesce(${activities.contactId}, ${a.contactId ?? null}::uuid)`,
      companyId: sql`coalesce(${activities.companyId}, ${a.companyId ?? null}::uuid)`,
      leadId: sql`coalesce(${activities.leadId}, ${a.leadId ?? null}::uuid)`,
      dealId: sql`coalesce(${activities.dealId}, ${a.dealId ?? null}::uuid)`,
    })
    .where(and(eq(activities.workspaceId, ctx.workspaceId), eq(activities.id, found.id)));
  return { id: found.id, created: false };
}

// Merges `data` into the call's activity written in the last week; false when there is none (yet).
export async function patchCallActivity(
  ctx: Ctx,
  callId: string,
  data: Record<string, unknown>,
): Promise<boolean> {
  await lockCall(ctx, callId);
  const found = await findCallActivity(ctx, callId, undefined);
  if (!found) return false;
  await ctx.tx
    .update(activities)
    .set({ data: sql`${activities.data} || ${JSON.stringify(data)}::jsonb` })
    .where(and(eq(activities.workspaceId, ctx.workspaceId), eq(activities.id, found.id)));
  return true;
}
