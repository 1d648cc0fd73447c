import type { Ctx } from '../../platform/context.js';
import * as activities from '../../modules/activities/service.js';
import * as inbox from '../../modules/inbox/service.js';

// A verified, parsed call event → one inbox item of the phone channel. What the call means (its
// thread, text, who it is routed to, what goes on the timeline) is the activities module's
// (activities/calls.ts); the channel only names itself and the event's dedup key.

type Channel = Pick<inbox.ChannelRow, 'id' | 'name' | 'settings'>;

export async function acceptCall(
  ctx: Ctx,
  channel: Channel,
  e: activities.CallEvent,
): Promise<inbox.Accepted> {
  const planned = await activities.planCall(ctx, channel.settings, e);
  return inbox.acceptInbound(ctx, {
    channelId: channel.id,
    externalId: e.externalId,
    source: channel.name,
    ...planned,
  });
}
