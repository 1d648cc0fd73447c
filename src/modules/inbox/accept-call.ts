import type { Ctx } from '../../platform/context.js';
import * as activities from '../activities/service.js';
import * as workspaces from '../workspaces/service.js';
import type { InboundItem } from './accept.js';
import { publish } from './runtime.js';
import type { MessageSender } from './tables.js';

// What an accepted item does beyond storing it: a call goes on the client's timeline (a missed one
// asks for a call-back), and the members' screens are told (sent after the commit).

export type CallLinks = {
  conversationId: string;
  contactId: string | null;
  companyId: string | null;
  leadId: string | null;
  assigneeId: string | null;
};

// A finished or missed call goes on the client's timeline; a missed one also asks for a call-back.
export async function recordCall(ctx: Ctx, item: InboundItem, from: MessageSender, l: CallLinks) {
  const call = item.call!;
  // telephony: with a call id, an answered call is on the timeline at once and its end updates it.
  if (
    call.event !== 'ended' &&
    call.event !== 'missed' &&
    !(call.event === 'answered' && call.callId)
  )
    return;
  if (l.contactId || l.leadId) {
    const activity = {
      contactId: l.contactId,
      companyId: l.companyId,
      leadId: l.leadId,
      at: item.at ?? new Date(),
      body: item.text ?? null,
      data: {
        direction: call.direction ?? 'in',
        event: call.event,
        durationSec: call.durationSec ?? null,
        recordingUrl: call.recordingUrl ?? null,
        phone: from.phone ?? null,
        managerPhone: call.managerPhone ?? null,
        managerId: call.managerId ?? null,
        conversationId: l.conversationId,
      },
    };
    if (call.callId) await activities.upsertCallActivity(ctx, call.callId, activity);
    else await activities.writeActivity(ctx, { kind: 'call', ...activity });
  }
  if (call.event === 'missed') {
    const ru = (await workspaces.getWorkspace(ctx)).locale !== 'en';
    const who = from.name ?? from.phone ?? '';
    await activities.createTask(ctx, {
      kind: 'call',
      title: `${ru ? 'Перезвонить' : 'Call back'}: ${who}`.slice(0, 300),
      dueAt: new Date().toISOString(),
      ownerId: l.assigneeId ?? call.managerId ?? null,
      contactId: l.contactId,
      leadId: l.leadId,
    });
  }
}

export async function announce(
  ctx: Ctx,
  item: InboundItem,
  l: CallLinks,
  messageId: string,
): Promise<void> {
  const conversationId = l.conversationId;
  await publish(ctx.workspaceId, { type: 'inbox.message', conversationId, messageId }, ctx.tx);
  if (item.call?.event === 'ringing')
    await publish(
      ctx.workspaceId,
      {
        type: 'call.ringing',
        conversationId,
        contactId: l.contactId,
        leadId: l.leadId,
        ...(item.call.notify ? { memberIds: item.call.notify } : {}),
      },
      ctx.tx,
    );
  // telephony: a pop-up closes when its call is over.
  if (item.call?.event === 'ended' || item.call?.event === 'missed')
    await publish(ctx.workspaceId, { type: 'call.ended', conversationId }, ctx.tx);
}
