import type { Entity } from '@voronka/contract';
import { eq, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { members } from './tables.js';

// Record visibility from the actor's role: all, their team's members' records, or their own.
// Every list, search, export and report of an owned entity filters through this one function.
export function visibleTo(ctx: Ctx, entity: Entity, ownerColumn: AnyColumn): SQL | undefined {
  const perms = ctx.actor.permissions;
  if (!perms) return undefined;
  const visibility = perms[entity].visibility;
  if (visibility === 'all') return undefined;
  if (visibility === 'own' || !ctx.actor.teamId) return eq(ownerColumn, ctx.actor.memberId ?? '00000000-0000-0000-0000-000000000000');
  return sql`${ownerColumn} in (select ${members.id} from ${members} where ${members.workspaceId} = ${ctx.workspaceId} and ${members.teamId} = ${ctx.actor.teamId})`;
}
