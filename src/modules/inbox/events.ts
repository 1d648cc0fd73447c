import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { Database } from '../../platform/db/client.js';
import { afterCommit } from '../../platform/db/tenancy.js';
import type { Executor } from '../../platform/db/types.js';

// The event bus behind GET /events. Payloads are ids only: a client refetches through the API, so
// rights hold. Every event goes out as a PostgreSQL NOTIFY; each web process LISTENs and fans it out
// to its subscribers through an EventEmitter. PGlite implements LISTEN/NOTIFY in its one session,
// so both databases take one path.
//
// An event published in a transaction is announced only once that transaction has committed (never
// after a rollback). In an inWorkspace transaction it is not a NOTIFY inside it: PostgreSQL
// serialises the commits of every transaction that notified (a database-wide lock held from
// pre-commit across the WAL flush), which capped all intake at one commit per flush. The event is
// queued after the commit instead and sent in a NOTIFY of its own, events of commits that finish
// together batched into one. Delivery is at most once (a process that dies between its commit and
// the NOTIFY announces nothing): a hint for a screen to refetch, never the record of anything.
// Any other transaction (a nested savepoint, a raw db.transaction) keeps the NOTIFY inside it.

export type InboxEvent =
  | { type: 'inbox.message'; conversationId: string; messageId: string }
  // memberIds: only these members' streams (a read mark is the reader's own); absent, everyone's.
  | { type: 'inbox.conversation'; conversationId: string; memberIds?: string[] }
  // A reply that could not be delivered: to its author and the conversation's assignee.
  | {
      type: 'inbox.delivery_failed';
      conversationId: string;
      messageId: string;
      memberIds: string[];
    }
  // memberIds (telephony): the members the call rings for; absent, every member's stream gets it.
  | {
      type: 'call.ringing';
      conversationId: string;
      contactId: string | null;
      leadId: string | null;
      memberIds?: string[];
    }
  | { type: 'call.ended'; conversationId: string }
  // routing: each goes only to the members it concerns (memberIds).
  | { type: 'routing.assigned'; leadId: string; conversationId: string | null; memberIds: string[] }
  | {
      type: 'routing.warning';
      leadId: string;
      conversationId: string | null;
      dueAt: string;
      memberIds: string[];
    }
  | {
      type: 'routing.reassigned';
      leadId: string;
      conversationId: string | null;
      toMemberId: string | null;
      memberIds: string[];
    }
  | {
      type: 'routing.breach';
      leadId: string;
      conversationId: string | null;
      memberId: string | null;
      memberIds: string[];
    }
  | {
      type: 'routing.queued';
      leadId: string;
      conversationId: string | null;
      teamId: string | null;
      memberIds: string[];
    }
  | {
      type: 'routing.escalated';
      leadId: string;
      conversationId: string | null;
      headId: string;
      memberIds: string[];
    }
  // A request's SLA timer failed too often and stopped (routing/timers.ts): its heads see to it.
  | {
      type: 'routing.stuck';
      leadId: string;
      conversationId: string | null;
      kind: 'route' | 'warn' | 'breach';
      memberIds: string[];
    };

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
      // One event, or a batch of them (`b`) from one process's queue.
      const parsed = JSON.parse(payload) as Published | { b: Published[] };
      for (const { w, e } of 'b' in parsed ? parsed.b : [parsed]) emitter.emit(w, e);
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
export async function publish(
  workspaceId: string,
  event: InboxEvent,
  tx?: Executor,
): Promise<void> {
  if (tx && afterCommit(tx, (db) => enqueue({ w: workspaceId, e: event }, db))) return;
  const via = tx ?? publisher;
  if (via)
    await via.execute(
      sql`select pg_notify(${CHANNEL}, ${JSON.stringify({ w: workspaceId, e: event })})`,
    );
  if (!listening && !tx) emitter.emit(workspaceId, event);
}

type Published = { w: string; e: InboxEvent };
// NOTIFY payloads must stay under 8000 bytes.
const MAX_PAYLOAD = 7000;
let queue: { p: Published; done: () => void }[] = [];
let queueDb: Executor | null = null;
let sending = false;

// After a commit: queued, and sent with whatever else was queued meanwhile; resolves once sent (the
// request that committed it answers after that, as it did when the NOTIFY was in its transaction).
// One NOTIFY at a time per process (the next batch waits for it), so it holds at most one pooled
// connection.
function enqueue(p: Published, db: Executor): Promise<void> {
  queueDb ??= db;
  const sent = new Promise<void>((done) => queue.push({ p, done }));
  if (!sending) {
    sending = true;
    setImmediate(() => void flush());
  }
  return sent;
}

async function flush(): Promise<void> {
  while (queue.length) {
    const batch = queue;
    const via = publisher ?? queueDb;
    queue = [];
    const events = batch.map((b) => b.p);
    for (const payload of payloads(events)) {
      // At most once: a failed NOTIFY (the database going away at shutdown) is not retried.
      if (via)
        await via.execute(sql`select pg_notify(${CHANNEL}, ${payload})`).catch(() => undefined);
    }
    if (!listening) for (const { w, e } of events) emitter.emit(w, e);
    for (const b of batch) b.done();
  }
  sending = false;
}

function payloads(batch: Published[]): string[] {
  const out: string[] = [];
  let group: string[] = [];
  let size = 0;
  const close = () => {
    if (group.length) out.push(group.length === 1 ? group[0]! : `{"b":[${group.join(',')}]}`);
    group = [];
    size = 0;
  };
  for (const p of batch) {
    const one = JSON.stringify(p);
    if (size + one.length + 1 > MAX_PAYLOAD) close();
    group.push(one);
    size += one.length + 1;
  }
  close();
  return out;
}

export function subscribe(workspaceId: string, fn: (event: InboxEvent) => void): () => void {
  emitter.on(workspaceId, fn);
  return () => emitter.off(workspaceId, fn);
}
