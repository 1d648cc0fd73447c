import type { Action, Entity, PermissionMatrix, RoleKey } from '@voronka/contract';
import type { Actor } from '../context.js';

export type Principal = Actor & {
  kind: 'user' | 'token';
  memberId: string;
  userId: string;
  workspaceId: string;
  role: RoleKey;
  permissions: PermissionMatrix;
  memberActive: boolean;
  workspace: { plan: 'trial' | 'active'; trialEndsAt: Date | null };
  session: {
    id: string;
    csrfToken: string;
    twoFactorPending: boolean;
    twoFactorSetupRequired: boolean;
  } | null;
  tokenId: string | null;
};

export type PrincipalResolver = {
  fromSession(token: string): Promise<Principal | null>;
  // ip: the caller's address, for the credential limiter (wrong tokens count against it).
  fromApiToken(token: string, ip: string | null): Promise<Principal | null>;
  // With a cache: returns once this process has heard every change committed so far (the guard
  // calls it before answering a write that may change who someone is).
  settle?(): Promise<void>;
};

// How a route is guarded. Every /api/v1 route must declare one (checked when routes register).
//  public       — no principal needed (sign-up, sign-in, invitation links)
//  pending      — a session that still owes its second factor may call it
//  signed-in    — any active member, for their own account (profile, 2FA, sign-out)
//  {entity, action} — the role's matrix must allow it; writes also need a live (non-expired) workspace
//  {entityFromQuery, entities, action} — the same, for the entity a query parameter names (imports)
//  {anyOf, action} — one of these entities must allow it; the service checks the record's own entity
export type Access =
  | 'public'
  | 'pending'
  | 'signed-in'
  // `writes`: a change guarded by a read right (a member's own settings: every member reads users,
  // and the service decides whose they may change) — refused like any write once the trial ends.
  | { entity: Entity; action: Action; writes?: true }
  | { entityFromQuery: string; entities: readonly Entity[]; action: Action }
  | { anyOf: readonly Entity[]; action: Action; writes?: true };

export const isTrialExpired = (ws: Principal['workspace'], now: Date) =>
  ws.plan === 'trial' && ws.trialEndsAt !== null && ws.trialEndsAt.getTime() <= now.getTime();

export const can = (p: { permissions: PermissionMatrix | null }, entity: Entity, action: Action) =>
  p.permissions === null || p.permissions[entity]?.[action] === true;
