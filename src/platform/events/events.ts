import { and, eq, notInArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { defineJob } from '../jobs/jobs.js';
import { eventInterest } from './tables.js';

// Domain events: how a module tells of a fact it recorded (a request received, an invoice paid)
// to whoever listens — automation, later outgoing webhooks — without importing them (they come
// later in the module order). One way in, reached by every path:
// - a module's TypeScript write path calls `emitDomainEvent(ctx, event)` in its own transaction:
//   the listeners run there, so what they write (a rule's run and its job) commits with the fact;
// - a fact recorded by SQL (a trigger: a request inserted by any path, its first answer) calls
//   `voronka_emit_event(...)` (migration `platform_events`), which inserts a `platform.event` job
//   when the workspace has an interest in the type; the job hands the same event to the same
//   listeners, in the workspace's transaction.

export type DomainEvent = {
  type: string;
  // Unique per fact of this type: a repeated emit (a retried job) is the same firing.
  key: string;
  // The record the event is about, and the deal it belongs to when there is one.
  entity: string;
  id: string;
  dealId?: string | null;
  // A few facts of the moment (the stage left, the payload of an incoming webhook).
  data?: Record<string, unknown>;
};

type Listener = (ctx: Ctx, event: DomainEvent) => Promise<unknown>;
const listeners: Listener[] = [];

export function onDomainEvent(listener: Listener): void {
  if (!listeners.includes(listener)) listeners.push(listener);
}

export async function emitDomainEvent(ctx: Ctx, event: DomainEvent): Promise<void> {
  for (const l of listeners) await l(ctx, event);
}

// The job a trigger's voronka_emit_event inserts (name and payload fixed by that function).
export const domainEventJob = defineJob({
  name: 'platform.event',
  payload: z.object({
    type: z.string(),
    key: z.string(),
    entity: z.string(),
    id: z.uuid(),
    dealId: z.uuid().nullable().optional(),
  }),
  async run(ctx, p) {
    await emitDomainEvent(ctx, p);
  },
});

// What one listener of the workspace wants from now on (its rows replaced).
export async function setEventInterest(
  ctx: Ctx,
  listener: string,
  types: readonly string[],
): Promise<void> {
  const mine = and(
    eq(eventInterest.workspaceId, ctx.workspaceId),
    eq(eventInterest.listener, listener),
  );
  await ctx.tx
    .delete(eventInterest)
    .where(types.length ? and(mine, notInArray(eventInterest.type, [...types])) : mine);
  if (types.length)
    await ctx.tx
      .insert(eventInterest)
      .values([...new Set(types)].map((type) => ({ workspaceId: ctx.workspaceId, listener, type })))
      .onConflictDoNothing();
}
