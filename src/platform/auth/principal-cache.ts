import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import type { Principal } from './principal.js';

// Who a request is, remembered for a few seconds instead of read on every request. Correct across
// processes: the rows a principal is made of (sessions, api_tokens, users, members, roles,
// workspaces) announce their changes on `voronka_principals` by triggers (migration
// 0037_principal_notify), so a sign-out, a revoked token, a deactivation, a role or matrix edit or
// a trial change on any process drops the entries on every process as soon as it commits. The TTL is
// only the safety net for an announcement lost while the LISTEN connection was reconnecting (the
// whole cache is dropped on reconnect as well).
//
// A read that began before a change committed must not store what it read after the change's
// announcement has been handled: each invalidation bumps `generation`, and a load stores its result
// only if the generation it started in is still current.

export const PRINCIPALS_CHANNEL = 'voronka_principals';

type Entry = { principal: Principal; until: number };

export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;
  private readonly waiting = new Map<string, () => void>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 20_000,
    private readonly now: () => number = Date.now,
  ) {}

  // Starts hearing the triggers' announcements; returns the stop function.
  async listen(database: Database): Promise<() => Promise<void>> {
    return database.listen(
      PRINCIPALS_CHANNEL,
      (payload) => this.heard(payload),
      () => this.clear(),
    );
  }

  // `load` reads the principal; `validUntil` (ms) bounds the entry, e.g. by the session's expiry.
  async resolve(
    key: string,
    load: () => Promise<{ principal: Principal; validUntil?: number } | null>,
  ): Promise<Principal | null> {
    const hit = this.entries.get(key);
    const now = this.now();
    if (hit && hit.until > now) return { ...hit.principal };
    if (hit) this.entries.delete(key);
    const started = this.generation;
    const found = await load();
    if (!found) return null;
    if (started === this.generation && this.ttlMs > 0) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      const until = Math.min(this.now() + this.ttlMs, found.validUntil ?? Infinity);
      this.entries.set(key, { principal: found.principal, until });
    }
    return { ...found.principal };
  }

  // Waits until every change committed before this call has been heard by this process: a NOTIFY of
  // our own is delivered after all earlier ones. Used after a write that may change who someone is,
  // so this process's next request already sees it. Gives up after `timeoutMs` (the TTL still holds).
  async settle(database: Database, timeoutMs = 1000): Promise<void> {
    const ping = `p:${randomUUID()}`;
    const heard = new Promise<void>((resolve) => {
      this.waiting.set(ping, resolve);
      setTimeout(resolve, timeoutMs).unref();
    });
    try {
      await database.db.execute(sql`select pg_notify(${PRINCIPALS_CHANNEL}, ${ping})`);
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
    const [kind, id] = [payload.slice(0, 2), payload.slice(2)];
    for (const [key, e] of this.entries) {
      if (kind === 'w:' ? e.principal.workspaceId === id : e.principal.userId === id)
        this.entries.delete(key);
    }
  }
}
