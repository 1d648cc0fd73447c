// One call event as Voronka understands it, whatever PBX sent it. The parsers (generic.ts,
// mango.ts) turn a provider's payload into this; accept-call.ts turns it into one inbox call.

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
