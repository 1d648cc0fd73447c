import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { noManager, type CallEvent } from '../../modules/activities/service.js';

// MANGO OFFICE Virtual PBX, "API Realtime" (MangoOffice_VPBX_API v1.9, §2.4, §3.1): the PBX POSTs
// form fields `vpbx_api_key`, `sign` and `json` to `{our base URL}/events/<type>`, where
// sign = hex(sha256(vpbx_api_key + json + vpbx_api_salt)). The events we read:
//  - events/call (§3.1.2): one per state change of one call leg (`call_id`) of a call (`entry_id`):
//    Appeared (ringing), Connected (talking), OnHold, Disconnected; `seq` orders them; `location`
//    is ivr | queue | abonent; from/to carry `extension` (a PBX employee) and/or `number`.
//  - events/summary (§3.1.6): once per call when it is over: call_direction (0 internal, 1 in,
//    2 out), create_time, talk_time (0 when nobody talked), end_time, entry_result (1 talked, 0 missed).
//  - events/record/added (§3.1.8): a recording of the call (entry_id, recording_id) can be fetched.
// Everything else (events/recording, sms, dtmf, …) is acknowledged and not stored.

export const MANGO_API_BASE = 'https://app.mango-office.ru/vpbx';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest();

export const signMango = (apiKey: string, json: string, salt: string) =>
  sha256(apiKey + json + salt).toString('hex');

export type MangoForm = { apiKey: string; sign: string; json: string };

// The form fields of a urlencoded body; null when any of the three is missing.
export function readMangoForm(body: Buffer): MangoForm | null {
  const params = new URLSearchParams(body.toString('utf8'));
  const apiKey = params.get('vpbx_api_key');
  const sign = params.get('sign');
  const json = params.get('json');
  return apiKey !== null && sign !== null && json !== null ? { apiKey, sign, json } : null;
}

// Both the product key and the signature must match the channel's; constant time.
export function isMangoSignatureValid(
  form: MangoForm,
  secrets: { apiKey?: string | undefined; apiSalt?: string | undefined },
): boolean {
  if (!secrets.apiKey || !secrets.apiSalt) return false;
  const sameKey = timingSafeEqual(sha256(form.apiKey), sha256(secrets.apiKey));
  if (!/^[0-9a-f]{64}$/i.test(form.sign)) return false;
  const sameSign = timingSafeEqual(
    Buffer.from(form.sign.toLowerCase(), 'hex'),
    sha256(form.apiKey + form.json + secrets.apiSalt),
  );
  return sameKey && sameSign;
}

// Mango writes numbers and times sometimes as JSON numbers, sometimes as strings.
const str = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).trim())
  .pipe(z.string().max(200));
const int = z.union([z.number(), z.string().regex(/^\d+$/)]).transform(Number);
const Party = z
  .object({ extension: str.nullish(), number: str.nullish(), line_number: str.nullish() })
  .partial();

export const MangoCall = z.object({
  entry_id: str.pipe(z.string().min(1).max(128)),
  call_id: str.pipe(z.string().min(1).max(128)),
  timestamp: int.nullish(),
  seq: int.nullish(),
  call_state: z.string(),
  location: z.string().nullish(),
  from: Party.nullish(),
  to: Party.nullish(),
  disconnect_reason: int.nullish(),
});

export const MangoSummary = z.object({
  entry_id: str.pipe(z.string().min(1).max(128)),
  call_direction: int,
  from: Party.nullish(),
  to: Party.nullish(),
  line_number: str.nullish(),
  create_time: int.nullish(),
  talk_time: int.nullish(),
  end_time: int.nullish(),
  entry_result: int.nullish(),
  disconnect_reason: int.nullish(),
});

export const MangoRecordAdded = z.object({
  entry_id: str.pipe(z.string().min(1).max(128)),
  recording_id: str.pipe(z.string().min(1).max(128)),
  timestamp: int.nullish(),
});

export type MangoRecording = { callId: string; recordingId: string };

export type MangoResult =
  | { ok: true; kind: 'call'; event: CallEvent }
  | { ok: true; kind: 'recording'; recording: MangoRecording }
  | { ok: true; kind: 'ignored'; reason: string }
  | { ok: false; field: string; reason: string };

const fail = (error: z.ZodError): MangoResult => {
  const issue = error.issues[0]!;
  return { ok: false, field: ['json', ...issue.path].join('.'), reason: issue.message };
};

const epoch = (s: number | null | undefined, fallback: Date) => (s ? new Date(s * 1000) : fallback);
const value = (v: string | null | undefined) => (v ? v : null);

// Mango numbers are international without "+" ("79001234567"); a SIP address stays as it is.
export function mangoNumber(n: string | null | undefined): string | null {
  if (!n) return null;
  return /^[1-79]\d{9,14}$/.test(n) ? `+${n}` : n;
}

// A verified payload of events/<type> → what to do with it.
export function parseMangoEvent(type: string, json: unknown, now = new Date()): MangoResult {
  if (type === 'events/call') return parseCall(json, now);
  if (type === 'events/summary') return parseSummary(json, now);
  if (type === 'events/record/added') {
    const r = MangoRecordAdded.safeParse(json);
    return r.success
      ? {
          ok: true,
          kind: 'recording',
          recording: { callId: r.data.entry_id, recordingId: r.data.recording_id },
        }
      : fail(r.error);
  }
  return { ok: true, kind: 'ignored', reason: `${type} is not read` };
}

// A leg ringing at an employee is the pop-up; a leg connected is the call answered. Legs in the
// voice menu or the queue, holds and each leg's end say nothing the summary does not: the summary
// is the one final word on the call (answered and for how long, or missed).
function parseCall(json: unknown, now: Date): MangoResult {
  const r = MangoCall.safeParse(json);
  if (!r.success) return fail(r.error);
  const c = r.data;
  const fromEmployee = Boolean(c.from?.extension);
  const toEmployee = Boolean(c.to?.extension);
  if (fromEmployee && toEmployee) return { ok: true, kind: 'ignored', reason: 'internal call' };
  const inbound = !fromEmployee;
  const state = c.call_state;
  if (state !== 'Appeared' && state !== 'Connected')
    return { ok: true, kind: 'ignored', reason: `call state ${state}` };
  if (state === 'Appeared' && (!inbound || c.location !== 'abonent'))
    return {
      ok: true,
      kind: 'ignored',
      reason: inbound ? `ringing in ${c.location ?? 'the PBX'}` : 'outbound dialling',
    };
  const employee = inbound ? c.to : c.from;
  const client = inbound ? c.from : c.to;
  return {
    ok: true,
    kind: 'call',
    event: {
      kind: state === 'Appeared' ? 'ringing' : 'answered',
      callId: c.entry_id,
      externalId: `${c.call_id}:${state}`,
      direction: inbound ? 'in' : 'out',
      clientNumber: mangoNumber(client?.number),
      lineNumber: mangoNumber(c.to?.line_number ?? c.from?.line_number),
      manager: {
        ...noManager(),
        extension: value(employee?.extension),
        phone:
          employee?.number && !/^sip:/i.test(employee.number) ? mangoNumber(employee.number) : null,
      },
      at: epoch(c.timestamp, now),
      durationSec: null,
      recordingUrl: null,
    },
  };
}

// Inbound: talked when entry_result is 1 and someone picked up (talk_time set); a call that ended
// in the voice menu without reaching anyone is a missed call to return. Outbound: ended, with the
// talk time (0 when the client did not answer); an unanswered outbound call is not a request.
function parseSummary(json: unknown, now: Date): MangoResult {
  const r = MangoSummary.safeParse(json);
  if (!r.success) return fail(r.error);
  const s = r.data;
  if (s.call_direction !== 1 && s.call_direction !== 2)
    return { ok: true, kind: 'ignored', reason: 'internal call' };
  const inbound = s.call_direction === 1;
  const talked = (s.entry_result ?? 0) === 1 && (s.talk_time ?? 0) > 0;
  const employee = inbound ? s.to : s.from;
  const client = inbound ? s.from : s.to;
  const duration = talked && s.end_time ? Math.max(0, s.end_time - s.talk_time!) : 0;
  return {
    ok: true,
    kind: 'call',
    event: {
      kind: inbound && !talked ? 'missed' : 'ended',
      callId: s.entry_id,
      externalId: `${s.entry_id}:summary`,
      direction: inbound ? 'in' : 'out',
      clientNumber: mangoNumber(client?.number),
      lineNumber: mangoNumber(s.line_number),
      manager: {
        ...noManager(),
        extension: value(employee?.extension),
        phone:
          employee?.number && !/^sip:/i.test(employee.number) ? mangoNumber(employee.number) : null,
      },
      at: epoch(s.create_time, now),
      durationSec: duration,
      recordingUrl: null,
    },
  };
}

// A link that plays a recording, valid until `expiresAt` (§3.5.2; the PBX owner enables such
// links in the Mango account): sign = sha256(vpbx_api_key + timestamp + recording_id + salt).
// The link Mango redirects to is one-time, so ours is made afresh each time someone listens.
export function mangoRecordingLink(
  recordingId: string,
  secrets: { apiKey: string; apiSalt: string },
  expiresAt: Date,
  base = MANGO_API_BASE,
): string {
  const ts = String(Math.floor(expiresAt.getTime() / 1000));
  const sign = signMango(secrets.apiKey, ts + recordingId, secrets.apiSalt);
  return `${base}/queries/recording/link/${encodeURIComponent(recordingId)}/play/${encodeURIComponent(secrets.apiKey)}/${ts}/${sign}`;
}

// Our own link to a recording carries this token: only links Voronka wrote (into a call's
// activity) open it, so nobody lists a channel's recordings by guessing Mango's ids.
export const recordingToken = (apiSalt: string, channelId: string, recordingId: string) =>
  sha256(`recording:${channelId}:${recordingId}:${apiSalt}`).toString('hex').slice(0, 32);

export const isRecordingTokenValid = (
  token: string,
  apiSalt: string,
  channelId: string,
  recordingId: string,
) => {
  const expected = Buffer.from(recordingToken(apiSalt, channelId, recordingId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
};
