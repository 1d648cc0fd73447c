import type { CallListItem, CallOutcomeBody } from '@voronka/contract';
import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import * as activities from '../activities/service.js';
import * as leads from '../leads/service.js';
import * as workspaces from '../workspaces/service.js';
import { addDoNotCall } from './do-not-call.js';
import { findList, me, toItem, type ListRow } from './lists.js';
import { callListItems } from './tables.js';

// The outcome of a call-list call: "call back at…" and "meeting booked" make a task for the caller
// at that time, "interested" a request assigned to them, every outcome a note on the contact's
// timeline; the script path (the answer taken at each step) is checked and kept; "do not call"
// puts the number on the do-not-call list.

export async function recordOutcome(
  ctx: Ctx,
  listId: string,
  itemId: string,
  body: CallOutcomeBody,
): Promise<CallListItem> {
  const list = await findList(ctx, listId);
  const [row] = await ctx.tx
    .select()
    .from(callListItems)
    .where(
      and(
        eq(callListItems.workspaceId, ctx.workspaceId),
        eq(callListItems.callListId, listId),
        eq(callListItems.id, itemId),
      ),
    )
    .for('update');
  if (!row) throw new DomainError('call_list_item.not_found', 'call list item not found');
  if (row.assigneeId !== me(ctx) || row.doneAt)
    throw new DomainError(
      'call_list_item.not_yours',
      row.doneAt
        ? 'the outcome of this call is already recorded'
        : 'this client is handed to someone else',
    );
  checkScriptPath(list.script, body.scriptPath ?? []);
  const ru = (await workspaces.getWorkspace(ctx)).locale !== 'en';
  let taskId: string | null = null;
  let leadId: string | null = null;
  if (body.outcome === 'meeting_booked' || body.outcome === 'call_back')
    taskId = await followUpTask(ctx, row, list.name, body, ru);
  if (body.outcome === 'interested') {
    const lead = await leads.createLead(ctx, {
      channel: 'phone',
      source: `${ru ? 'Обзвон' : 'Call list'}: ${list.name}`.slice(0, 200),
      title: `${ru ? 'Интерес на обзвоне' : 'Interested on a call'}: ${row.name}`.slice(0, 300),
      message: body.note ?? null,
      contactName: row.name.slice(0, 200),
      contactPhone: row.phone,
      assigneeId: me(ctx),
    });
    leadId = lead.id;
  }
  if (row.contactId)
    await activities.writeActivity(ctx, {
      kind: 'note',
      contactId: row.contactId,
      companyId: row.companyId,
      leadId,
      body: [outcomeText(body, ru), body.reason, body.note].filter(Boolean).join(' — '),
      data: {
        callListId: listId,
        callListItemId: row.id,
        outcome: body.outcome,
        ...(body.scriptPath?.length ? { scriptPath: body.scriptPath } : {}),
      },
    });
  const [done] = await ctx.tx
    .update(callListItems)
    .set({
      outcome: body.outcome,
      reason: body.reason ?? null,
      note: body.note ?? null,
      callBackAt: body.callBackAt ? new Date(body.callBackAt) : null,
      taskId,
      leadId,
      scriptPath: body.scriptPath?.length ? body.scriptPath : null,
      doneAt: new Date(),
    })
    .where(and(eq(callListItems.workspaceId, ctx.workspaceId), eq(callListItems.id, row.id)))
    .returning();
  // The client asked not to be called: their number leaves every list (this item is closed).
  if (body.doNotCall)
    await addDoNotCall(
      ctx,
      { phone: row.phone, reason: body.reason ?? body.note ?? undefined },
      'call',
    );
  return toItem(done!);
}

// "Call back at…" → a call task, "meeting booked" → a meeting task, for the caller at that time.
// The list shares the client's name and number with its managers; the task links the contact and
// company only where the manager may see them.
async function followUpTask(
  ctx: Ctx,
  row: typeof callListItems.$inferSelect,
  listName: string,
  body: CallOutcomeBody,
  ru: boolean,
): Promise<string> {
  const seen = await workspaces.visibleIds(ctx, 'contacts', [row.contactId]);
  const seenCompany = await workspaces.visibleIds(ctx, 'companies', [row.companyId]);
  const meeting = body.outcome === 'meeting_booked';
  const what = meeting ? (ru ? 'Встреча' : 'Meeting') : ru ? 'Перезвонить' : 'Call back';
  const task = await activities.createTask(ctx, {
    kind: meeting ? 'meeting' : 'call',
    title: `${what}: ${row.name} (${listName})`.slice(0, 300),
    description: body.note ?? null,
    dueAt: body.callBackAt!,
    remindAt: body.callBackAt!,
    ownerId: me(ctx),
    contactId: row.contactId && seen.has(row.contactId) ? row.contactId : null,
    companyId: row.companyId && seenCompany.has(row.companyId) ? row.companyId : null,
  });
  return task.id;
}

// Every step of the path is a step of the script and every answer one of that step's answers.
function checkScriptPath(
  script: ListRow['script'],
  path: NonNullable<CallOutcomeBody['scriptPath']>,
) {
  path.forEach((p, i) => {
    const step = script.find((s) => s.id === p.stepId);
    if (!step)
      throw new DomainError('request.invalid', `scriptPath.${i}.stepId: no such step`, {
        field: `scriptPath.${i}.stepId`,
      });
    if (!step.answers?.some((a) => a.label === p.answer))
      throw new DomainError(
        'request.invalid',
        `scriptPath.${i}.answer: not an answer of this step`,
        {
          field: `scriptPath.${i}.answer`,
        },
      );
  });
}

function outcomeText(b: CallOutcomeBody, ru: boolean): string {
  const when = b.callBackAt
    ? new Date(b.callBackAt).toISOString().slice(0, 16).replace('T', ' ')
    : '';
  switch (b.outcome) {
    case 'no_answer':
      return ru ? 'Обзвон: нет ответа' : 'Call list: no answer';
    case 'call_back':
      return ru ? `Обзвон: перезвонить ${when}` : `Call list: call back ${when}`;
    case 'not_interested':
      return ru ? 'Обзвон: не интересно' : 'Call list: not interested';
    case 'interested':
      return ru ? 'Обзвон: интересно, создана заявка' : 'Call list: interested, request created';
    case 'wrong_number':
      return ru ? 'Обзвон: неверный номер' : 'Call list: wrong number';
    case 'busy':
      return ru ? 'Обзвон: занято' : 'Call list: busy';
    case 'meeting_booked':
      return ru ? `Обзвон: назначена встреча ${when}` : `Call list: meeting booked ${when}`;
  }
}
