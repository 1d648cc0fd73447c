import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import type { RealtimeEvent } from '@voronka/contract';
import type { Database } from '../db/client.js';
import { afterCommit } from '../db/tenancy.js';
import type { Executor } from '../db/types.js';

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

export type { RealtimeEvent };

const CHANNEL = 'voronka_events';
// NOTIFY payloads must stay under 8000 bytes.
const MAX_PAYLOAD = 7000;
type Published = { w: string; e: RealtimeEvent };

// One per process, made by the runtime (src/runtime.ts) on the process's database: `publish` from
// every use case (through the runtime's modules), `subscribe` for the SSE streams, `listen` in a web
// process. The database is the one events are published through when the caller has no transaction.
export class EventBus {
  private readonly emitter = new EventEmitter();
  private listening = false;
  private queue: { p: Published; done: () => void }[] = [];
  private sending = false;

  constructor(private readonly publisher: Executor | null = null) {
    this.emitter.setMaxListeners(0);
  }

  // Starts delivering NOTIFYs to this process's subscribers; returns the stop function.
  async listen(database: Database): Promise<() => Promise<void>> {
    const stop = await database.listen(CHANNEL, (payload) => {
      try {
        // One event, or a batch of them (`b`) from one process's queue.
        const parsed = JSON.parse(payload) as Published | { b: Published[] };
        for (const { w, e } of 'b' in parsed ? parsed.b : [parsed]) this.emitter.emit(w, e);
      } catch {
        // not ours
      }
    });
    this.listening = true;
    return async () => {
      this.listening = false;
      await stop();
    };
  }

  // Publishes to every process; `tx` defers delivery to its commit (nothing is announced that then
  // rolls back). Without a database (a bus made without one, never listening) it is a local emit.
  async publish(workspaceId: string, event: RealtimeEvent, tx?: Executor): Promise<void> {
    if (tx && afterCommit(tx, (db) => this.enqueue({ w: workspaceId, e: event }, db))) return;
    const via = tx ?? this.publisher;
    if (via)
      await via.execute(
        sql`select pg_notify(${CHANNEL}, ${JSON.stringify({ w: workspaceId, e: event })})`,
      );
    if (!this.listening && !tx) this.emitter.emit(workspaceId, event);
  }

  subscribe(workspaceId: string, fn: (event: RealtimeEvent) => void): () => void {
    this.emitter.on(workspaceId, fn);
    return () => this.emitter.off(workspaceId, fn);
  }

  // After a commit: queued, and sent with whatever else was queued meanwhile; resolves once sent
  // (the request that committed it answers after that, as it did when the NOTIFY was in its
  // transaction). One NOTIFY at a time per process (the next batch waits for it), so it holds at
  // most one pooled connection.
  private enqueue(p: Published, db: Executor): Promise<void> {
    const sent = new Promise<void>((done) => this.queue.push({ p, done }));
    if (!this.sending) {
      this.sending = true;
      setImmediate(() => void this.flush(db));
    }
    return sent;
  }

  private async flush(db: Executor): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue;
      const via = this.publisher ?? db;
      this.queue = [];
      const events = batch.map((b) => b.p);
      for (const payload of payloads(events)) {
        // At most once: a failed NOTIFY (the database going away at shutdown) is not retried.
        await via.execute(sql`select pg_notify(${CHANNEL}, ${payload})`).catch(() => undefined);
      }
      if (!this.listening) for (const { w, e } of events) this.emitter.emit(w, e);
      for (const b of batch) b.done();
    }
    this.sending = false;
  }
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
