import type { FastifyInstance, FastifyReply } from 'fastify';
import * as activities from '../../modules/activities/service.js';
import * as inbox from '../../modules/inbox/service.js';
import type { ModuleDeps } from '../../modules/deps.js';
import type { Db } from '../../platform/db/types.js';
import { sendProblem } from '../../platform/http/problem.js';
import {
  headerValue,
  inChannelWorkspace,
  keepRawJson,
  RawBody,
  readJson,
} from '../shared/webhook.js';
import { acceptCall } from './accept-call.js';
import { isGenericSignatureValid, parseGenericEvent, SIGNATURE_HEADER } from './generic.js';
import { isMangoSignatureValid, parseMangoEvent, readMangoForm, recordingToken } from './mango.js';
import { isZadarmaSignatureValid, parseZadarmaEvent, readZadarmaForm } from './zadarma.js';

// The PBX webhooks of a phone channel (kind 'phone'; settings.provider generic | mango). Each
// verifies its signature over the bytes received before anything is read: a wrong one is a 401
// and nothing is stored. A verified event is answered 200 only once its effects are committed; a
// repeat of it (same call id and event) is answered 200 and changes nothing.

const bad = (reply: FastifyReply, field: string, reason: string) =>
  sendProblem(reply, 'request.invalid', `${field}: ${reason}`, {
    field,
    errors: [{ field, reason }],
  });

export async function telephonyWebhookRoutes(app: FastifyInstance, deps: ModuleDeps) {
  keepRawJson(app);
  // Mango posts form fields; the signature is over the `json` field exactly as sent.
  app.removeContentTypeParser('application/x-www-form-urlencoded');
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer' },
    (_req, body, done) => done(null, new RawBody(body as Buffer)),
  );
  genericWebhook(app, deps);
  mangoWebhook(app, deps);
  zadarmaWebhook(app, deps);
}

// Our link to a recording: rights-checked, it redirects to a fresh link the PBX signs
// (recording-routes.ts); the token proves Voronka wrote it.
const recordingLink = (channelId: string, recordingId: string, secret: string) =>
  `/api/v1/telephony/recording?channelId=${channelId}&recordingId=${encodeURIComponent(recordingId)}&token=${recordingToken(secret, channelId, recordingId)}`;

const acceptEvent = (
  db: Db,
  channel: inbox.ChannelRow,
  event: activities.CallEvent,
  requestId: string,
) =>
  inChannelWorkspace(db, channel.workspaceId, requestId, (ctx) => acceptCall(ctx, channel, event));

// POST /api/public/telephony/:key — Voronka's generic call-event format (docs/api.md).
function genericWebhook(app: FastifyInstance, { db, sealer }: ModuleDeps) {
  app.post(
    '/api/public/telephony/:key',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) => {
      const channel = await inbox.findChannelByKey(
        db,
        'phone',
        (req.params as { key: string }).key,
      );
      if (!channel) return sendProblem(reply, 'channel.not_found', 'no such channel');
      const body = req.body instanceof RawBody ? req.body.bytes : Buffer.alloc(0);
      const secret = inbox.openChannelSecrets(sealer, channel).signingSecret;
      if (!isGenericSignatureValid(secret, body, headerValue(req.headers[SIGNATURE_HEADER]))) {
        return sendProblem(
          reply,
          'webhook.invalid_signature',
          `missing or wrong ${SIGNATURE_HEADER}: sha256=<hex HMAC-SHA256 of the body with the channel's signing secret>`,
        );
      }
      const json = readJson(req.body);
      if (json === null)
        return sendProblem(reply, 'request.malformed_json', 'the body is not JSON');
      const parsed = parseGenericEvent(json);
      if (!parsed.ok) return bad(reply, parsed.field, parsed.reason);
      const accepted = await acceptEvent(db, channel, parsed.event, String(req.id));
      return reply
        .code(200)
        .send({ ok: true, duplicate: accepted.duplicate, conversationId: accepted.conversationId });
    },
  );
}

// POST /api/public/mango/:key/<type> — MANGO OFFICE posts to {base URL}/events/call,
// /events/summary, /events/record/added… (the base URL is the channel's "mango" webhook URL).
function mangoWebhook(app: FastifyInstance, { db, sealer }: ModuleDeps) {
  app.post(
    '/api/public/mango/:key/*',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) => {
      const { key, '*': type } = req.params as { key: string; '*': string };
      const channel = await inbox.findChannelByKey(db, 'phone', key);
      if (!channel) return sendProblem(reply, 'channel.not_found', 'no such channel');
      const form = req.body instanceof RawBody ? readMangoForm(req.body.bytes) : null;
      const secrets = inbox.openChannelSecrets(sealer, channel);
      if (!form || !isMangoSignatureValid(form, secrets))
        return sendProblem(
          reply,
          'webhook.invalid_signature',
          'missing or wrong vpbx_api_key / sign',
        );
      const json = readJson(new RawBody(Buffer.from(form.json, 'utf8')));
      if (json === null) return bad(reply, 'json', 'not JSON');
      const parsed = parseMangoEvent(type.replace(/\/+$/, ''), json);
      if (!parsed.ok) return bad(reply, parsed.field, parsed.reason);
      if (parsed.kind === 'ignored')
        return reply.code(200).send({ ok: true, ignored: parsed.reason });
      if (parsed.kind === 'call') {
        const accepted = await acceptEvent(db, channel, parsed.event, String(req.id));
        return reply.code(200).send({ ok: true, duplicate: accepted.duplicate });
      }
      const { callId, recordingId } = parsed.recording;
      const recordingUrl = recordingLink(channel.id, recordingId, secrets.apiSalt!);
      const outcome = await inChannelWorkspace(db, channel.workspaceId, String(req.id), (ctx) =>
        activities.acceptRecording(ctx, {
          channelId: channel.id,
          callId,
          finalEventId: `${callId}:summary`,
          recordingUrl,
        }),
      );
      return reply.code(200).send({ ok: true, recording: outcome });
    },
  );
}

// /api/public/zadarma/:key — Zadarma's PBX notifications (zadarma.ts): GET ?zd_echo= when the URL
// is set up, then a signed form POST per event.
function zadarmaWebhook(app: FastifyInstance, { db, sealer }: ModuleDeps) {
  app.get(
    '/api/public/zadarma/:key',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) => {
      const echo = (req.query as { zd_echo?: unknown }).zd_echo;
      if (typeof echo !== 'string' || echo.length > 200) return bad(reply, 'zd_echo', 'required');
      const channel = await inbox.findChannelByKey(
        db,
        'phone',
        (req.params as { key: string }).key,
      );
      if (!channel) return sendProblem(reply, 'channel.not_found', 'no such channel');
      return reply.type('text/plain; charset=utf-8').send(echo);
    },
  );
  app.post(
    '/api/public/zadarma/:key',
    { config: { access: 'public' }, schema: { hide: true } },
    async (req, reply) => {
      const channel = await inbox.findChannelByKey(
        db,
        'phone',
        (req.params as { key: string }).key,
      );
      if (!channel) return sendProblem(reply, 'channel.not_found', 'no such channel');
      const form = req.body instanceof RawBody ? readZadarmaForm(req.body.bytes) : {};
      const secret = inbox.openChannelSecrets(sealer, channel).apiSecret;
      if (!isZadarmaSignatureValid(form, secret, headerValue(req.headers.signature)))
        return sendProblem(
          reply,
          'webhook.invalid_signature',
          'missing or wrong Signature: base64(hex HMAC-SHA1 of the fields of the event, keyed with the API secret)',
        );
      const parsed = parseZadarmaEvent(form);
      if (!parsed.ok) return bad(reply, parsed.field, parsed.reason);
      if (parsed.kind === 'ignored')
        return reply.code(200).send({ ok: true, ignored: parsed.reason });
      if (parsed.kind === 'call') {
        const accepted = await acceptEvent(db, channel, parsed.event, String(req.id));
        return reply.code(200).send({ ok: true, duplicate: accepted.duplicate });
      }
      const outcome = await inChannelWorkspace(db, channel.workspaceId, String(req.id), (ctx) =>
        activities.acceptRecording(ctx, {
          channelId: channel.id,
          callId: parsed.callId,
          finalEventId: `${parsed.callId}:end`,
          recordingUrl: recordingLink(channel.id, parsed.recordingId, secret!),
        }),
      );
      return reply.code(200).send({ ok: true, recording: outcome });
    },
  );
}
