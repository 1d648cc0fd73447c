import type { FastifyInstance } from 'fastify';
import * as inbox from '../../modules/inbox/service.js';
import type { ModuleDeps } from '../../modules/deps.js';
import { sendProblem } from '../../platform/http/problem.js';
import {
  headerValue,
  inChannelWorkspace,
  isSameSecret,
  keepRawJson,
  RawBody,
  readJson,
} from '../shared/webhook.js';
import { isValidSignature, parseWhatsAppWebhook } from './parse-webhook.js';

// The Cloud API webhook of one WhatsApp number (Meta app → WhatsApp → Configuration).
//  GET  — Meta's subscription check: hub.mode=subscribe and hub.verify_token equal to
//         secrets.verifyToken → echo hub.challenge; anything else 403.
//  POST — X-Hub-Signature-256 must be the HMAC-SHA256 of the exact body bytes under the app
//         secret (secrets.appSecret), else 401 and nothing stored. All client messages of a
//         delivery are stored in one transaction before the 200; statuses are acknowledged.
export async function whatsappWebhookRoutes(app: FastifyInstance, { db, sealer }: ModuleDeps) {
  keepRawJson(app);
  app.get(
    '/api/public/whatsapp/:key',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) => {
      const { key } = req.params as { key: string };
      const q = req.query as Record<string, unknown>;
      const channel = await inbox.findChannelByKey(db, 'whatsapp', key);
      if (!channel) return sendProblem(reply, 'channel.not_found', 'no such channel');
      const challenge = typeof q['hub.challenge'] === 'string' ? q['hub.challenge'] : '';
      const token = typeof q['hub.verify_token'] === 'string' ? q['hub.verify_token'] : null;
      if (
        q['hub.mode'] !== 'subscribe' ||
        !challenge ||
        challenge.length > 200 ||
        !isSameSecret(token, inbox.openChannelSecrets(sealer, channel).verifyToken)
      ) {
        return sendProblem(
          reply,
          'webhook.verification_failed',
          'hub.mode must be subscribe and hub.verify_token must match the channel',
          { field: 'hub.verify_token' },
        );
      }
      return reply.code(200).type('text/plain; charset=utf-8').send(challenge);
    },
  );

  app.post(
    '/api/public/whatsapp/:key',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) => {
      const { key } = req.params as { key: string };
      const channel = await inbox.findChannelByKey(db, 'whatsapp', key);
      if (!channel) return sendProblem(reply, 'channel.not_found', 'no such channel');
      const raw = req.body instanceof RawBody ? req.body.bytes : Buffer.alloc(0);
      if (
        !isValidSignature(
          raw,
          headerValue(req.headers['x-hub-signature-256']),
          inbox.openChannelSecrets(sealer, channel).appSecret,
        )
      ) {
        return sendProblem(
          reply,
          'webhook.invalid_signature',
          'missing or wrong X-Hub-Signature-256',
        );
      }
      const items = parseWhatsAppWebhook(readJson(req.body)) ?? [];
      // One Meta app may deliver for several numbers: only this channel's number is taken.
      const ours = items.filter(
        (i) =>
          !channel.settings.phoneNumberId ||
          i.phoneNumberId === String(channel.settings.phoneNumberId),
      );
      if (ours.length) {
        await inChannelWorkspace(db, channel.workspaceId, String(req.id), async (ctx) => {
          for (const i of ours)
            await inbox.acceptInbound(ctx, {
              channelId: channel.id,
              threadKey: i.waId,
              externalId: i.messageId,
              text: i.text,
              from: i.from,
              at: i.at,
            });
        });
      }
      return reply.code(200).send({ ok: true, accepted: ours.length });
    },
  );
}
