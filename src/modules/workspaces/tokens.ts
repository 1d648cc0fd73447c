import type { ApiToken, Page } from '@voronka/contract';
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { hashToken, randomToken } from '../../platform/crypto.js';
import { DomainError } from '../../platform/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import { apiTokens } from './tables.js';
import { visibleTo } from './visibility.js';

type TokenRow = typeof apiTokens.$inferSelect;
const toApiToken = (r: TokenRow): ApiToken => ({
  id: r.id,
  name: r.name,
  userId: r.memberId,
  prefix: r.prefix,
  createdAt: r.createdAt.toISOString(),
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  revokedAt: r.revokedAt?.toISOString() ?? null,
});

export async function listTokens(
  ctx: Ctx,
  q: { limit: number; cursor?: string | undefined },
): Promise<Page<ApiToken>> {
  const after = decodeCursor(q.cursor, ['uuid']);
  const rows = await ctx.tx
    .select()
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.workspaceId, ctx.workspaceId),
        visibleTo(ctx, 'tokens', apiTokens.memberId),
        after ? lt(apiTokens.id, String(after[0])) : undefined,
      ),
    )
    .orderBy(desc(apiTokens.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toApiToken, (r) => [r.id]);
}

// The secret is shown once; only its hash is kept.
export async function createToken(
  ctx: Ctx,
  name: string,
  memberId = ctx.actor.memberId,
): Promise<{ token: string; apiToken: ApiToken }> {
  if (!memberId) throw new DomainError('user.not_found', 'a token belongs to a user');
  const token = randomToken('vrk_', 32);
  const [row] = await ctx.tx
    .insert(apiTokens)
    .values({
      workspaceId: ctx.workspaceId,
      id: newId(),
      memberId,
      name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 10),
    })
    .returning();
  await recordAudit(ctx, {
    action: 'token.created',
    entity: 'tokens',
    entityId: row!.id,
    after: { name, userId: memberId, prefix: row!.prefix },
  });
  return { token, apiToken: toApiToken(row!) };
}

export async function revokeToken(ctx: Ctx, id: string): Promise<void> {
  const [row] = await ctx.tx
    .update(apiTokens)
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` })
    .where(
      and(
        eq(apiTokens.workspaceId, ctx.workspaceId),
        eq(apiTokens.id, id),
        visibleTo(ctx, 'tokens', apiTokens.memberId),
      ),
    )
    .returning();
  if (!row) throw new DomainError('token.not_found', 'token not found');
  await recordAudit(ctx, {
    action: 'token.revoked',
    entity: 'tokens',
    entityId: id,
    before: { name: row.name },
  });
}
