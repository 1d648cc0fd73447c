import type { PermissionMatrix, RoleKey } from '@voronka/contract';
import { inWorkspace } from './db/tenancy.js';
import type { Db, Tx } from './db/types.js';

export type Actor = {
  kind: 'user' | 'token' | 'system';
  memberId: string | null;
  userId: string | null;
  role: RoleKey | null;
  teamId: string | null;
  // null for the system actor (CLI, jobs): it acts with every right.
  permissions: PermissionMatrix | null;
};

// What every use case receives: the workspace-bound transaction and who is acting.
export type Ctx = {
  tx: Tx;
  workspaceId: string;
  actor: Actor;
  ip: string | null;
  requestId: string | null;
};

export const systemActor: Actor = {
  kind: 'system',
  memberId: null,
  userId: null,
  role: null,
  teamId: null,
  permissions: null,
};

// The context of work Voronka does by itself (a job, a timer, a webhook, the CLI) in one workspace:
// the system actor, with every right. `requestId` names the work in the audit log (job:…, cli).
export const systemCtx = (
  tx: Tx,
  workspaceId: string,
  opts: { requestId?: string | null; ip?: string | null } = {},
): Ctx => ({
  tx,
  workspaceId,
  actor: systemActor,
  ip: opts.ip ?? null,
  requestId: opts.requestId ?? null,
});

// Runs `fn` as the system inside the workspace's transaction (and its RLS): the one way the system
// enters a workspace.
export function inSystemWorkspace<T>(
  db: Db,
  workspaceId: string,
  fn: (ctx: Ctx) => Promise<T>,
  opts: { requestId?: string | null; ip?: string | null } = {},
): Promise<T> {
  return inWorkspace(db, workspaceId, (tx) => fn(systemCtx(tx, workspaceId, opts)));
}
