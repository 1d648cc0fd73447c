import type { Ctx } from '../../platform/context.js';
import * as workspaces from '../workspaces/service.js';
import { upsertCallActivity } from './call-activities.js';
import type { CallFacts } from './calls.js';
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
  if (r.contactId || r.leadId) {
    const activity = {
      contactId: r.contactId,
      companyId: r.companyId,
      leadId: r.leadId,
      at: r.at,
      body: r.text,
      data: {
        direction: call.direction ?? 'in',
        event: call.event,
        durationSec: call.durationSec ?? null,
        recordingUrl: call.recordingUrl ?? null,
        phone: from.phone ?? null,
        managerPhone: call.managerPhone ?? null,
        managerId: call.managerId ?? null,
        conversationId: r.conversationId,
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
