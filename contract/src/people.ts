import { z } from 'zod';
import { RoleKey } from './access.js';
import { Email, Id, Name, PageQuery, Password, Timestamp } from './common.js';

export const UserStatus = z.enum(['active', 'deactivated']);

// A user as seen inside one workspace (a membership): id is the member id used as owner everywhere.
export const User = z.object({
  id: Id,
  name: z.string(),
  email: z.string(),
  role: RoleKey,
  teamId: Id.nullable(),
  status: UserStatus,
  twoFactorEnabled: z.boolean(),
  createdAt: Timestamp,
});
export type User = z.infer<typeof User>;

export const UserListQuery = PageQuery.extend({
  status: z.enum(['active', 'deactivated']).optional(),
  teamId: Id.optional(),
  q: z.string().max(200).optional(),
});

// A person's name is theirs (PATCH /me): it is shared by every workspace they belong to, so one
// workspace's admin must not rename them.
export const UserUpdateBody = z.strictObject({
  role: RoleKey.optional(),
  teamId: Id.nullable().optional(),
});
export type UserUpdateBody = z.infer<typeof UserUpdateBody>;

export const Team = z.object({
  id: Id,
  name: z.string(),
  headId: Id.nullable(),
  memberCount: z.number().int(),
  createdAt: Timestamp,
});
export type Team = z.infer<typeof Team>;

export const TeamCreateBody = z.strictObject({ name: Name(120), headId: Id.nullable().optional() });
export type TeamCreateBody = z.infer<typeof TeamCreateBody>;
export const TeamUpdateBody = z.strictObject({
  name: Name(120).optional(),
  headId: Id.nullable().optional(),
});
export type TeamUpdateBody = z.infer<typeof TeamUpdateBody>;

export const Invitation = z.object({
  id: Id,
  email: z.string(),
  role: RoleKey,
  teamId: Id.nullable(),
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
  expiresAt: Timestamp,
  createdAt: Timestamp,
});
export type Invitation = z.infer<typeof Invitation>;

export const InvitationCreateBody = z.strictObject({
  email: Email,
  role: RoleKey.exclude(['owner']),
  teamId: Id.nullable().optional(),
});
export type InvitationCreateBody = z.infer<typeof InvitationCreateBody>;

// The link is returned once, to the inviter, who passes it on.
export const InvitationCreated = z.object({ invitation: Invitation, url: z.string() });

export const InvitationPreview = z.object({
  workspaceName: z.string(),
  email: z.string(),
  role: RoleKey,
});
export const InvitationTokenParams = z.strictObject({ token: z.string().min(20).max(100) });
export const InvitationAcceptBody = z.strictObject({
  name: Name(),
  password: Password,
});
export type InvitationAcceptBody = z.infer<typeof InvitationAcceptBody>;

export const ApiToken = z.object({
  id: Id,
  name: z.string(),
  userId: Id,
  prefix: z.string(),
  createdAt: Timestamp,
  lastUsedAt: Timestamp.nullable(),
  revokedAt: Timestamp.nullable(),
});
export type ApiToken = z.infer<typeof ApiToken>;
export const ApiTokenCreateBody = z.strictObject({ name: Name(120) });
export const ApiTokenCreated = z.object({ token: z.string(), apiToken: ApiToken });
