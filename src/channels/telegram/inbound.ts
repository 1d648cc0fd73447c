import type { FastifyInstance } from 'fastify';
import { GrammyError, type Api } from 'grammy';
import * as inbox from '../../modules/inbox/service.js';
import * as routing from '../../modules/routing/service.js';
import type { ModuleDeps } from '../../modules/deps.js';
import type { Db } from '../../platform/db/types.js';
import { sendProblem } from '../../platform/http/problem.js';
import {
  headerValue,
  inChannelWorkspace,
  isSameSecret,
  keepRawJson,
  readJson,
} from '../shared/webhook.js';
import { downloadTelegramFile, telegramApi } from './bot-api.js';
import { parseTelegramUpdate, type TelegramItem } from './parse-update.js';

export type Outcome = 'accepted' | 'duplicate' | 'ignored';

// One Update, from the webhook or the poller: files fetched first (no transaction held over the
// network), then one transaction accepts the message and, for the poller, moves its offset.
export async function acceptTelegramUpdate(
  db: Db,
  channel: inbox.ChannelRow,
  token: string,
  update: unknown,
  requestId: string | null,
  cursor?: { offset: number; savedAt: string },
): Promise<Outcome> {
  const parsed = parseTelegramUpdate(update);
  const item = parsed.kind === 'message' ? await withFiles(channel, token, parsed.item) : null;
  // "/start <code>" from a member linking their Telegram for routing notices (not a client's request).
  const start =
    parsed.kind === 'message'
      ? /^\/start\s+(\S+)\s*$/.exec(parsed.item.text ?? '')?.[1]
      : undefined;
  return inChannelWorkspace(db, channel.workspaceId, requestId, async (ctx) => {
    const linked =
      start && parsed.kind === 'message'
        ? await routing.completeTelegramLink(ctx, channel.id, start, parsed.item.chatId)
        : false;
    const accepted = item && !linked ? await inbox.acceptInbound(ctx, item) : null;
    if (cursor) await inbox.saveChannelCursor(ctx, channel.id, cursor);
    return accepted ? (accepted.duplicate ? 'duplicate' : 'accepted') : 'ignored';
  });
}

// Files up to the inbox's limit are kept with the message; one Telegram will not hand over (over
// 20 MB) or that is too large is named in the text instead, so the message itself is never lost.
async function withFiles(
  channel: inbox.ChannelRow,
  token: string,
  t: TelegramItem,
): Promise<inbox.InboundItem> {
  const attachments: NonNullable<inbox.InboundItem['attachments']> = [];
  const left: string[] = [];
  const api = t.files.length ? telegramApi(channel.settings, token, 60) : null;
  for (const f of t.files) {
    const content =
      f.size !== null && f.size > inbox.MAX_FILE_BYTES
        ? null
        : await fetchFile(api!, channel, token, f.fileId);
    if (content) attachments.push({ name: f.name, type: f.type, content });
    else left.push(`[${f.name}: too large to keep]`);
  }
  const text = [t.text, ...left].filter(Boolean).join('\n') || null;
  return {
    channelId: channel.id,
    threadKey: t.chatId,
    externalId: t.messageKey,
    text,
    from: t.from,
    attachments,
    at: t.at,
  };
}

// Telegram refusing the file (over its 20 MB, or gone) is final: the message is kept without it.
// The network failing is not: the delivery fails and Telegram repeats it.
async function fetchFile(
  api: Api,
  channel: inbox.ChannelRow,
  token: string,
  fileId: string,
): Promise<Buffer | null> {
  try {
    return await downloadTelegramFile(api, channel.settings, token, fileId, inbox.MAX_FILE_BYTES);
  } catch (err) {
    if (
      err instanceof GrammyError &&
      err.error_code >= 400 &&
      err.error_code < 500 &&
      err.error_code !== 429
    )
      return null;
    throw err;
  }
}

// POST /api/public/telegram/:key — the bot's webhook. Telegram sends the secret_token given to
// setWebhook in X-Telegram-Bot-Api-Secret-Token; anything else is refused before the body is
// interpreted. Every verified update is answered 200 once stored (or ignored), so Telegram stops retrying.
export async function telegramWebhookRoutes(app: FastifyInstance, { db, sealer }: ModuleDeps) {
  keepRawJson(app);
  app.post(
    '/api/public/telegram/:key',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) => {
      const { key } = req.params as { key: string };
      const channel = await inbox.findChannelByKey(db, 'telegram', key);
      if (!channel) return sendProblem(reply, 'channel.not_found', 'no such channel');
      const secrets = inbox.openChannelSecrets(sealer, channel);
      if (
        !isSameSecret(
          headerValue(req.headers['x-telegram-bot-api-secret-token']),
          secrets.webhookSecret,
        )
      ) {
        return sendProblem(
          reply,
          'webhook.invalid_signature',
          'missing or wrong X-Telegram-Bot-Api-Secret-Token',
        );
      }
      const update = readJson(req.body);
      if (update === null)
        return sendProblem(reply, 'request.malformed_json', 'the body is not JSON');
      const outcome = await acceptTelegramUpdate(
        db,
        channel,
        secrets.botToken ?? '',
        update,
        String(req.id),
      );
      return reply.code(200).send({ ok: true, outcome });
    },
  );
}
