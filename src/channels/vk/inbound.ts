import type { FastifyInstance } from 'fastify';
import * as inbox from '../../modules/inbox/service.js';
import type { ModuleDeps } from '../../modules/deps.js';
import { sendProblem } from '../../platform/http/problem.js';
import { inChannelWorkspace, isSameSecret, keepRawJson, readJson } from '../shared/webhook.js';
import { parseVkCallback } from './parse-callback.js';

// POST /api/public/vk/:key — the community's Callback API server. `confirmation` is answered with
// the confirmation string VK shows in the community's settings (settings.confirmationCode); every
// other event must carry the secret key set there (secrets.secretKey), else it is refused and
// nothing is stored. Accepted events are answered "ok" (text/plain): VK repeats anything else.
export async function vkCallbackRoutes(app: FastifyInstance, { db, sealer }: ModuleDeps) {
  keepRawJson(app);
  app.post(
    '/api/public/vk/:key',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) => {
      const { key } = req.params as { key: string };
      const channel = await inbox.findChannelByKey(db, 'vk', key);
      if (!channel) return sendProblem(reply, 'channel.not_found', 'no such channel');
      const event = parseVkCallback(readJson(req.body));
      if (event.kind === 'invalid')
        return sendProblem(reply, 'request.invalid', 'not a Callback API event', { field: 'type' });
      const groupId = Number(channel.settings.groupId) || null;
      if (groupId && event.groupId !== groupId)
        return sendProblem(
          reply,
          'webhook.verification_failed',
          'the event is for another community',
          { field: 'group_id' },
        );
      if (event.kind === 'confirmation') {
        const code = channel.settings.confirmationCode;
        if (typeof code !== 'string' || !code)
          return sendProblem(
            reply,
            'webhook.verification_failed',
            'no confirmation string is set for this channel',
          );
        return reply.code(200).type('text/plain; charset=utf-8').send(code);
      }
      if (!isSameSecret(event.secret, inbox.openChannelSecrets(sealer, channel).secretKey))
        return sendProblem(reply, 'webhook.invalid_signature', 'missing or wrong secret');
      if (event.kind === 'message') {
        const { peerId, messageKey, text, from, at } = event.item;
        await inChannelWorkspace(db, channel.workspaceId, String(req.id), (ctx) =>
          inbox.acceptInbound(ctx, {
            channelId: channel.id,
            threadKey: peerId,
            externalId: messageKey,
            text,
            from,
            at,
          }),
        );
      }
      return reply.code(200).type('text/plain; charset=utf-8').send('ok');
    },
  );
}
