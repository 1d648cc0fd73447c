import { CallbackBody, CallExtension, CallExtensionBody, OutgoingCall } from '@voronka/contract';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import * as activities from '../../modules/activities/service.js';
import * as calls from '../../modules/calls/service.js';
import * as clients from '../../modules/clients/service.js';
import * as inbox from '../../modules/inbox/service.js';
import * as workspaces from '../../modules/workspaces/service.js';
import type { ModuleDeps } from '../../modules/deps.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import { requestCallback, type CallbackProvider } from './callback.js';

// Click-to-call (POST /api/v1/calls/callback) and the member's own extension
// (GET/PUT /api/v1/calls/extension). The click is stored first (one row per Idempotency-Key:
// a repeated click answers the same row and rings nothing), then the PBX is asked outside any
// transaction, with a timeout; a refusal marks the row failed and answers 502 with the reason.

const providers: readonly CallbackProvider[] = ['mango', 'zadarma'];

// The workspace's first enabled phone channel whose provider can call out.
async function callingChannel(ctx: Ctx) {
  const rows = await inbox.listChannelsWithSetting(ctx.tx, 'phone', 'provider');
  const row = rows.find(
    (c) =>
      c.workspaceId === ctx.workspaceId &&
      providers.includes(c.settings.provider as CallbackProvider),
  );
  if (!row)
    throw new DomainError(
      'calls.no_pbx',
      'no phone channel can call out: connect MANGO OFFICE or Zadarma in Settings → Channels',
    );
  return row;
}

// Checks the click (number, extension, records, channel) and stores it: one row per key.
async function prepareCall(ctx: Ctx, b: CallbackBody, key: string) {
  const locale = (await workspaces.getWorkspace(ctx)).locale;
  const phone = clients.toE164(b.phone, clients.defaultPhoneRegion(locale));
  if (!phone)
    throw new DomainError('request.invalid', `phone: not a phone number: ${b.phone}`, {
      field: 'phone',
    });
  const memberId = ctx.actor.memberId!;
  const extension = await activities.getExtension(ctx, memberId);
  if (!extension)
    throw new DomainError(
      'calls.no_extension',
      'your extension at the PBX is not set: add it in Settings → Security and telephony',
    );
  const links = await activities.assertSubjectLinks(ctx, b);
  const item = b.callListItemId ? await calls.itemForCall(ctx, b.callListItemId) : null;
  const channel = await callingChannel(ctx);
  const begun = await activities.beginOutgoingCall(ctx, {
    ...links,
    contactId: links.contactId ?? item?.contactId ?? null,
    companyId: links.companyId ?? item?.companyId ?? null,
    idempotencyKey: key,
    memberId,
    channelId: channel.id,
    provider: channel.settings.provider as CallbackProvider,
    extension,
    phone,
    callListId: item?.callListId ?? null,
    callListItemId: item?.id ?? null,
  });
  return { ...begun, channel };
}

export const callbackRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db, sealer }) => {
  const tags = ['calls'];
  // One's own extension is a member's own setting (every member reads users); setting it and
  // calling are writes like any other: an expired trial's workspace is read-only.
  const reads = { access: { entity: 'users', action: 'read' } } as const;
  const own = { access: { entity: 'users', action: 'read', writes: true } } as const;
  const records = ['contacts', 'companies', 'leads', 'deals'] as const;
  const writes = { access: { anyOf: records, action: 'read', writes: true } } as const;

  app.get(
    '/calls/extension',
    {
      config: reads,
      schema: {
        tags,
        summary: 'My extension at the PBX (click-to-call rings it first)',
        response: { 200: CallExtension },
      },
    },
    async (req) =>
      inRequestWorkspace(db, req, async (ctx) => ({
        extension: await activities.getExtension(ctx, ctx.actor.memberId!),
      })),
  );

  app.put(
    '/calls/extension',
    {
      config: own,
      schema: {
        tags,
        summary: 'Set or clear my extension at the PBX',
        body: CallExtensionBody,
        response: { 200: CallExtension },
      },
    },
    async (req) =>
      inRequestWorkspace(db, req, async (ctx) => ({
        extension: await activities.setExtension(ctx, ctx.actor.memberId!, req.body.extension),
      })),
  );

  app.post(
    '/calls/callback',
    {
      config: writes,
      schema: {
        tags,
        summary:
          'Call a client: the PBX rings my extension, then the number (Idempotency-Key required: one click rings once)',
        body: CallbackBody,
        response: { 202: OutgoingCall, 200: OutgoingCall },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      if (typeof key !== 'string' || !key.trim())
        throw new DomainError(
          'request.invalid',
          'Idempotency-Key: required (one per click, so a click rings once)',
          { field: 'Idempotency-Key' },
        );
      const prepared = await inRequestWorkspace(db, req, (ctx) =>
        prepareCall(ctx, req.body, key.trim()),
      );
      if (!prepared.ring) return reply.code(200).send(activities.toOutgoingCall(prepared.call));
      const { call, channel } = prepared;
      const result = await requestCallback(
        {
          provider: call.provider,
          secrets: inbox.openChannelSecrets(sealer, channel),
          settings: channel.settings,
        },
        { commandId: call.id, extension: call.extension, phone: call.phone },
      );
      if (!result.ok) {
        await inRequestWorkspace(db, req, (ctx) =>
          activities.failOutgoingCall(ctx, call.id, result.reason),
        );
        throw new DomainError('calls.pbx_failed', result.reason);
      }
      return reply.code(202).send(activities.toOutgoingCall(call));
    },
  );
};
