import type { Task } from '@voronka/contract';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { defineJob, enqueue } from '../../platform/jobs/jobs.js';
import * as activities from '../activities/service.js';
import { occurrences } from './recurrence.js';
import { deliverReminder, type Reminder } from './reminder-delivery.js';
import { calendarEvents, calendarRemindersSent } from './tables.js';

type EventRow = typeof calendarEvents.$inferSelect;
// A recurring event's next occurrence is looked for this far ahead.
const HORIZON_MS = 400 * 86_400_000;

const Payload = z.object({
  item: z.enum(['event', 'task']),
  id: z.string().uuid(),
  // The item's start (a task: its reminder time) the reminder was made for, and the offset.
  start: z.string(),
  offset: z.number().int().min(0),
});
type Payload = z.infer<typeof Payload>;
const keyOf = (p: Payload) => `${p.item}:${p.id}:${p.start}:${p.offset}`;

// One reminder: re-reads the item, and sends only if it is still due as it was when enqueued (not
// done, cancelled, deleted or moved) and no earlier run sent it (the sent row, in this transaction).
export const remindJob = defineJob({
  name: 'calendar.remind',
  payload: Payload,
  maxAttempts: 5,
  async run(ctx, p) {
    const reminder = p.item === 'task' ? await dueTask(ctx, p) : await dueEvent(ctx, p);
    if (!reminder) return;
    const [fresh] = await ctx.tx
      .insert(calendarRemindersSent)
      .values({ workspaceId: ctx.workspaceId, key: keyOf(p) })
      .onConflictDoNothing()
      .returning();
    if (fresh) await deliverReminder(ctx, reminder, keyOf(p));
  },
});

async function dueTask(ctx: Ctx, p: Payload): Promise<Reminder | null> {
  const task = await activities.getTask(ctx, p.id).catch(() => null);
  if (!task || task.doneAt || task.remindAt !== p.start || !task.ownerId) return null;
  return {
    item: 'task',
    id: task.id,
    title: task.title,
    ownerId: task.ownerId,
    startsAt: task.dueAt ?? task.remindAt,
  };
}

async function dueEvent(ctx: Ctx, p: Payload): Promise<Reminder | null> {
  const [row] = await ctx.tx
    .select()
    .from(calendarEvents)
    .where(and(eq(calendarEvents.workspaceId, ctx.workspaceId), eq(calendarEvents.id, p.id)));
  if (!row || row.status !== 'scheduled' || !row.reminders.includes(p.offset)) return null;
  const start = new Date(p.start);
  const isOccurrence = row.rrule
    ? occurrences({ ...row, rrule: row.rrule }, start, new Date(start.getTime() + 1)).some(
        (o) => o.start.getTime() === start.getTime(),
      )
    : row.startsAt.getTime() === start.getTime();
  if (!isOccurrence) return null;
  // The next occurrence of a recurring event gets its reminders now.
  if (row.rrule) await scheduleEvent(ctx, row, new Date(start.getTime() + 1));
  return { item: 'event', id: row.id, title: row.title, ownerId: row.ownerId, startsAt: p.start };
}

// The event's reminders for its next start after `after` (its own start, or a recurrence's).
async function scheduleEvent(ctx: Ctx, row: EventRow, after: Date) {
  if (row.status !== 'scheduled' || !row.reminders.length) return;
  const start = row.rrule
    ? occurrences({ ...row, rrule: row.rrule }, after, new Date(after.getTime() + HORIZON_MS)).find(
        (o) => o.start >= after,
      )?.start
    : row.startsAt;
  if (!start || start <= new Date()) return;
  for (const offset of row.reminders) {
    const at = new Date(start.getTime() - offset * 60_000);
    if (at.getTime() < Date.now() - 60_000) continue;
    const p: Payload = { item: 'event', id: row.id, start: start.toISOString(), offset };
    await enqueue(ctx.tx, remindJob, p, {
      workspaceId: ctx.workspaceId,
      key: keyOf(p),
      runAt: at,
    });
  }
}

// After an event was made, moved or changed: reminders for its (next) start. Jobs enqueued for an
// old start stay and find it moved when due.
export const afterEventChange = (ctx: Ctx, row: EventRow): Promise<void> =>
  scheduleEvent(ctx, row, new Date());

// A task with a reminder time gets one reminder then (activities tells us: onTaskSchedule).
export async function afterTaskChange(ctx: Ctx, task: Task): Promise<void> {
  if (!task.remindAt || task.doneAt || !task.ownerId) return;
  const at = new Date(task.remindAt);
  if (at.getTime() < Date.now() - 60_000) return;
  const p: Payload = { item: 'task', id: task.id, start: task.remindAt, offset: 0 };
  await enqueue(ctx.tx, remindJob, p, { workspaceId: ctx.workspaceId, key: keyOf(p), runAt: at });
}
