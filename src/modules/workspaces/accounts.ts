import type { Locale, RoleKey } from '@voronka/contract';
import { roleKeys } from '@voronka/contract';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import { systemActor, type Ctx } from '../../platform/context.js';
import { inWorkspace } from '../../platform/db/tenancy.js';
import type { Db, Executor } from '../../platform/db/types.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { randomToken } from '../../platform/crypto.js';
import { hashPassword } from './passwords.js';
import { defaultPermissions, slugBase, trialEndFrom } from './rules.js';
import { members, roles, users, workspaces } from './tables.js';

export type NewWorkspace = {
  companyName: string;
  ownerName: string;
  email: string;
  password: string;
  locale?: Locale | undefined;
  timezone?: string | undefined;
  // sign-up refuses a known e-mail; an operator may make an existing user the owner of a new workspace
  existingUser: 'reject' | 'attach';
};

export type CreatedWorkspace = {
  workspaceId: string;
  slug: string;
  userId: string;
  memberId: string;
};

export async function findUserByEmail(tx: Executor, email: string) {
  const [row] = await tx
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email})`);
  return row ?? null;
}

// One transaction: workspace on a 7-day trial, its roles, the owner user and membership, audit.
export async function createWorkspaceWithOwner(
  db: Db,
  input: NewWorkspace,
  now = new Date(),
): Promise<CreatedWorkspace> {
  const workspaceId = newId();
  const passwordHash = await hashPassword(input.password);
  return inWorkspace(db, workspaceId, async (tx) => {
    const existing = await findUserByEmail(tx, input.email);
    if (existing && input.existingUser === 'reject')
      throw new DomainError('user.email_taken', 'a user with this e-mail already exists', {
        field: 'email',
      });
    const slug = await insertWorkspace(tx, workspaceId, input, now);
    const userId = existing?.id ?? newId();
    if (!existing) {
      await tx.insert(users).values({
        id: userId,
        email: input.email,
        name: input.ownerName,
        passwordHash,
        locale: input.locale ?? 'ru',
      });
    }
    await tx.insert(roles).values(
      roleKeys.map((key: RoleKey) => ({
        workspaceId,
        key,
        permissions: defaultPermissions(key),
      })),
    );
    const memberId = newId();
    await tx.insert(members).values({ workspaceId, id: memberId, userId, role: 'owner' });
    const ctx: Ctx = {
      tx,
      workspaceId,
      actor: { ...systemActor, kind: 'user', memberId, userId, role: 'owner' },
      ip: null,
      requestId: null,
    };
    await recordAudit(ctx, {
      action: 'workspace.created',
      entity: 'workspace',
      entityId: workspaceId,
      after: { name: input.companyName, slug },
    });
    return { workspaceId, slug, userId, memberId };
  });
}

async function insertWorkspace(
  tx: Executor,
  id: string,
  input: NewWorkspace,
  now: Date,
): Promise<string> {
  const base = slugBase(input.companyName);
  for (let attempt = 0; attempt < 5; attempt++) {
    const slug =
      attempt === 0
        ? base
        : `${base}-${randomToken('', 3)
            .toLowerCase()
            .replace(/[^a-z0-9]/g, '')}`;
    const inserted = await tx
      .insert(workspaces)
      .values({
        id,
        slug,
        name: input.companyName,
        plan: 'trial',
        trialEndsAt: trialEndFrom(now),
        locale: input.locale ?? 'ru',
        timezone: input.timezone ?? 'Europe/Moscow',
      })
      .onConflictDoNothing()
      .returning({ slug: workspaces.slug });
    if (inserted.length) return slug;
  }
  throw new Error('could not find a free workspace slug');
}
