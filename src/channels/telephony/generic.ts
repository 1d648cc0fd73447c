import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { CallEvent } from '../../modules/activities/service.js';

// Voronka's own call-event webhook, the contract any PBX can be scripted to speak
// (docs/api.md, "Telephony: generic call events"): one JSON object per event, signed with the
// channel's secret as `X-Voronka-Signature: sha256=<hex HMAC-SHA256 of the raw body>`.

export const SIGNATURE_HEADER = 'x-voronka-signature';

export const signGeneric = (secret: string, body: string | Buffer) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

// Constant time; a missing secret or a malformed header never matches.
export function isGenericSignatureValid(
  secret: string | null | undefined,
  body: Buffer,
  header: string | null,
): boolean {
  if (!secret || !header) return false;
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!m) return false;
  const expected = createHmac('sha256', secret).update(body).digest();
  return timingSafeEqual(Buffer.from(m[1]!.toLowerCase(), 'hex'), expected);
}

const Number_ = z.string().trim().max(64);
const httpUrl = z
  .string()
  .trim()
  .max(2000)
  .refine((v) => /^https?:\/\/[^\s]+$/i.test(v), 'an http(s) URL');

// Unknown fields are ignored, so a PBX script may send more than we read (forward compatible).
export const GenericCallEvent = z.object({
  event: z.enum(['ringing', 'answered', 'missed', 'ended']),
  call_id: z.string().trim().min(1).max(128),
  direction: z.enum(['in', 'out']),
  from: Number_.nullish(),
  to: Number_.nullish(),
  manager_extension: z.string().trim().max(32).nullish(),
  manager_phone: Number_.nullish(),
  manager_email: z.email().max(320).nullish(),
  started_at: z.iso.datetime({ offset: true }).nullish(),
  duration: z.number().int().min(0).max(172_800).nullish(),
  recording_url: httpUrl.nullish(),
});
export type GenericCallEvent = z.infer<typeof GenericCallEvent>;

export type ParseResult =
  { ok: true; event: CallEvent } | { ok: false; field: string; reason: string };

export function parseGenericEvent(json: unknown, now = new Date()): ParseResult {
  const parsed = GenericCallEvent.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, field: issue.path.join('.') || 'body', reason: issue.message };
  }
  const e = parsed.data;
  const inbound = e.direction === 'in';
  return {
    ok: true,
    event: {
      kind: e.event,
      callId: e.call_id,
      externalId: `${e.call_id}:${e.event}`,
      direction: e.direction,
      clientNumber: (inbound ? e.from : e.to) || null,
      lineNumber: (inbound ? e.to : e.from) || null,
      manager: {
        extension: e.manager_extension || null,
        phone: e.manager_phone || null,
        email: e.manager_email?.toLowerCase() || null,
      },
      at: e.started_at ? new Date(e.started_at) : now,
      durationSec: e.duration ?? null,
      recordingUrl: e.recording_url ?? null,
    },
  };
}
