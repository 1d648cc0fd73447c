import { NotifiedCache } from '../cache/notified-cache.js';
import type { Principal } from './principal.js';

// Who a request is, remembered for a few seconds instead of read on every request. Correct across
// processes: the rows a principal is made of (sessions, api_tokens, users, members, roles,
// workspaces) announce their changes on `voronka_principals` by triggers (migration
// 0037_principal_notify), so a sign-out, a revoked token, a deactivation, a role or matrix edit or
// a trial change on any process drops the entries on every process as soon as it commits
// (platform/cache/notified-cache.ts: the TTL, the reconnect and the generation guard).

export const PRINCIPALS_CHANNEL = 'voronka_principals';

// 'w:<workspace>' drops that workspace's principals, 'u:<user>' that user's.
const drops = (payload: string, _key: string, p: Principal) => {
  const id = payload.slice(2);
  return payload.startsWith('w:') ? p.workspaceId === id : p.userId === id;
};

export class PrincipalCache extends NotifiedCache<Principal> {
  constructor(ttlMs: number, maxEntries = 20_000, now: () => number = Date.now) {
    super(PRINCIPALS_CHANNEL, ttlMs, drops, maxEntries, now);
  }

  // `load` reads the principal; `validUntil` (ms) bounds the entry, e.g. by the session's expiry.
  async resolvePrincipal(
    key: string,
    load: () => Promise<{ principal: Principal; validUntil?: number } | null>,
  ): Promise<Principal | null> {
    const found = await this.resolve(key, async () => {
      const r = await load();
      return r ? { value: r.principal, validUntil: r.validUntil } : null;
    });
    return found ? { ...found } : null;
  }
}
