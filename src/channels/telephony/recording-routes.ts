import { RecordingQuery } from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as inbox from '../../modules/inbox/service.js';
import type { ModuleDeps } from '../../modules/deps.js';
import { DomainError } from '../../platform/errors.js';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import { zadarmaRecordingLink } from './callback.js';
import { isRecordingTokenValid, mangoRecordingLink } from './mango.js';

// GET /api/v1/telephony/recording — plays a call's recording: whoever may read the timelines the
// link is on is sent (302) to a link Mango signs for one hour (its files are one-time links, so a
// fresh one each time). Only links Voronka wrote carry a valid token.
export const recordingRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db, sealer }) => {
  app.get(
    '/telephony/recording',
    {
      config: { access: { anyOf: ['contacts', 'leads'], action: 'read' } },
      schema: {
        tags: ['telephony'],
        summary: 'Listen to a call recording (redirects to the PBX)',
        querystring: RecordingQuery,
        response: { 302: z.null().describe('Location: the PBX link') },
      },
    },
    async (req, reply) => {
      const { channelId, recordingId, token } = req.query;
      const link = await inRequestWorkspace(db, req, async (ctx) => {
        const channel = await inbox.findWorkspaceChannel(ctx, channelId);
        const secrets = channel?.kind === 'phone' ? inbox.openChannelSecrets(sealer, channel) : {};
        if (channel?.settings.provider === 'zadarma') {
          const { apiKey, apiSecret } = secrets;
          if (
            !apiKey ||
            !apiSecret ||
            !isRecordingTokenValid(token, apiSecret, channelId, recordingId)
          )
            throw new DomainError('resource.not_found', 'no such recording');
          const found = await zadarmaRecordingLink(
            recordingId,
            { apiKey, apiSecret },
            channel.settings,
          ).catch(() => null);
          if (!found) throw new DomainError('calls.pbx_failed', 'Zadarma gave no recording link');
          return found;
        }
        if (
          !secrets.apiKey ||
          !secrets.apiSalt ||
          !isRecordingTokenValid(token, secrets.apiSalt, channelId, recordingId)
        )
          throw new DomainError('resource.not_found', 'no such recording');
        return mangoRecordingLink(
          recordingId,
          { apiKey: secrets.apiKey, apiSalt: secrets.apiSalt },
          new Date(Date.now() + 3_600_000),
        );
      });
      return reply.header('cache-control', 'no-store').redirect(link, 302);
    },
  );
};
