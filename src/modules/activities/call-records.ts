import type { Ctx } from '../../platform/context.js';
import * as workspaces from '../workspaces/service.js';
import { upsertCallActivity } from './call-activities.js';
import type { CallFacts } from './calls.js';
import { linkOutgoingCall } from './outgoing-calls.js';
import { createTask } from './tasks.js';
import { writeActivity } from './timeline.js';

// What the inbox settled a call on (its conversation, client and request) and what the call said.
export type RecordedCall = {
  call: CallFacts;
  at: Date;
  text: string | null;
  from: { name?: string | null; phone?: string | null };
  conversationId: string;
  contactId: string | null;
  companyId: string | null;
  leadId: string | null;
  assigneeId: string | null;
};

// A finished or missed call goes on the client's timeline; a missed one also asks for a call-back.
export async function recordCall(ctx: Ctx, r: RecordedCall): Promise<void> {
  const { call, from } = r;
  // telephony: with a call id, an answered call is on the timeline at once and its end updates it.
  if (
    call.event !== 'ended' &&
    call.event !== 'missed' &&
    !(call.event === 'answered' && call.callId)
  )
    return;
  // An outgoing call started by a click in Voronka: the record it was started from joins the call.
  const link =
    call.direction === 'out' && call.callId
      ? await linkOutgoingCall(ctx, call.callId, from.phone ?? null, call.managerId ?? null)
      : null;
  const contactId = r.contactId ?? link?.contactId ?? null;
  const leadId = r.leadId ?? link?.leadId ?? null;
  if (contactId || leadId || link?.dealId) {
    const activity = {
      contactId,
      companyId: r.companyId ?? link?.companyId ?? null,
      dealId: link?.dealId ?? null,
      leadId,
      at: r.at,
      body: r.text,
      data: {
        direction: call.direction ?? 'in',
        event: call.event,
        durationSec: call.durationSec ?? null,
        recordingUrl: call.recordingUrl ?? null,
        phone: from.phone ?? null,
        managerPhone: call.managerPhone ?? null,
        managerId: call.managerId ?? link?.memberId ?? null,
        conversationId: r.conversationId,
        ...(link
          ? {
              outgoingCallId: link.outgoingCallId,
              callListId: link.callListId,
              callListItemId: link.callListItemId,
            }
          : {}),
      },
    };
    if (call.callId) await upsertCallActivity(ctx, call.callId, activity);
    else await writeActivity(ctx, { kind: 'call', ...activity });
  }
  if (call.event === 'missed') {
    const ru = (await workspaces.getWorkspace(ctx)).locale !== 'en';
    const who = from.name ?? from.phone ?? '';
    await createTask(ctx, {
      kind: 'call',
      title: `${ru ? 'Перезвонить' : 'Call back'}: ${who}`.slice(0, 300),
      dueAt: new Date().toISOString(),
      ownerId: r.assigneeId ?? call.managerId ?? null,
      contactId: r.contactId,
      leadId: r.leadId,
    });
  }
}
