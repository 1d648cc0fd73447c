import type { Page, Task, TaskCreateBody, TaskListQuery, TaskUpdateBody } from '@voronka/contract';
import { and, eq, gte, inArray, isNotNull, isNull, lt, lte, sql, type SQL } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import * as workspaces from '../workspaces/service.js';
import { assertSubjectLinks } from './links.js';
import { tasks } from './tables.js';
import { writeActivity } from './timeline.js';

type TaskRow = typeof tasks.$inferSelect;

// Who follows a task's time (the calendar's reminders): called after a task is made or changed,
// in the same transaction. Registered at start-up by a later module (activities cannot import it).
type TaskScheduled = (ctx: Ctx, task: Task) => Promise<void>;
const scheduled: TaskScheduled[] = [];
export const onTaskSchedule = (fn: TaskScheduled): void => {
  scheduled.push(fn);
};
async function taskScheduled(ctx: Ctx, task: Task) {
  for (const fn of scheduled) await fn(ctx, task);
}
const iso = (d: Date | null) => d?.toISOString() ?? null;
const toTask = (r: TaskRow): Task => ({
  id: r.id,
  kind: r.kind,
  title: r.title,
  description: r.description,
  dueAt: iso(r.dueAt),
  remindAt: iso(r.remindAt),
  doneAt: iso(r.doneAt),
  ownerId: r.ownerId,
  contactId: r.contactId,
  companyId: r.companyId,
  dealId: r.dealId,
  leadId: r.leadId,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

// A task's links to records the caller cannot see are shown as none.
const shown = (ctx: Ctx, items: Task[]) =>
  workspaces.hideInvisibleLinks(ctx, items, {
    contactId: 'contacts',
    companyId: 'companies',
    dealId: 'deals',
    leadId: 'leads',
  });
const shownOne = async (ctx: Ctx, t: Task) => (await shown(ctx, [t]))[0]!;

const taskScope = (ctx: Ctx) => workspaces.ownedScope(ctx, 'tasks');
// Tasks without a due time sort last: 'infinity' keeps them in the keyset.
const dueKey = sql`coalesce(${tasks.dueAt}, 'infinity'::timestamptz)`;

function statusFilter(status: TaskListQuery['status']): SQL | undefined {
  if (status === 'open') return isNull(tasks.doneAt);
  if (status === 'done') return isNotNull(tasks.doneAt);
  if (status === 'overdue') return and(isNull(tasks.doneAt), sql`${tasks.dueAt} < now()`);
  return undefined;
}

export async function listTasks(ctx: Ctx, q: TaskListQuery): Promise<Page<Task>> {
  const after = decodeCursor(q.cursor, ['timestamp', 'uuid']);
  const rows = await ctx.tx
    .select({ task: tasks, sortKey: sql<string>`(${dueKey})::text` })
    .from(tasks)
    .where(
      and(
        taskScope(ctx),
        statusFilter(q.status),
        q.ownerId ? eq(tasks.ownerId, q.ownerId) : undefined,
        q.dueFrom ? gte(tasks.dueAt, new Date(q.dueFrom)) : undefined,
        q.dueTo ? lte(tasks.dueAt, new Date(q.dueTo)) : undefined,
        q.contactId ? eq(tasks.contactId, q.contactId) : undefined,
        q.companyId ? eq(tasks.companyId, q.companyId) : undefined,
        q.dealId ? eq(tasks.dealId, q.dealId) : undefined,
        q.leadId ? eq(tasks.leadId, q.leadId) : undefined,
        after
          ? sql`(${dueKey}, ${tasks.id}) > (${after[0]}::timestamptz, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(dueKey, tasks.id)
    .limit(q.limit + 1);
  const page = toPage(
    rows,
    q.limit,
    (r) => toTask(r.task),
    (r) => [r.sortKey, r.task.id],
  );
  return { items: await shown(ctx, page.items), nextCursor: page.nextCursor };
}

// The tasks of these owners due in [from, to), as the caller sees them (the calendar's range).
export async function tasksDueBetween(
  ctx: Ctx,
  ownerIds: string[],
  from: Date,
  to: Date,
): Promise<Task[]> {
  if (!ownerIds.length) return [];
  const rows = await ctx.tx
    .select()
    .from(tasks)
    .where(
      and(
        taskScope(ctx),
        inArray(tasks.ownerId, ownerIds),
        gte(tasks.dueAt, from),
        lt(tasks.dueAt, to),
      ),
    )
    .orderBy(tasks.dueAt, tasks.id)
    .limit(5000);
  return shown(ctx, rows.map(toTask));
}

async function findTask(ctx: Ctx, id: string): Promise<TaskRow> {
  const [row] = await ctx.tx
    .select()
    .from(tasks)
    .where(and(taskScope(ctx), eq(tasks.id, id)));
  if (!row) throw new DomainError('task.not_found', 'task not found');
  return row;
}

export const getTask = async (ctx: Ctx, id: string) =>
  shownOne(ctx, toTask(await findTask(ctx, id)));

async function assertOwner(ctx: Ctx, ownerId: string | null | undefined) {
  if (!ownerId) return;
  try {
    await workspaces.getUser(ctx, ownerId);
  } catch {
    throw new DomainError('user.not_found', 'owner not found', { field: 'ownerId' });
  }
}

const date = (v: string | null | undefined) =>
  v === undefined ? undefined : v === null ? null : new Date(v);

export async function createTask(ctx: Ctx, body: TaskCreateBody): Promise<Task> {
  await assertOwner(ctx, body.ownerId);
  const links = await assertSubjectLinks(ctx, body);
  const id = newId();
  const [row] = await ctx.tx
    .insert(tasks)
    .values({
      workspaceId: ctx.workspaceId,
      id,
      kind: body.kind,
      title: body.title,
      description: body.description ?? null,
      dueAt: date(body.dueAt) ?? null,
      remindAt: date(body.remindAt) ?? null,
      ownerId: body.ownerId === undefined ? ctx.actor.memberId : body.ownerId,
      ...links,
    })
    .returning();
  const after = toTask(row!);
  await recordAudit(ctx, { action: 'task.created', entity: 'tasks', entityId: id, after });
  await taskScheduled(ctx, after);
  return shownOne(ctx, after);
}

export async function updateTask(ctx: Ctx, id: string, body: TaskUpdateBody): Promise<Task> {
  const before = await findTask(ctx, id);
  await assertOwner(ctx, body.ownerId);
  const { done, dueAt, remindAt, contactId, companyId, dealId, leadId, ...fields } = body;
  const linksChanged = [contactId, companyId, dealId, leadId].some((v) => v !== undefined);
  // Only the links the body names are checked (a link someone else made to a record the caller
  // cannot see stays as it is); the company is completed from a new deal or contact as on create.
  const completed = linksChanged
    ? await assertSubjectLinks(ctx, { contactId, companyId, dealId, leadId })
    : null;
  const links = completed
    ? {
        contactId: contactId === undefined ? before.contactId : contactId,
        companyId: companyId === undefined ? (before.companyId ?? completed.companyId) : companyId,
        dealId: dealId === undefined ? before.dealId : dealId,
        leadId: leadId === undefined ? before.leadId : leadId,
      }
    : {};
  const set = Object.fromEntries(
    Object.entries({
      ...fields,
      dueAt: date(dueAt),
      remindAt: remindAt === undefined ? followDue(before, dueAt) : date(remindAt),
    }).filter(([, v]) => v !== undefined),
  );
  await ctx.tx
    .update(tasks)
    .set({ ...set, ...links, updatedAt: new Date() })
    .where(and(eq(tasks.workspaceId, ctx.workspaceId), eq(tasks.id, id)));
  if (done === true && !before.doneAt) return completeTask(ctx, id);
  if (done === false && before.doneAt)
    await ctx.tx
      .update(tasks)
      .set({ doneAt: null })
      .where(and(eq(tasks.workspaceId, ctx.workspaceId), eq(tasks.id, id)));
  const after = await getTask(ctx, id);
  await taskScheduled(ctx, after);
  await recordAudit(ctx, {
    action: 'task.updated',
    entity: 'tasks',
    entityId: id,
    before: toTask(before),
    after,
  });
  return after;
}

// A task moved to another due time keeps its reminder as far ahead of it as before.
function followDue(before: TaskRow, dueAt: string | null | undefined): Date | undefined {
  if (!dueAt || !before.dueAt || !before.remindAt) return undefined;
  return new Date(before.remindAt.getTime() + (Date.parse(dueAt) - before.dueAt.getTime()));
}

// Completing twice is harmless: the second call changes nothing and logs nothing.
export async function completeTask(ctx: Ctx, id: string): Promise<Task> {
  const before = await findTask(ctx, id);
  if (before.doneAt) return shownOne(ctx, toTask(before));
  const now = new Date();
  await ctx.tx
    .update(tasks)
    .set({ doneAt: now, updatedAt: now })
    .where(and(eq(tasks.workspaceId, ctx.workspaceId), eq(tasks.id, id)));
  await writeActivity(ctx, {
    kind: 'task_done',
    at: now,
    body: before.title,
    contactId: before.contactId,
    companyId: before.companyId,
    dealId: before.dealId,
    leadId: before.leadId,
    data: { taskId: id, taskKind: before.kind },
  });
  const after = await getTask(ctx, id);
  await recordAudit(ctx, {
    action: 'task.completed',
    entity: 'tasks',
    entityId: id,
    before: toTask(before),
    after,
  });
  return after;
}

export async function deleteTask(ctx: Ctx, id: string): Promise<void> {
  const before = await findTask(ctx, id);
  await ctx.tx.delete(tasks).where(and(eq(tasks.workspaceId, ctx.workspaceId), eq(tasks.id, id)));
  await recordAudit(ctx, {
    action: 'task.deleted',
    entity: 'tasks',
    entityId: id,
    before: toTask(before),
  });
}

// Open tasks whose due time passed within [since, before) (automation's "task overdue" scan), oldest
// first, with what a rule needs to act on them.
export async function overdueTasks(
  ctx: Ctx,
  q: { since: Date; before: Date; limit: number },
): Promise<{ id: string; dealId: string | null; dueAt: Date }[]> {
  const rows = await ctx.tx
    .select({ id: tasks.id, dealId: tasks.dealId, dueAt: tasks.dueAt })
    .from(tasks)
    .where(
      and(
        eq(tasks.workspaceId, ctx.workspaceId),
        isNull(tasks.doneAt),
        gte(tasks.dueAt, q.since),
        lt(tasks.dueAt, q.before),
      ),
    )
    .orderBy(tasks.dueAt)
    .limit(q.limit);
  return rows.map((r) => ({ ...r, dueAt: r.dueAt! }));
}
