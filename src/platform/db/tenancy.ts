import { sql } from 'drizzle-orm';
import type { Db, Tx } from './types.js';
import { APP_ROLE } from './rls.js';

type AfterCommit = (db: Db) => Promise<void>;
const afterCommitHooks = new WeakMap<object, AfterCommit[]>();

// Every request's work runs in one transaction bound to its workspace: the role switch makes the
// RLS policies apply, the setting names the workspace they admit. Both are LOCAL to the transaction,
// which matters on PGlite where all requests share one connection.
// Work registered with afterCommit runs once the transaction has committed (never after a
// rollback), and is awaited before this returns.
export async function inWorkspace<T>(
  db: Db,
  workspaceId: string,
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  const hooks: AfterCommit[] = [];
  const result = await db.transaction(async (tx) => {
    afterCommitHooks.set(tx, hooks);
    await tx.execute(
      sql`select set_config('role', ${APP_ROLE}, true), set_config('app.workspace_id', ${workspaceId}, true)`,
    );
    return fn(tx as Tx);
  });
  if (hooks.length) await Promise.all(hooks.map((hook) => hook(db)));
  return result;
}

// Runs `fn` after `tx` commits, if `tx` is an inWorkspace transaction (`fn` must not throw: the
// commit has happened); returns false (and does nothing) for any other executor, so the caller can
// fall back to doing its work inside the transaction.
export function afterCommit(tx: object, fn: AfterCommit): boolean {
  const hooks = afterCommitHooks.get(tx);
  if (!hooks) return false;
  hooks.push(fn);
  return true;
}
