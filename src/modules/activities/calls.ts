import type { Ctx } from '../../platform/context.js';
import * as clients from '../clients/service.js';
import * as workspaces from '../workspaces/service.js';
import { routeCall } from './call-routing.js';

// Calls as Voronka understands them, whatever PBX reported them. The telephony channel parses and
// verifies a provider's payload into a CallEvent; planCall turns it into the inbox item of the
// phone channel (the caller's number is the thread, one conversation per client; the event's
// provider id the dedup key); the inbox stores it and hands the call back to recordCall
// (call-records.ts): answered/ended write or update the call's one timeline activity, missed asks
// for a call-back; ringing pops up the card for the members the call is routed to.

export type CallEventKind = 'ringing' | 'answered' | 'missed' | 'ended';

export type CallManager = { extension: string | null; phone: string | null; email: string | null };

export type CallEvent = {
  kind: CallEventKind;
  // The provider's id of the whole call: every event of it updates one timeline activity.
  callId: string;
  // This event's id at the provider (call id + event): a repeated delivery is recognised by it.
  externalId: string;
  direction: 'in' | 'out';
  // The outside party as the PBX gave it (the caller of an inbound call, the callee of an outbound one).
  clientNumber: string | null;
  // The company's line the call came in on or went out through.
  lineNumber: string | null;
  manager: CallManager;
  at: Date;
  durationSec: number | null;
  recordingUrl: string | null;
};

export const noManager = (): CallManager => ({ extension: null, phone: null, email: null });

// The call an inbox item carries (stored on its message; recordCall files it on the timeline).
export type CallFacts = {
  event: CallEventKind;
  durationSec?: number;
  recordingUrl?: string | null;
  managerPhone?: string | null;
  // Added by the telephony channel: the provider's id of the whole call (its events then update
  // one timeline activity), the direction, the member the call is routed to (owner of the
  // call-back task) and the members whose screens pop up on ringing (absent: everyone's).
  callId?: string;
  direction?: 'in' | 'out';
  managerId?: string | null;
  notify?: string[];
};

// What the inbox is handed for one call event (besides the channel and the event's external id).
export type PlannedCall = {
  threadKey: string;
  text: string;
  from: { phone: string | null };
  at: Date;
  call: CallFacts;
};

export async function planCall(
  ctx: Ctx,
  settings: Record<string, unknown>,
  e: CallEvent,
): Promise<PlannedCall> {
  const locale = (await workspaces.getWorkspace(ctx)).locale;
  const e164 = e.clientNumber
    ? clients.toE164(e.clientNumber, clients.defaultPhoneRegion(locale))
    : null;
  // Our own outbound call nobody answered is not a client's request.
  const kind: CallEventKind = e.direction === 'out' && e.kind === 'missed' ? 'ended' : e.kind;
  const contact = e164 ? await clients.findContactByPoint(ctx, 'phone', e164) : null;
  const route = await routeCall(ctx, e.manager, settings, contact?.id ?? null);
  return {
    // A caller without a number still gets a conversation (and, if missed, a request) of their own.
    threadKey: e164 ?? e.clientNumber ?? `call:${e.callId}`,
    text: describeCall(kind, e, locale),
    from: { phone: e.clientNumber },
    at: e.at,
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
  };
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
