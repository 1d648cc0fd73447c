import { createHash } from 'node:crypto';
import type * as inbox from '../../modules/inbox/service.js';
import { PermanentJobError } from '../../platform/jobs/jobs.js';
import { providerBase } from '../shared/webhook.js';
import { splitText } from '../shared/text.js';
import { outboundFetch } from '../../platform/net/outbound.js';

// Replies through VK's messages.send (dev.vk.com/method/messages.send) with the community token.
// `settings.apiBase` points it at another server (the tests' stand-in); the default is VK's.
export const VK_API = 'https://api.vk.com';
export const VK_VERSION = '5.199';
const TEXT_LIMIT = 4096;

// VK drops a messages.send whose random_id it has already seen from this community, so a job
// repeated after a crash cannot deliver twice: the id is derived from our message id (and the part
// number), a positive int32 as VK requires.
export function vkRandomId(messageId: string, part = 0): number {
  const n =
    createHash('sha256').update(`${messageId}:${part}`).digest().readUInt32BE(0) & 0x7fffffff;
  return n || 1;
}

// VK answers HTTP 200 with an `error` object. Too many requests, flood control and its internal
// errors are retried; anything else (no permission to write to this user, a bad token…) is final.
const RETRYABLE = new Set([1, 6, 9, 10]);

type VkAnswer = { response?: unknown; error?: { error_code?: number; error_msg?: string } };

export async function callVk(
  base: string,
  method: string,
  params: Record<string, string>,
): Promise<unknown> {
  let res: Response;
  try {
    res = await outboundFetch(`${base}/method/${method}`, {
      method: 'POST',
      body: new URLSearchParams(params),
      signal: AbortSignal.timeout(30_000),
      redirect: 'error',
    });
  } catch (err) {
    throw new Error(`VK unreachable: ${(err as Error).message}`);
  }
  if (!res.ok) throw new Error(`VK ${method}: HTTP ${res.status}`);
  const answer = (await res.json().catch(() => ({}))) as VkAnswer;
  if (answer.error) {
    const reason =
      `VK ${method}: ${answer.error.error_code} ${answer.error.error_msg ?? ''}`.trim();
    throw RETRYABLE.has(answer.error.error_code ?? 0)
      ? new Error(reason)
      : new PermanentJobError(reason);
  }
  if (answer.response === undefined) throw new Error(`VK ${method}: no response`);
  return answer.response;
}

export const sendVk: inbox.Sender = async (channel, conversation, message) => {
  const token = channel.secrets.accessToken;
  if (!token) throw new PermanentJobError('the channel has no community access token');
  // Files would need VK's upload flow (docs.getMessagesUploadServer): not sent rather than lost silently.
  if (message.attachments.length)
    throw new PermanentJobError('files cannot be sent to VK yet: send the text alone');
  const parts = splitText(message.text?.trim() ?? '', TEXT_LIMIT);
  if (!parts.length) throw new PermanentJobError('nothing to send');
  const base = providerBase(channel.settings.apiBase, VK_API);
  const ids: string[] = [];
  for (const [i, part] of parts.entries()) {
    // Each part keeps its own random_id, so a retry after a partial send repeats nothing.
    const id = await callVk(base, 'messages.send', {
      access_token: token,
      v: VK_VERSION,
      peer_id: conversation.threadKey,
      random_id: String(vkRandomId(message.id, i)),
      message: part,
    });
    ids.push(String(id));
  }
  return { externalId: `${conversation.threadKey}:${ids[0]}` };
};
