import type { PermissionMatrix, Role, RoleKey } from '@voronka/contract';
import { roleKeys } from '@voronka/contract';
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { completePermissions, isRoleEditable } from './rules.js';
import { roles } from './tables.js';

export async function listRoles(ctx: Ctx): Promise<{ items: Role[] }> {
  const rows = await ctx.tx.select().from(roles).where(eq(roles.workspaceId, ctx.workspaceId));
  const byKey = new Map(rows.map((r) => [r.key, r.permissions]));
  return {
    items: roleKeys.map((key) => ({
      key,
      permissions: completePermissions(key, byKey.get(key)),
      editable: isRoleEditable(key),
    })),
  };
}

export async function updateRole(
  ctx: Ctx,
  key: RoleKey,
  permissions: PermissionMatrix,
): Promise<Role> {
  if (!isRoleEditable(key))
    throw new DomainError('role.owner_locked', 'the owner role always has every right', {
      field: 'key',
    });
  const [before] = await ctx.tx
    .select()
    .from(roles)
    .where(and(eq(roles.workspaceId, ctx.workspaceId), eq(roles.key, key)));
  if (!before) throw new DomainError('role.not_found', 'role not found');
  await ctx.tx
    .update(roles)
    .set({ permissions, updatedAt: sql`now()` })
    .where(and(eq(roles.workspaceId, ctx.workspaceId), eq(roles.key, key)));
  await recordAudit(ctx, {
    action: 'role.updated',
    entity: 'roles',
    entityId: key,
    before: before.permissions,
    after: permissions,
  });
  return { key, permissions, editable: true };
}
