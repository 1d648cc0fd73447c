import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { defineJob, enqueue } from '../../platform/jobs/jobs.js';
import * as activities from '../../modules/activities/service.js';
import * as clients from '../../modules/clients/service.js';
import * as inbox from '../../modules/inbox/service.js';
import * as workspaces from '../../modules/workspaces/service.js';
import type { CallEvent, CallEventKind } from './call-event.js';
import { routeCall } from './routing.js';

// A verified call event → one inbox item of the phone channel: the caller's number is the thread
// (one conversation per client), the event's provider id the dedup key. The inbox does the rest:
// ringing pops up the card for the members the call is routed to, answered/ended write or update
// the call's one timeline activity, missed raises a request with a call-back task.

type Channel = Pick<inbox.ChannelRow, 'id' | 'name' | 'settings'>;

export async function acceptCall(
  ctx: Ctx,
  channel: Channel,
  e: CallEvent,
): Promise<inbox.Accepted> {
  const locale = (await workspaces.getWorkspace(ctx)).locale;
  const e164 = e.clientNumber
    ? clients.toE164(e.clientNumber, clients.defaultPhoneRegion(locale))
    : null;
  // Our own outbound call nobody answered is not a client's request.
  const kind: CallEventKind = e.direction === 'out' && e.kind === 'missed' ? 'ended' : e.kind;
  const contact = e164 ? await clients.findContactByPoint(ctx, 'phone', e164) : null;
  const route = await routeCall(ctx, e.manager, channel.settings, contact?.id ?? null);
  return inbox.acceptInbound(ctx, {
    channelId: channel.id,
    // A caller without a number still gets a conversation (and, if missed, a request) of their own.
    threadKey: e164 ?? e.clientNumber ?? `call:${e.callId}`,
    externalId: e.externalId,
    text: describeCall(kind, e, locale),
    from: { phone: e.clientNumber },
    at: e.at,
    source: channel.name,
    call: {
      event: kind,
      ...(e.durationSec !== null ? { durationSec: e.durationSec } : {}),
      recordingUrl: e.recordingUrl,
      managerPhone: e.manager.phone ?? e.manager.extension,
      callId: e.callId,
      direction: e.direction,
      managerId: route.managerId,
      notify: e.direction === 'in' ? route.notify : [],
    },
  });
}

export function describeCall(
  kind: CallEventKind,
  e: Pick<CallEvent, 'direction' | 'durationSec'>,
  locale: 'ru' | 'en',
): string {
  const ru = locale !== 'en';
  const inbound = e.direction === 'in';
  const secs = e.durationSec ?? 0;
  const length = ru
    ? `${Math.floor(secs / 60)} мин ${secs % 60} с`
    : `${Math.floor(secs / 60)} min ${secs % 60} s`;
  switch (kind) {
    case 'ringing':
      return ru ? 'Входящий звонок' : 'Incoming call';
    case 'answered':
      return inbound
        ? ru
          ? 'Входящий звонок: разговор'
          : 'Incoming call: talking'
        : ru
          ? 'Исходящий звонок: разговор'
          : 'Outgoing call: talking';
    case 'missed':
      return ru ? 'Пропущенный звонок' : 'Missed call';
    case 'ended':
      if (!inbound && secs === 0)
        return ru ? 'Исходящий звонок: нет ответа' : 'Outgoing call: no answer';
      return inbound
        ? ru
          ? `Входящий звонок, ${length}`
          : `Incoming call, ${length}`
        : ru
          ? `Исходящий звонок, ${length}`
          : `Outgoing call, ${length}`;
  }
}

// A recording is reported after the call (Mango: events/record/added). It joins the call's
// activity. If the call's final event is not stored yet (the PBX posts in parallel), a durable job
// retries until it is (2, 4, 8… s, for about half an hour); once it is, a call without an
// activity (nobody known to file it under: an answered stranger) has nothing to attach it to.
const RecordingJob = z.object({
  channelId: z.string().uuid(),
  callId: z.string().min(1).max(128),
  finalEventId: z.string().min(1).max(300),
  recordingUrl: z.string().min(1).max(2000),
});
type RecordingJob = z.infer<typeof RecordingJob>;

export type RecordingOutcome = 'attached' | 'no_activity' | 'queued';

async function tryAttach(ctx: Ctx, r: RecordingJob): Promise<RecordingOutcome | null> {
  if (await activities.patchCallActivity(ctx, r.callId, { recordingUrl: r.recordingUrl }))
    return 'attached';
  return (await inbox.findThreadKey(ctx, r.channelId, [r.finalEventId])) ? 'no_activity' : null;
}

export const attachRecording = defineJob({
  name: 'telephony.attach-recording',
  payload: RecordingJob,
  maxAttempts: 11,
  async run(ctx, r) {
    if (!(await tryAttach(ctx, r))) throw new Error(`the call ${r.callId} has not ended yet`);
  },
});

export async function acceptRecording(ctx: Ctx, r: RecordingJob): Promise<RecordingOutcome> {
  const done = await tryAttach(ctx, r);
  if (done) return done;
  await enqueue(ctx.tx, attachRecording, r, {
    workspaceId: ctx.workspaceId,
    key: `${r.channelId}:${r.callId}:${r.recordingUrl}`.slice(0, 1000),
    runAt: new Date(Date.now() + 5000),
  });
  return 'queued';
}
