import type {
  Invitation,
  InvitationAcceptBody,
  InvitationCreateBody,
  Page,
} from '@voronka/contract';
import { and, desc, eq, isNull, lt, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { hashToken, randomToken } from '../../platform/crypto.js';
import { inWorkspace } from '../../platform/db/tenancy.js';
import type { Db } from '../../platform/db/types.js';
import { DomainError } from '../../platform/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import { findUserByEmail } from './accounts.js';
import { ipLimits, limitedCheck, passwordLimits } from './limiter.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { invitations, members, teams, users, workspaces } from './tables.js';

const INVITATION_DAYS = 7;
type InvitationRow = typeof invitations.$inferSelect;

const statusOf = (r: InvitationRow, now = new Date()): Invitation['status'] =>
  r.acceptedAt ? 'accepted' : r.revokedAt ? 'revoked' : r.expiresAt <= now ? 'expired' : 'pending';

const toInvitation = (r: InvitationRow): Invitation => ({
  id: r.id,
  email: r.email,
  role: r.role,
  teamId: r.teamId,
  status: statusOf(r),
  expiresAt: r.expiresAt.toISOString(),
  createdAt: r.createdAt.toISOString(),
});

export async function listInvitations(
  ctx: Ctx,
  q: { limit: number; cursor?: string | undefined },
): Promise<Page<Invitation>> {
  const after = decodeCursor(q.cursor, ['uuid']);
  const rows = await ctx.tx
    .select()
    .from(invitations)
    .where(
      and(
        eq(invitations.workspaceId, ctx.workspaceId),
        after ? lt(invitations.id, String(after[0])) : undefined,
      ),
    )
    .orderBy(desc(invitations.id))
    .limit(q.limit + 1);
  return toPage(rows, q.limit, toInvitation, (r) => [r.id]);
}

export async function createInvitation(ctx: Ctx, body: InvitationCreateBody, publicUrl: string) {
  const already = await ctx.tx
    .select({ id: members.id })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(
      and(
        eq(members.workspaceId, ctx.workspaceId),
        sql`lower(${users.email}) = lower(${body.email})`,
      ),
    );
  if (already.length)
    throw new DomainError('user.already_member', 'this person is already in the workspace', {
      field: 'email',
    });
  if (body.teamId) {
    const [t] = await ctx.tx
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.workspaceId, ctx.workspaceId), eq(teams.id, body.teamId)));
    if (!t) throw new DomainError('team.not_found', 'team not found', { field: 'teamId' });
  }
  const token = randomToken('', 24);
  const [row] = await ctx.tx
    .insert(invitations)
    .values({
      workspaceId: ctx.workspaceId,
      id: newId(),
      email: body.email,
      role: body.role,
      teamId: body.teamId ?? null,
      tokenHash: hashToken(token),
      invitedBy: ctx.actor.memberId,
      expiresAt: sql`now() + make_interval(days => ${INVITATION_DAYS})`,
    })
    .returning();
  const invitation = toInvitation(row!);
  await recordAudit(ctx, {
    action: 'invitation.created',
    entity: 'users',
    entityId: row!.id,
    after: invitation,
  });
  return { invitation, url: `${publicUrl}/invite/${token}` };
}

export async function revokeInvitation(ctx: Ctx, id: string): Promise<void> {
  const [row] = await ctx.tx
    .update(invitations)
    .set({ revokedAt: sql`now()` })
    .where(
      and(
        eq(invitations.workspaceId, ctx.workspaceId),
        eq(invitations.id, id),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
      ),
    )
    .returning();
  if (!row) throw new DomainError('invitation.not_found', 'invitation not found');
  await recordAudit(ctx, {
    action: 'invitation.revoked',
    entity: 'users',
    entityId: id,
    before: toInvitation(row),
  });
}

// Public: the link's holder sees where it leads. Looked up by the privileged connection because the
// workspace is not known until the token names it. A token that names nothing is a guess: it counts
// against the caller's address in the credential limiter.
async function findLive(db: Db, token: string, ip: string | null) {
  const row = await limitedCheck(db, ipLimits(ip), async () => {
    const [found] = await db
      .select({ inv: invitations, workspaceName: workspaces.name })
      .from(invitations)
      .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
      .where(eq(invitations.tokenHash, hashToken(token)));
    return found ?? null;
  });
  if (!row || row.inv.revokedAt || row.inv.acceptedAt)
    throw new DomainError('invitation.not_found', 'this invitation link is not valid');
  if (row.inv.expiresAt <= new Date())
    throw new DomainError('invitation.expired', 'this invitation has expired: ask for a new one');
  return row;
}

// The preview does not say whether the e-mail already has an account (the link passes through the
// inviter's hands): the form asks for a password either way.
export async function previewInvitation(db: Db, token: string, ip: string | null = null) {
  const { inv, workspaceName } = await findLive(db, token, ip);
  return { workspaceName, email: inv.email, role: inv.role };
}

// Accepting makes the membership; an existing user proves who they are with their password — a
// password check like sign-in, behind the same limiter and counted against the same account.
export async function acceptInvitation(
  db: Db,
  token: string,
  body: InvitationAcceptBody,
  ip: string | null = null,
): Promise<{ userId: string; workspaceId: string }> {
  const { inv } = await findLive(db, token, ip);
  const checked = await limitedCheck(db, passwordLimits(inv.email, ip), async () => {
    const user = await findUserByEmail(db, inv.email);
    if (!user) return { existing: null };
    return (await verifyPassword(user.passwordHash, body.password)) ? { existing: user } : null;
  });
  if (!checked)
    throw new DomainError(
      'auth.invalid_credentials',
      'if this e-mail already has a Voronka account, enter its password',
      { field: 'password' },
    );
  const { existing } = checked;
  const passwordHash = existing ? null : await hashPassword(body.password);
  return inWorkspace(db, inv.workspaceId, async (tx) => {
    const claimed = await tx
      .update(invitations)
      .set({ acceptedAt: sql`now()` })
      .where(
        and(
          eq(invitations.workspaceId, inv.workspaceId),
          eq(invitations.id, inv.id),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      )
      .returning({ id: invitations.id });
    if (!claimed.length)
      throw new DomainError('invitation.not_found', 'this invitation link is not valid');
    const userId = existing?.id ?? newId();
    if (!existing)
      await tx
        .insert(users)
        .values({ id: userId, email: inv.email, name: body.name, passwordHash });
    const memberId = newId();
    const inserted = await tx
      .insert(members)
      .values({
        workspaceId: inv.workspaceId,
        id: memberId,
        userId,
        role: inv.role,
        teamId: inv.teamId,
      })
      .onConflictDoNothing()
      .returning({ id: members.id });
    if (!inserted.length)
      throw new DomainError('user.already_member', 'you are already in this workspace');
    const ctx: Ctx = {
      tx,
      workspaceId: inv.workspaceId,
      actor: {
        kind: 'user',
        memberId,
        userId,
        role: inv.role,
        teamId: inv.teamId,
        permissions: null,
      },
      ip: null,
      requestId: null,
    };
    await recordAudit(ctx, {
      action: 'invitation.accepted',
      entity: 'users',
      entityId: memberId,
      after: { email: inv.email, role: inv.role, teamId: inv.teamId },
    });
    return { userId, workspaceId: inv.workspaceId };
  });
}
