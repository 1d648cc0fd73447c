import { sql } from 'drizzle-orm';
import type { Db, Tx } from './types.js';
import { APP_ROLE } from './rls.js';

// Every request's work runs in one transaction bound to its workspace: the role switch makes the
// RLS policies apply, the setting names the workspace they admit. Both are LOCAL to the transaction,
// which matters on PGlite where all requests share one connection.
export async function inWorkspace<T>(db: Db, workspaceId: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(
      sql`select set_config('role', ${APP_ROLE}, true), set_config('app.workspace_id', ${workspaceId}, true)`,
    );
    return fn(tx as Tx);
  });
}
