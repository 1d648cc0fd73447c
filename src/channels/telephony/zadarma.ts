import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { CallEvent } from '../../modules/activities/service.js';
import { noManager } from '../../modules/activities/service.js';
import { mangoNumber } from './mango.js';

// Zadarma's PBX notifications (its "Уведомления о звонках в АТС", the official PHP client's
// Webhook classes): a form-encoded POST per event with `event` = NOTIFY_START (a call came in),
// NOTIFY_INTERNAL (it rings an extension), NOTIFY_ANSWER, NOTIFY_END, NOTIFY_OUT_START,
// NOTIFY_OUT_END, NOTIFY_RECORD. The `Signature` header is base64 of the hex HMAC-SHA1, keyed with
// the API secret, over fields that depend on the event:
//   START, INTERNAL, END: caller_id + called_did + call_start
//   ANSWER:               caller_id + destination + call_start
//   OUT_START, OUT_END:   internal + destination + call_start
//   RECORD:               pbx_call_id + call_id_with_rec
// Zadarma checks the URL first with GET ?zd_echo=<x>, answered with <x> as text.

export type ZadarmaForm = Record<string, string>;

export const readZadarmaForm = (body: Buffer): ZadarmaForm =>
  Object.fromEntries(new URLSearchParams(body.toString('utf8')));

const signed: Record<string, string[]> = {
  NOTIFY_START: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_INTERNAL: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_END: ['caller_id', 'called_did', 'call_start'],
  NOTIFY_ANSWER: ['caller_id', 'destination', 'call_start'],
  NOTIFY_OUT_START: ['internal', 'destination', 'call_start'],
  NOTIFY_OUT_END: ['internal', 'destination', 'call_start'],
  NOTIFY_RECORD: ['pbx_call_id', 'call_id_with_rec'],
};

export function signZadarma(form: ZadarmaForm, secret: string): string | null {
  const fields = signed[form.event ?? ''];
  if (!fields) return null;
  const hex = createHmac('sha1', secret)
    .update(fields.map((f) => form[f] ?? '').join(''))
    .digest('hex');
  return Buffer.from(hex).toString('base64');
}

// Constant time; an unknown event, a missing secret or header never matches.
export function isZadarmaSignatureValid(
  form: ZadarmaForm,
  secret: string | undefined,
  header: string | null,
): boolean {
  if (!secret || !header) return false;
  const expected = signZadarma(form, secret);
  if (!expected) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(header.trim());
  return a.length === b.length && timingSafeEqual(a, b);
}

const text = z.string().trim().max(200);
const Common = z.object({
  pbx_call_id: z.string().trim().min(1).max(128),
  call_start: text.optional(),
  caller_id: text.optional(),
  called_did: text.optional(),
  destination: text.optional(),
  internal: text.optional(),
  duration: z.string().regex(/^\d+$/).optional(),
  disposition: text.optional(),
  call_id_with_rec: text.optional(),
});

export type ZadarmaResult =
  | { ok: true; kind: 'call'; event: CallEvent }
  | { ok: true; kind: 'recording'; callId: string; recordingId: string }
  | { ok: true; kind: 'ignored'; reason: string }
  | { ok: false; field: string; reason: string };

const value = (v: string | undefined) => (v ? v : null);

// A verified notification → a call event of the timeline. The end of a call is its one final word
// (answered and for how long, or missed); its id is `<pbx_call_id>:end`, which the recording joins.
export function parseZadarmaEvent(form: ZadarmaForm, now = new Date()): ZadarmaResult {
  const r = Common.safeParse(form);
  if (!r.success) {
    const issue = r.error.issues[0]!;
    return { ok: false, field: issue.path.join('.') || 'body', reason: issue.message };
  }
  const f = r.data;
  const callId = f.pbx_call_id;
  const out = form.event === 'NOTIFY_OUT_START' || form.event === 'NOTIFY_OUT_END';
  const base = {
    callId,
    direction: out ? ('out' as const) : ('in' as const),
    clientNumber: mangoNumber(value(out ? f.destination : f.caller_id)),
    lineNumber: out ? null : mangoNumber(value(f.called_did)),
    manager: { ...noManager(), extension: value(f.internal) },
    at: now,
    durationSec: null,
    recordingUrl: null,
  };
  const call = (kind: CallEvent['kind'], id: string, extra: Partial<CallEvent> = {}) =>
    ({
      ok: true,
      kind: 'call',
      event: { ...base, kind, externalId: `${callId}:${id}`, ...extra },
    }) as const;
  switch (form.event) {
    case 'NOTIFY_START':
      return call('ringing', 'start');
    case 'NOTIFY_INTERNAL':
      return call('ringing', `internal:${f.internal ?? ''}`);
    case 'NOTIFY_OUT_START':
      return call('ringing', 'out_start');
    case 'NOTIFY_ANSWER':
      return call('answered', `answer:${f.internal ?? ''}`);
    case 'NOTIFY_END':
    case 'NOTIFY_OUT_END': {
      const answered = f.disposition === 'answered';
      return call(answered ? 'ended' : 'missed', 'end', {
        durationSec: answered ? Number(f.duration ?? 0) : 0,
      });
    }
    case 'NOTIFY_RECORD':
      return f.call_id_with_rec
        ? { ok: true, kind: 'recording', callId, recordingId: f.call_id_with_rec }
        : { ok: false, field: 'call_id_with_rec', reason: 'required' };
    default:
      return { ok: true, kind: 'ignored', reason: `${form.event ?? 'no event'} is not read` };
  }
}
