import type { FastifyReply, FastifyRequest } from 'fastify';
import type { EventBus, RealtimeEvent } from './bus.js';

// GET /events: the signed-in member's Server-Sent Events stream of their workspace. Ids only (the
// client refetches through the API, so rights hold). A comment line every 25 s keeps proxies from
// timing it out; after 10 minutes the stream ends and EventSource reconnects through the guard, so
// a signed-out or deactivated member stops receiving within that time.

export const HEARTBEAT_MS = 25_000;
const MAX_LIFETIME_MS = 10 * 60_000;
const open = new Set<() => void>();

// `shown`: what of an event this member may see (null: nothing), for a member who does not see every
// record; checked in the order the events came, one after another.
export function eventStream(
  bus: EventBus,
  req: FastifyRequest,
  reply: FastifyReply,
  opts: {
    heartbeatMs?: number;
    lifetimeMs?: number;
    shown?: (e: RealtimeEvent) => Promise<RealtimeEvent | null>;
  } = {},
) {
  const workspaceId = req.principal!.workspaceId;
  const memberId = req.principal!.memberId;
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write('retry: 3000\n\n');
  const write = (chunk: string) => {
    if (!res.writableEnded) res.write(chunk);
  };
  const send = (e: RealtimeEvent) => {
    const { type, ...ids } = 'memberIds' in e ? { ...e, memberIds: undefined } : e;
    write(`event: ${type}\ndata: ${JSON.stringify(ids)}\n\n`);
  };
  let inOrder = Promise.resolve();
  const unsubscribe = bus.subscribe(workspaceId, (e: RealtimeEvent) => {
    // An event addressed to members (a ringing call, a routing notice) goes only to them.
    if ('memberIds' in e && e.memberIds && !e.memberIds.includes(memberId)) return;
    const shown = opts.shown;
    if (!shown) return send(e);
    // A check that fails (the database away) drops the event: it is a hint to refetch, at most once.
    inOrder = inOrder.then(() =>
      shown(e).then(
        (v) => void (v && send(v)),
        () => undefined,
      ),
    );
  });
  const heartbeat = setInterval(() => write(': ping\n\n'), opts.heartbeatMs ?? HEARTBEAT_MS);
  const lifetime = setTimeout(() => close(), opts.lifetimeMs ?? MAX_LIFETIME_MS);
  const close = () => {
    clearInterval(heartbeat);
    clearTimeout(lifetime);
    unsubscribe();
    open.delete(close);
    if (!res.writableEnded) res.end();
  };
  open.add(close);
  req.raw.on('close', close);
  write(': connected\n\n');
}

// On shutdown (preClose): end every stream, so the server's close is not held open by them.
export function closeEventStreams(): void {
  for (const close of [...open]) close();
}
