import type { PermissionMatrix, RoleKey } from '@voronka/contract';
import type { Tx } from './db/types.js';

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
