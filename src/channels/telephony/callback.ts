import { createHash, createHmac } from 'node:crypto';
import { outboundFetch } from '../../platform/net/outbound.js';
import { providerBase } from '../shared/webhook.js';
import { MANGO_API_BASE, signMango } from './mango.js';

// Click-to-call: the PBX first rings the manager's extension and, once they pick up, dials the
// client (the "callback" call every cloud PBX offers). Each provider's request is built as its
// public documentation describes; the request goes out through the guarded outbound client (no
// private addresses, no redirects) and gives up after CALLBACK_TIMEOUT_MS, so the manager is told
// at once and nothing hangs.
//
// MANGO OFFICE (VPBX API, "commands/callback"): POST {base}/commands/callback with the form fields
//   vpbx_api_key, sign = hex(sha256(vpbx_api_key + json + vpbx_api_salt)), json =
//   {"command_id": "<ours>", "from": {"extension": "<manager>"}, "to_number": "<digits>"}
//   (and "line_number" when the channel names the outgoing line). The answer is JSON whose
//   `result` is 1000 when the command was accepted; other codes are the PBX's refusals.
// Zadarma (API v1, "request/callback"): GET {base}/v1/request/callback/?from=<extension>&to=<number>
//   with `Authorization: <key>:<signature>`, where the parameters are sorted by name and
//   URL-encoded (PHP's http_build_query), and signature = base64(hex(HMAC-SHA1(secret,
//   "/v1/request/callback/" + params + hex(md5(params))))) — the official PHP client base64-encodes
//   hash_hmac's hex digest. The answer is JSON with `status: "success"` or `"error"` + `message`.

export const ZADARMA_API_BASE = 'https://api.zadarma.com';
export const CALLBACK_TIMEOUT_MS = 10_000;

export type CallbackProvider = 'mango' | 'zadarma';
export type CallbackRequest = {
  // Our id of the click: Mango's command_id (its events carry it back).
  commandId: string;
  extension: string;
  // E.164 ("+79161234567").
  phone: string;
};
export type CallbackSettings = {
  provider: CallbackProvider;
  secrets: Record<string, string | undefined>;
  settings: Record<string, unknown>;
};
export type CallbackResult = { ok: true } | { ok: false; reason: string };

const digits = (e164: string) => e164.replace(/\D/g, '');

// The Mango form for commands/callback: exactly what the signature covers is what is sent.
export function mangoCallbackForm(
  r: CallbackRequest,
  secrets: { apiKey: string; apiSalt: string },
  lineNumber?: string | null,
): URLSearchParams {
  const json = JSON.stringify({
    command_id: r.commandId,
    from: { extension: r.extension },
    to_number: digits(r.phone),
    ...(lineNumber ? { line_number: lineNumber.replace(/\D/g, '') } : {}),
  });
  return new URLSearchParams({
    vpbx_api_key: secrets.apiKey,
    sign: signMango(secrets.apiKey, json, secrets.apiSalt),
    json,
  });
}

// PHP's http_build_query over the parameters sorted by name (spaces as "+", RFC 1738).
export function zadarmaQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k]!)}`.replace(/%20/g, '+'))
    .join('&');
}

export function zadarmaSignature(method: string, query: string, secret: string): string {
  const md5 = createHash('md5').update(query).digest('hex');
  const hex = createHmac('sha1', secret)
    .update(method + query + md5)
    .digest('hex');
  return Buffer.from(hex).toString('base64');
}

export function zadarmaCallbackRequest(
  r: CallbackRequest,
  secrets: { apiKey: string; apiSecret: string },
  base = ZADARMA_API_BASE,
): { url: string; authorization: string } {
  const method = '/v1/request/callback/';
  const query = zadarmaQuery({ from: r.extension, to: digits(r.phone) });
  return {
    url: `${base}${method}?${query}`,
    authorization: `${secrets.apiKey}:${zadarmaSignature(method, query, secrets.apiSecret)}`,
  };
}

// A one-hour link to a call's recording (`GET /v1/pbx/record/request/`, signed as every API call).
export async function zadarmaRecordingLink(
  recordingId: string,
  secrets: { apiKey: string; apiSecret: string },
  settings: Record<string, unknown>,
): Promise<string | null> {
  const method = '/v1/pbx/record/request/';
  const query = zadarmaQuery({ call_id: recordingId, lifetime: '3600' });
  const base = providerBase(settings.apiBase, ZADARMA_API_BASE);
  const res = await outboundFetch(`${base}${method}?${query}`, {
    headers: {
      authorization: `${secrets.apiKey}:${zadarmaSignature(method, query, secrets.apiSecret)}`,
    },
    signal: AbortSignal.timeout(CALLBACK_TIMEOUT_MS),
  });
  const body = await readJson(res);
  const link = body?.link ?? (Array.isArray(body?.links) ? body.links[0] : null);
  return res.ok && body?.status === 'success' && typeof link === 'string' ? link : null;
}

async function readJson(res: Response): Promise<Record<string, unknown> | null> {
  try {
    const v = (await res.json()) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const failure = (reason: string): CallbackResult => ({ ok: false, reason: reason.slice(0, 500) });

// Asks the PBX for the callback; never throws: a refusal, an error answer, a timeout or a refused
// address is a reason to show the manager.
export async function requestCallback(
  c: CallbackSettings,
  r: CallbackRequest,
  timeoutMs = CALLBACK_TIMEOUT_MS,
): Promise<CallbackResult> {
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    if (c.provider === 'mango') {
      const { apiKey, apiSalt } = c.secrets;
      if (!apiKey || !apiSalt) return failure('the channel has no apiKey/apiSalt');
      const base = providerBase(c.settings.apiBase, MANGO_API_BASE);
      const line = typeof c.settings.lineNumber === 'string' ? c.settings.lineNumber : null;
      const res = await outboundFetch(`${base}/commands/callback`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: mangoCallbackForm(r, { apiKey, apiSalt }, line).toString(),
        signal,
      });
      const body = await readJson(res);
      const result = Number(body?.result);
      if (res.ok && result === 1000) return { ok: true };
      return failure(
        `MANGO OFFICE answered ${res.status}${body?.result ? `, result ${String(body.result)}` : ''}`,
      );
    }
    const { apiKey, apiSecret } = c.secrets;
    if (!apiKey || !apiSecret) return failure('the channel has no apiKey/apiSecret');
    const base = providerBase(c.settings.apiBase, ZADARMA_API_BASE);
    const req = zadarmaCallbackRequest(r, { apiKey, apiSecret }, base);
    const res = await outboundFetch(req.url, {
      headers: { authorization: req.authorization },
      signal,
    });
    const body = await readJson(res);
    if (res.ok && body?.status === 'success') return { ok: true };
    return failure(
      `Zadarma answered ${res.status}${typeof body?.message === 'string' ? `: ${body.message}` : ''}`,
    );
  } catch (err) {
    const e = err as Error;
    if (e.name === 'TimeoutError' || e.name === 'AbortError')
      return failure(`the PBX did not answer within ${Math.round(timeoutMs / 1000)} s`);
    const cause = (e as { cause?: Error }).cause;
    return failure(`the PBX could not be reached: ${cause?.message ?? e.message}`);
  }
}
