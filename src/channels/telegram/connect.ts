import { Channel, IdParams } from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { GrammyError } from 'grammy';
import * as inbox from '../../modules/inbox/service.js';
import type { ModuleDeps } from '../../modules/deps.js';
import type { Ctx } from '../../platform/context.js';
import { randomToken } from '../../platform/crypto.js';
import { DomainError } from '../../platform/errors.js';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import { classifyTelegramError, telegramApi } from './bot-api.js';

// "Connect" a bot: tell Telegram where to deliver. In webhook mode (the default) setWebhook gets
// the channel's public URL and a secret_token that Telegram then sends with every update (one is
// generated and stored, write-only, when the channel has none); in polling mode deleteWebhook
// clears it so getUpdates works. getMe fills in the bot's username.
export const telegramConnectRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (
  app,
  { db, sealer, config },
) => {
  const deps = { sealer, publicUrl: config.publicUrl, mailDomains: config.mailDomains };
  const run = <T>(req: Parameters<typeof inRequestWorkspace>[1], fn: (ctx: Ctx) => Promise<T>) =>
    inRequestWorkspace(db, req, fn);
  app.post(
    '/channels/:id/telegram/connect',
    {
      config: { access: { entity: 'workspace', action: 'update' } },
      schema: {
        tags: ['channels'],
        summary:
          'Connect a Telegram bot: setWebhook with a secret token (or deleteWebhook for polling); fills in the bot username',
        params: IdParams,
        response: { 200: Channel },
      },
    },
    async (req) => {
      const { row, token, secret } = await run(req, (ctx) => prepare(ctx, deps, req.params.id));
      const api = telegramApi(row.settings, token);
      const username = await callTelegram(async () => {
        const me = await api.getMe();
        if (row.settings.mode === 'polling') await api.deleteWebhook();
        else
          await api.setWebhook(
            inbox.webhookUrls('telegram', row.publicKey, config.publicUrl)[0]!.url,
            { secret_token: secret!, allowed_updates: ['message'] },
          );
        return me.username;
      });
      return run(req, (ctx) =>
        inbox.updateChannel(ctx, deps, row.id, {
          settings: { ...(row.settings as Record<string, string>), botUsername: username },
        }),
      );
    },
  );
};

// In its own transaction, committed before Telegram hears of it: the first update may arrive
// before setWebhook has even answered, and the secret it carries must already be known.
async function prepare(ctx: Ctx, deps: inbox.ChannelDeps, id: string) {
  const row = await inbox.findWorkspaceChannel(ctx, id);
  if (!row || row.kind !== 'telegram')
    throw new DomainError('channel.not_found', 'no Telegram channel with this id');
  const secrets = inbox.openChannelSecrets(deps.sealer, row);
  if (!secrets.botToken)
    throw new DomainError('request.invalid', 'set the bot token (from @BotFather) first', {
      field: 'secrets.botToken',
    });
  let secret = secrets.webhookSecret ?? null;
  if (row.settings.mode !== 'polling' && !secret) {
    // Telegram allows 1–256 characters of A-Z, a-z, 0-9, _ and -: base64url fits.
    secret = randomToken('', 32);
    await inbox.updateChannel(ctx, deps, id, { secrets: { webhookSecret: secret } });
  }
  return { row, token: secrets.botToken, secret };
}

async function callTelegram<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const detail =
      err instanceof GrammyError
        ? `Telegram refused: ${err.description}`
        : classifyTelegramError(err).message;
    throw new DomainError('channel.connect_failed', detail);
  }
}
