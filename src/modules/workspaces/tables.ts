import type { PermissionMatrix, RoleKey } from '@voronka/contract';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, ts, workspaceId } from '../../platform/db/columns.js';

export const workspaces = pgTable('workspaces', {
  id: uuid('id').primaryKey(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  plan: text('plan').$type<'trial' | 'active'>().notNull().default('trial'),
  trialEndsAt: ts('trial_ends_at'),
  timezone: text('timezone').notNull().default('Europe/Moscow'),
  locale: text('locale').$type<'ru' | 'en'>().notNull().default('ru'),
  requireTwoFactor: boolean('require_two_factor').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

// A person; global, because one person may work in several workspaces.
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    totpSecret: text('totp_secret'),
    totpPendingSecret: text('totp_pending_secret'),
    totpEnabled: boolean('totp_enabled').notNull().default(false),
    // The last TOTP time step accepted: a code is good once (RFC 6238 §5.2), a step ≤ this is refused.
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    locale: text('locale').$type<'ru' | 'en'>().notNull().default('ru'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_uq').on(sql`lower(${t.email})`)],
);

export const teams = pgTable(
  'teams',
  {
    workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    headMemberId: uuid('head_member_id'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('teams_name_uq').on(t.workspaceId, sql`lower(${t.name})`),
  ],
);

// A user's membership in a workspace; its id is the "user" every other module refers to as owner.
export const members = pgTable(
  'members',
  {
    workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').$type<RoleKey>().notNull(),
    teamId: uuid('team_id'),
    status: text('status').$type<'active' | 'deactivated'>().notNull().default('active'),
    createdAt: createdAt(),
    deactivatedAt: ts('deactivated_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('members_user_uq').on(t.workspaceId, t.userId),
    index('members_team_idx').on(t.workspaceId, t.teamId),
    foreignKey({
      columns: [t.workspaceId, t.teamId],
      foreignColumns: [teams.workspaceId, teams.id],
    }),
  ],
);

// One row per role and workspace: the permission matrix the owner edits.
export const roles = pgTable(
  'roles',
  {
    workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
    key: text('key').$type<RoleKey>().notNull(),
    permissions: jsonb('permissions').$type<PermissionMatrix>().notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.key] })],
);

export const invitations = pgTable(
  'invitations',
  {
    workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    email: text('email').notNull(),
    role: text('role').$type<RoleKey>().notNull(),
    teamId: uuid('team_id'),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: uuid('invited_by'),
    expiresAt: ts('expires_at').notNull(),
    acceptedAt: ts('accepted_at'),
    revokedAt: ts('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.teamId],
      foreignColumns: [teams.workspaceId, teams.id],
    }).onDelete('set null'),
  ],
);

// Browser sessions; id is the SHA-256 of the cookie value.
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    twoFactorVerified: boolean('two_factor_verified').notNull(),
    createdAt: createdAt(),
    expiresAt: ts('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    workspaceId: workspaceId().references(() => workspaces.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    memberId: uuid('member_id').notNull(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    prefix: text('prefix').notNull(),
    createdAt: createdAt(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.memberId],
      foreignColumns: [members.workspaceId, members.id],
    }),
  ],
);

// Every credential check's counted attempts (limiter.ts): one row per failed guess (or, for
// sign-up and reset requests, per attempt) under each key it counts against. In the database, so
// that every API process sees the same count.
export const credentialAttempts = pgTable(
  'credential_attempts',
  {
    id: uuid('id').primaryKey(),
    key: text('key').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('credential_attempts_key_idx').on(t.key, t.at)],
);

// Password reset links sent by e-mail: only the SHA-256 of the token is kept; good once, until expiry.
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: ts('expires_at').notNull(),
    usedAt: ts('used_at'),
    ip: text('ip'),
    createdAt: createdAt(),
  },
  (t) => [index('password_resets_user_idx').on(t.userId)],
);
