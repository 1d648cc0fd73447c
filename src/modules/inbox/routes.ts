import {
  Channel,
  ChannelCreateBody,
  ChannelList,
  ChannelUpdateBody,
  Conversation,
  ConversationSummary,
  ConversationUpdateBody,
  IdParams,
  InboxCounts,
  InboxQuery,
  Message,
  MessagesQuery,
  ReplyBody,
  ReplyOptions,
  page,
} from '@voronka/contract';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { attachmentHeader } from '../../platform/export/export.js';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import * as channels from './channels.js';
import * as inbox from './conversations.js';
import * as replies from './replies.js';
import { closeEventStreams, eventStream } from '../../platform/realtime/stream.js';

const leadsRead = { access: { entity: 'leads', action: 'read' } } as const;
// Marking read is a write (refused, like every write, once a trial has ended).
const leadsUpdate = { access: { entity: 'leads', action: 'update' } } as const;
const settingsRead = { access: { entity: 'workspace', action: 'read' } } as const;
const settingsUpdate = { access: { entity: 'workspace', action: 'update' } } as const;

// Types a browser may show inline are still downloaded: everything leaves as an attachment with
// nosniff, and HTML/SVG/XML (script carriers) as plain bytes.
const SCRIPTABLE =
  /^(text\/html|text\/xml|application\/xml|[a-z]+\/[\w.+-]*\+xml|[a-z]+\/[\w.+-]*(java|ecma)script)$/;

export const inboxRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (
  app,
  { db, sealer, config, events },
) => {
  const run: Run = (req, fn) => inRequestWorkspace(db, req, fn);
  const deps = { sealer, publicUrl: config.publicUrl, mailDomains: config.mailDomains };
  readRoutes(app, run);
  conversationRoutes(app, run);
  replyRoutes(app, run);
  channelRoutes(app, run, deps);
  eventRoutes(app, run, events);
};

type App = Parameters<FastifyPluginAsyncZod<ModuleDeps>>[0];
type Run = <T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>) => Promise<T>;
const tags = ['inbox'];

function readRoutes(app: App, run: Run) {
  app.get(
    '/inbox',
    {
      config: leadsRead,
      schema: {
        tags,
        summary: 'Conversations, newest activity first',
        querystring: InboxQuery,
        response: { 200: page(ConversationSummary) },
      },
    },
    async (req) => run(req, (ctx) => inbox.listInbox(ctx, req.query)),
  );
  app.get(
    '/inbox/counts',
    {
      config: leadsRead,
      schema: {
        tags,
        summary: 'Unread conversations in all and per channel',
        response: { 200: InboxCounts },
      },
    },
    async (req) => run(req, (ctx) => inbox.inboxCounts(ctx)),
  );
  app.get(
    '/conversations/:id',
    {
      config: leadsRead,
      schema: {
        tags,
        summary: 'A conversation with its latest messages (oldest first)',
        params: IdParams,
        response: { 200: Conversation },
      },
    },
    async (req) => run(req, (ctx) => inbox.getConversation(ctx, req.params.id)),
  );
  app.get(
    '/conversations/:id/messages',
    {
      config: leadsRead,
      schema: {
        tags,
        summary:
          'The messages of a conversation, newest first (page back with olderCursor / nextCursor)',
        params: IdParams,
        querystring: MessagesQuery,
        response: { 200: page(Message) },
      },
    },
    async (req) => run(req, (ctx) => inbox.listMessages(ctx, req.params.id, req.query)),
  );
}

function conversationRoutes(app: App, run: Run) {
  app.post(
    '/conversations/:id/read',
    {
      config: leadsUpdate,
      schema: { tags, summary: 'Mark the conversation read', params: IdParams },
    },
    async (req, reply) => {
      await run(req, (ctx) => inbox.markRead(ctx, req.params.id));
      return reply.code(204).send();
    },
  );
  app.patch(
    '/conversations/:id',
    {
      config: leadsUpdate,
      schema: {
        tags,
        summary: 'Close or reopen, assign',
        params: IdParams,
        body: ConversationUpdateBody,
        response: { 200: Conversation },
      },
    },
    async (req) => run(req, (ctx) => inbox.updateConversation(ctx, req.params.id, req.body)),
  );
  app.get(
    '/files/:id',
    { config: leadsRead, schema: { tags, summary: 'Download an attachment', params: IdParams } },
    async (req, reply) => {
      const file = await run(req, (ctx) => inbox.getFile(ctx, req.params.id));
      return reply
        .header('content-type', SCRIPTABLE.test(file.type) ? 'application/octet-stream' : file.type)
        .header('content-disposition', attachmentHeader(file.name))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(file.content));
    },
  );
}

function replyRoutes(app: App, run: Run) {
  app.get(
    '/conversations/:id/reply-options',
    {
      config: leadsRead,
      schema: {
        tags,
        summary:
          'The ways a reply can reach the client (own channel; for a website form or a call: e-mail, messenger, a logged call) and why others are missing',
        params: IdParams,
        response: { 200: ReplyOptions },
      },
    },
    async (req) => run(req, (ctx) => replies.getReplyOptions(ctx, req.params.id)),
  );
  app.post(
    '/conversations/:id/messages',
    {
      config: leadsUpdate,
      schema: {
        tags,
        summary:
          'Reply through the channel the conversation came by, or the chosen route (queued, then sent by a job; 422 reply.route_required when the channel cannot send)',
        params: IdParams,
        body: ReplyBody,
        response: { 201: Message },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => replies.reply(ctx, req.params.id, req.body))),
  );
  app.post(
    '/conversations/:id/messages/:messageId/retry',
    {
      config: leadsUpdate,
      schema: {
        tags,
        summary:
          'Send a failed reply again by the same route (409 message.not_retryable unless failed)',
        params: z.object({ id: IdParams.shape.id, messageId: IdParams.shape.id }),
        response: { 200: Message },
      },
    },
    async (req) => run(req, (ctx) => replies.retry(ctx, req.params.id, req.params.messageId)),
  );
}

// Channel settings (matrix entity `workspace`).
function channelRoutes(app: App, run: Run, deps: channels.ChannelDeps) {
  const tags = ['channels'];
  app.get(
    '/channels',
    {
      config: settingsRead,
      schema: {
        tags: tags,
        summary:
          'Channels (secrets are never returned), and the domains an e-mail intake address may be in',
        response: { 200: ChannelList },
      },
    },
    async (req) => run(req, (ctx) => channels.listChannels(ctx, deps)),
  );
  app.post(
    '/channels',
    {
      config: settingsUpdate,
      schema: {
        tags: tags,
        summary: 'Add a channel',
        body: ChannelCreateBody,
        response: { 201: Channel },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => channels.createChannel(ctx, deps, req.body))),
  );
  app.patch(
    '/channels/:id',
    {
      config: settingsUpdate,
      schema: {
        tags: tags,
        summary: 'Change a channel; a secret set to null is removed, an absent one kept',
        params: IdParams,
        body: ChannelUpdateBody,
        response: { 200: Channel },
      },
    },
    async (req) => run(req, (ctx) => channels.updateChannel(ctx, deps, req.params.id, req.body)),
  );
  app.delete(
    '/channels/:id',
    {
      config: settingsUpdate,
      schema: {
        tags: tags,
        summary: 'Delete a channel without conversations (disable one that has them)',
        params: IdParams,
      },
    },
    async (req, reply) => {
      await run(req, (ctx) => channels.deleteChannel(ctx, deps, req.params.id));
      return reply.code(204).send();
    },
  );
}

function eventRoutes(app: App, run: Run, events: ModuleDeps['events']) {
  app.addHook('preClose', async () => closeEventStreams());
  app.get(
    '/events',
    {
      config: { access: 'signed-in' },
      schema: {
        tags,
        summary: 'Server-Sent Events of the workspace (inbox.message, call.ringing …): ids only',
        response: {
          200: {
            description: 'text/event-stream, a comment every 25 s',
            content: { 'text/event-stream': { schema: z.string() } },
          },
        },
      },
    },
    async (req, reply) => {
      // A member who does not see every request gets only the events of conversations they see.
      const perms = req.principal?.permissions;
      const seesAll =
        !perms || (perms.leads.visibility === 'all' && perms.contacts.visibility === 'all');
      return eventStream(
        events,
        req,
        reply,
        seesAll ? {} : { shown: (e) => run(req, (ctx) => inbox.eventShown(ctx, e)) },
      );
    },
  );
}
