import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';

// A per-process cache whose entries are dropped on every process when the database announces a
// change on a channel (NOTIFY, delivered once the change commits). The TTL is only the safety net
// for an announcement lost while the LISTEN connection was reconnecting (the whole cache is dropped
// on reconnect as well). Used by the principal cache (platform/auth) and automation's rule cache.
//
// A read that began before a change committed must not store what it read after the change's
// announcement has been handled: each invalidation bumps `generation`, and a load stores its result
// only if the generation it started in is still current.
export class NotifiedCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  private generation = 0;
  private readonly waiting = new Map<string, () => void>();
  private database: Database | null = null;

  constructor(
    private readonly channel: string,
    private readonly ttlMs: number,
    // Whether an announcement drops this entry.
    private readonly drops: (payload: string, key: string, value: V) => boolean,
    private readonly maxEntries = 20_000,
    private readonly now: () => number = Date.now,
  ) {}

  // Starts hearing the announcements; returns the stop function.
  async listen(database: Database): Promise<() => Promise<void>> {
    this.database = database;
    const stop = await database.listen(
      this.channel,
      (payload) => this.heard(payload),
      () => this.clear(),
    );
    return async () => {
      this.database = null;
      this.clear();
      await stop();
    };
  }

  // Whether announcements are heard (an unheard cache would serve stale entries: callers skip it).
  get listening(): boolean {
    return this.database !== null;
  }

  async resolve(
    key: string,
    load: () => Promise<{ value: V; validUntil?: number | undefined } | null>,
  ): Promise<V | null> {
    const hit = this.entries.get(key);
    const now = this.now();
    if (hit && hit.until > now) return hit.value;
    if (hit) this.entries.delete(key);
    const started = this.generation;
    const found = await load();
    if (!found) return null;
    if (started === this.generation && this.ttlMs > 0) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      const until = Math.min(this.now() + this.ttlMs, found.validUntil ?? Infinity);
      this.entries.set(key, { value: found.value, until });
    }
    return found.value;
  }

  // Waits until every change committed before this call has been heard by this process: a NOTIFY of
  // our own is delivered after all earlier ones. Used after a write that changes what is cached, so
  // this process's next request already sees it. Gives up after `timeoutMs` (the TTL still holds).
  async settle(database: Database | null = this.database, timeoutMs = 1000): Promise<void> {
    if (!database) return;
    const ping = `p:${randomUUID()}`;
    const heard = new Promise<void>((resolve) => {
      this.waiting.set(ping, resolve);
      setTimeout(resolve, timeoutMs).unref();
    });
    try {
      await database.db.execute(sql`select pg_notify(${this.channel}, ${ping})`);
      await heard;
    } finally {
      this.waiting.delete(ping);
    }
  }

  get size() {
    return this.entries.size;
  }

  clear() {
    this.generation++;
    this.entries.clear();
  }

  private heard(payload: string) {
    const ping = this.waiting.get(payload);
    if (ping) return ping();
    if (payload.startsWith('p:')) return;
    this.generation++;
    for (const [key, e] of this.entries)
      if (this.drops(payload, key, e.value)) this.entries.delete(key);
  }
}
