import type { Ctx } from '../../platform/context.js';
import type { InboundItem } from './accept.js';
import { publish } from './runtime.js';

export type AcceptedLinks = {
  conversationId: string;
  contactId: string | null;
  leadId: string | null;
};

// The members' screens are told what was accepted (sent after the commit): the inbox's new message,
// and for a call the pop-up when it rings and its closing when it is over.
export async function announce(
  ctx: Ctx,
  item: InboundItem,
  l: AcceptedLinks,
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
