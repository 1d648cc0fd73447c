import { Api, GrammyError, HttpError } from 'grammy';
import { PermanentJobError } from '../../platform/jobs/jobs.js';
import { providerBase } from '../shared/webhook.js';
import { outboundFetch } from '../../platform/net/outbound.js';

// One channel's bot through grammY. `settings.apiRoot` points it at another Bot API server (a
// self-hosted one, or the stand-in the tests run); the default is Telegram's.
export const TELEGRAM_API = 'https://api.telegram.org';

export type TelegramSettings = { apiRoot?: unknown; mode?: unknown };

export function telegramApiRoot(settings: TelegramSettings): string {
  return providerBase(settings.apiRoot, TELEGRAM_API);
}

export function telegramApi(settings: TelegramSettings, token: string, timeoutSeconds = 30): Api {
  return new Api(token, {
    apiRoot: telegramApiRoot(settings),
    timeoutSeconds,
    fetch: outboundFetch as never,
  });
}

// Telegram refusing for good (a blocked bot, a chat that is gone, a bad token, a malformed
// request) is permanent; flood control (429), its own server errors and the network are retried.
export function classifyTelegramError(err: unknown): Error {
  if (err instanceof GrammyError) {
    const reason = `Telegram ${err.method}: ${err.error_code} ${err.description}`;
    return err.error_code === 429 || err.error_code >= 500
      ? new Error(reason)
      : new PermanentJobError(reason);
  }
  if (err instanceof HttpError)
    return new Error(
      `Telegram unreachable: ${String((err.error as Error)?.message ?? err.message)}`,
    );
  return err instanceof Error ? err : new Error(String(err));
}

// A file a client sent, fetched through getFile and the file link
// (https://api.telegram.org/file/bot<token>/<file_path>). Returns null when Telegram has no path
// for it or it is larger than `maxBytes`; throws on network errors.
export async function downloadTelegramFile(
  api: Api,
  settings: TelegramSettings,
  token: string,
  fileId: string,
  maxBytes: number,
): Promise<Buffer | null> {
  const file = await api.getFile(fileId);
  if (!file.file_path || (file.file_size ?? 0) > maxBytes) return null;
  const url = `${telegramApiRoot(settings)}/file/bot${token}/${file.file_path.split('/').map(encodeURIComponent).join('/')}`;
  const res = await outboundFetch(url, { signal: AbortSignal.timeout(60_000), redirect: 'error' });
  if (!res.ok || !res.body) throw new Error(`Telegram file download: HTTP ${res.status}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) return null;
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
