import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import type { Executor } from '../../platform/db/types.js';

// The event bus behind GET /events. Payloads are ids only: a client refetches through the API, so
// rights hold. Every event goes out as a PostgreSQL NOTIFY (in the caller's transaction when there
// is one, so it is delivered only if that commits); each web process LISTENs and fans it out to its
// subscribers through an EventEmitter. PGlite implements LISTEN/NOTIFY in its one session with the
// same commit semantics, so both databases take one path.

export type InboxEvent =
  | { type: 'inbox.message'; conversationId: string; messageId: string }
  | { type: 'inbox.conversation'; conversationId: string }
  // memberIds (telephony): the members the call rings for; absent, every member's stream gets it.
  | { type: 'call.ringing'; conversationId: string; contactId: string | null; leadId: string | null; memberIds?: string[] }
  | { type: 'call.ended'; conversationId: string };

const CHANNEL = 'voronka_events';
const emitter = new EventEmitter();
emitter.setMaxListeners(0);

let publisher: Executor | null = null;
let listening = false;

// The database events are published through when the caller has no transaction (set at start-up in
// every process: web and worker).
export function setEventDatabase(db: Executor): void {
  publisher = db;
}

// Starts delivering NOTIFYs to this process's subscribers; returns the stop function.
export async function listenEvents(database: Database): Promise<() => Promise<void>> {
  setEventDatabase(database.db);
  const stop = await database.listen(CHANNEL, (payload) => {
    try {
      const { w, e } = JSON.parse(payload) as { w: string; e: InboxEvent };
      emitter.emit(w, e);
    } catch {
      // not ours
    }
  });
  listening = true;
  return async () => {
    listening = false;
    await stop();
  };
}

// Publishes to every process; `tx` defers delivery to its commit (nothing is announced that then
// rolls back). Without a database (a unit test, a process that has not started the bus) it is a
// local emit.
export async function publish(workspaceId: string, event: InboxEvent, tx?: Executor): Promise<void> {
  const via = tx ?? publisher;
  if (via) await via.execute(sql`select pg_notify(${CHANNEL}, ${JSON.stringify({ w: workspaceId, e: event })})`);
  if (!listening && !tx) emitter.emit(workspaceId, event);
}

export function subscribe(workspaceId: string, fn: (event: InboxEvent) => void): () => void {
  emitter.on(workspaceId, fn);
  return () => emitter.off(workspaceId, fn);
}
