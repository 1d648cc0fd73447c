import type * as inbox from '../../modules/inbox/service.js';
import { PermanentJobError } from '../../platform/jobs/jobs.js';
import { providerBase } from '../shared/webhook.js';
import { splitText } from '../shared/text.js';
import { outboundFetch } from '../../platform/net/outbound.js';

// Replies through the Cloud API: POST {graph}/{version}/{phone-number-id}/messages with the
// access token as a bearer. `settings.graphBase` points it at another server (the tests'
// stand-in); `settings.graphVersion` pins the Graph API version.
export const GRAPH_API = 'https://graph.facebook.com';
export const GRAPH_VERSION = 'v21.0';
const TEXT_LIMIT = 4096;

// Rate limits, "something went wrong" and temporary unavailability are retried; anything else
// (outside the 24-hour customer window, an undeliverable number, an expired token) is final.
const RETRYABLE_CODES = new Set([1, 2, 4, 80007, 130429, 131000, 131016, 131048, 131056, 133004]);

type GraphAnswer = {
  messages?: { id?: string }[];
  error?: { code?: number; message?: string; error_subcode?: number };
};

async function postMessage(url: string, token: string, body: unknown): Promise<string> {
  let res: Response;
  try {
    res = await outboundFetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
      redirect: 'error',
    });
  } catch (err) {
    throw new Error(`WhatsApp unreachable: ${(err as Error).message}`);
  }
  const answer = (await res.json().catch(() => ({}))) as GraphAnswer;
  const id = answer.messages?.[0]?.id;
  if (res.ok && id) return id;
  const reason =
    `WhatsApp: HTTP ${res.status}${answer.error ? ` ${answer.error.code} ${answer.error.message ?? ''}` : ''}`.trim();
  const retry =
    res.status === 429 || res.status >= 500 || RETRYABLE_CODES.has(answer.error?.code ?? -1);
  throw retry ? new Error(reason) : new PermanentJobError(reason);
}

export const sendWhatsApp: inbox.Sender = async (channel, conversation, message) => {
  const token = channel.secrets.accessToken;
  const phoneNumberId = channel.settings.phoneNumberId;
  if (!token) throw new PermanentJobError('the channel has no access token');
  if (typeof phoneNumberId !== 'string' || !/^\d+$/.test(phoneNumberId))
    throw new PermanentJobError('the channel has no phone number id');
  // Media would need an upload to /{phone-number-id}/media first: not sent rather than lost silently.
  if (message.attachments.length)
    throw new PermanentJobError('files cannot be sent to WhatsApp yet: send the text alone');
  const parts = splitText(message.text?.trim() ?? '', TEXT_LIMIT);
  if (!parts.length) throw new PermanentJobError('nothing to send');
  const version =
    typeof channel.settings.graphVersion === 'string' &&
    /^v\d+\.\d+$/.test(channel.settings.graphVersion)
      ? channel.settings.graphVersion
      : GRAPH_VERSION;
  const url = `${providerBase(channel.settings.graphBase, GRAPH_API)}/${version}/${phoneNumberId}/messages`;
  const ids: string[] = [];
  try {
    for (const part of parts)
      ids.push(
        await postMessage(url, token, {
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: conversation.threadKey,
          type: 'text',
          text: { preview_url: false, body: part },
        }),
      );
  } catch (err) {
    // The Cloud API has no idempotency key: after a partial send a retry would repeat the first parts.
    if (ids.length)
      throw new PermanentJobError(
        `partly sent (${ids.length} part(s)), then: ${(err as Error).message}`,
      );
    throw err;
  }
  return { externalId: ids[0]! };
};
