import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import type { Sealer } from '../../platform/crypto.js';
import { DomainError } from '../../platform/errors.js';
import { campaigns, unsubscribes } from './tables.js';

// RFC 8058 one-click unsubscribe. Each letter carries `List-Unsubscribe: <url>` and
// `List-Unsubscribe-Post: List-Unsubscribe=One-Click`; the URL holds a token sealed with the
// installation's key naming the workspace, contact and campaign, so the public POST needs no session
// and no cookie. The withdrawal goes on the suppression list (no campaign writes to them again) and,
// through a port the composition root wires (privacy comes after messaging in the module order),
// into the person's consent log, which turns the contact's consent flag off.

export type CampaignRuntime = {
  sealer: Sealer;
  publicUrl: string;
  // Records the withdrawal of advertising consent in the privacy module's consent log.
  withdrawConsent?: (ctx: Ctx, contactId: string, note: string) => Promise<void>;
};
let runtime: CampaignRuntime | null = null;
export function useCampaignRuntime(r: CampaignRuntime): void {
  runtime = r;
}
function need(): CampaignRuntime {
  if (!runtime) throw new Error('messaging has no runtime (src/runtime.ts sets it)');
  return runtime;
}

type Token = { k: 'unsub'; w: string; c: string; m: string };

export function signUnsubscribe(workspaceId: string, contactId: string, campaignId: string) {
  return need().sealer.seal(
    JSON.stringify({ k: 'unsub', w: workspaceId, c: contactId, m: campaignId }),
  );
}

export function unsubscribeUrl(workspaceId: string, contactId: string, campaignId: string) {
  const token = signUnsubscribe(workspaceId, contactId, campaignId);
  return `${need().publicUrl}/api/public/unsubscribe?token=${encodeURIComponent(token)}`;
}

export function openUnsubscribe(token: string): {
  workspaceId: string;
  contactId: string;
  campaignId: string;
} {
  let t: Token;
  try {
    t = JSON.parse(need().sealer.open(token)) as Token;
  } catch {
    throw new DomainError('unsubscribe.invalid', 'the unsubscribe link is not valid', {
      field: 'token',
    });
  }
  if (t?.k !== 'unsub' || !t.w || !t.c || !t.m)
    throw new DomainError('unsubscribe.invalid', 'the unsubscribe link is not valid', {
      field: 'token',
    });
  return { workspaceId: t.w, contactId: t.c, campaignId: t.m };
}

// Once per contact: a second click (or the mail client's retry) changes nothing.
export async function unsubscribe(ctx: Ctx, contactId: string, campaignId: string): Promise<void> {
  const [campaign] = await ctx.tx
    .select({ name: campaigns.name })
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, ctx.workspaceId), eq(campaigns.id, campaignId)));
  const added = await ctx.tx
    .insert(unsubscribes)
    .values({ workspaceId: ctx.workspaceId, contactId, campaignId: campaign ? campaignId : null })
    .onConflictDoNothing()
    .returning({ id: unsubscribes.contactId });
  if (!added.length) return;
  await recordAudit(ctx, {
    action: 'campaign.unsubscribed',
    entity: 'contacts',
    entityId: contactId,
    after: { campaignId },
  });
  await need().withdrawConsent?.(
    ctx,
    contactId,
    `one-click unsubscribe (RFC 8058) from «${campaign?.name ?? campaignId}»`,
  );
}
