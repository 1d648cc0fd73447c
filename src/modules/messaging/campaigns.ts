import type {
  Campaign,
  CampaignCounts,
  CampaignCreateBody,
  CampaignRecipient,
  CampaignRecipientQuery,
} from '@voronka/contract';
import {
  CampaignCreateBody as CreateBody,
  CampaignRecipientQuery as RecipientQuery,
} from '@voronka/contract';
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs/jobs.js';
import * as inbox from '../inbox/service.js';
import { campaignFill } from './campaign-send.js';
import { findSegmentRow } from './segments.js';
import { campaignRecipients, campaigns, unsubscribes } from './tables.js';
import { findTemplateRow } from './templates.js';

// E-mail campaigns (DESIGN.md «Campaigns»): a draft names a segment, a letter template and an
// e-mail channel; start copies the template, and the fill job writes one recipient row per
// contact (unique per campaign and contact) before the batches send.

type Row = typeof campaigns.$inferSelect;

const zero = (): CampaignCounts => ({
  total: 0,
  queued: 0,
  sending: 0,
  sent: 0,
  failed: 0,
  skipped: 0,
  unsubscribed: 0,
});

async function countsOf(ctx: Ctx, ids: string[]): Promise<Map<string, CampaignCounts>> {
  const out = new Map(ids.map((id) => [id, zero()]));
  if (!ids.length) return out;
  const inIds = sql`${campaignRecipients.campaignId} in (${sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  )})`;
  const rows = await ctx.tx
    .select({
      id: campaignRecipients.campaignId,
      state: campaignRecipients.state,
      n: sql<number>`count(*)::int`,
    })
    .from(campaignRecipients)
    .where(and(eq(campaignRecipients.workspaceId, ctx.workspaceId), inIds))
    .groupBy(campaignRecipients.campaignId, campaignRecipients.state);
  for (const r of rows) {
    const c = out.get(r.id)!;
    c[r.state] += Number(r.n);
    c.total += Number(r.n);
  }
  const unsub = await ctx.tx
    .select({ id: unsubscribes.campaignId, n: sql<number>`count(*)::int` })
    .from(unsubscribes)
    .where(
      and(
        eq(unsubscribes.workspaceId, ctx.workspaceId),
        sql`${unsubscribes.campaignId} in (${sql.join(
          ids.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`,
      ),
    )
    .groupBy(unsubscribes.campaignId);
  for (const r of unsub) if (r.id) out.get(r.id)!.unsubscribed = Number(r.n);
  return out;
}

const toCampaign = (r: Row, counts: CampaignCounts): Campaign => ({
  id: r.id,
  name: r.name,
  segmentId: r.segmentId,
  templateId: r.templateId,
  channelId: r.channelId,
  status: r.status,
  scheduledAt: r.scheduledAt?.toISOString() ?? null,
  rate: r.rate,
  counts,
  createdAt: r.createdAt.toISOString(),
  startedAt: r.startedAt?.toISOString() ?? null,
  finishedAt: r.finishedAt?.toISOString() ?? null,
});

export async function listCampaigns(ctx: Ctx): Promise<{ items: Campaign[] }> {
  const rows = await ctx.tx
    .select()
    .from(campaigns)
    .where(eq(campaigns.workspaceId, ctx.workspaceId))
    .orderBy(desc(campaigns.createdAt))
    .limit(200);
  const counts = await countsOf(
    ctx,
    rows.map((r) => r.id),
  );
  return { items: rows.map((r) => toCampaign(r, counts.get(r.id)!)) };
}

export async function findCampaignRow(ctx: Ctx, id: string, lock = false): Promise<Row> {
  const q = ctx.tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, ctx.workspaceId), eq(campaigns.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw new DomainError('campaign.not_found', 'no such campaign');
  return row;
}

export async function getCampaign(ctx: Ctx, id: string): Promise<Campaign> {
  const row = await findCampaignRow(ctx, id);
  return toCampaign(row, (await countsOf(ctx, [id])).get(id)!);
}

async function assertMailChannel(ctx: Ctx, channelId: string) {
  const ch = await inbox.findWorkspaceChannel(ctx, channelId);
  if (!ch || ch.kind !== 'email' || !ch.enabled || !ch.settings.smtpHost)
    throw new DomainError('campaign.invalid', 'an enabled e-mail channel with an SMTP server', {
      field: 'channelId',
    });
}

export async function createCampaign(ctx: Ctx, input: CampaignCreateBody): Promise<Campaign> {
  const body = CreateBody.parse(input);
  await findSegmentRow(ctx, body.segmentId);
  const template = await findTemplateRow(ctx, body.templateId).catch(() => null);
  if (!template || template.kind !== 'letter')
    throw new DomainError('campaign.invalid', 'a letter template (subject and body)', {
      field: 'templateId',
    });
  await assertMailChannel(ctx, body.channelId);
  const id = newId();
  const [row] = await ctx.tx
    .insert(campaigns)
    .values({
      workspaceId: ctx.workspaceId,
      id,
      name: body.name,
      segmentId: body.segmentId,
      templateId: body.templateId,
      channelId: body.channelId,
      status: 'draft',
      rate: body.rate,
      scheduledAt: body.scheduledAt ? new Date(body.scheduledAt) : null,
      ownerId: ctx.actor.memberId,
    })
    .returning();
  await recordAudit(ctx, { action: 'campaign.created', entity: 'campaigns', entityId: id });
  return toCampaign(row!, zero());
}

// Start (or schedule): the template's text is fixed now; the fill job runs at the scheduled time.
export async function startCampaign(ctx: Ctx, id: string): Promise<Campaign> {
  const row = await findCampaignRow(ctx, id, true);
  if (row.status !== 'draft')
    throw new DomainError('campaign.state', `the campaign is ${row.status}, not a draft`);
  const template = await findTemplateRow(ctx, row.templateId).catch(() => null);
  if (!template)
    throw new DomainError('campaign.invalid', 'the template is gone', { field: 'templateId' });
  const later = row.scheduledAt && row.scheduledAt.getTime() > Date.now();
  await ctx.tx
    .update(campaigns)
    .set({
      status: later ? 'scheduled' : 'sending',
      subject: template.subject ?? '',
      body: template.body,
      startedAt: later ? null : new Date(),
    })
    .where(and(eq(campaigns.workspaceId, ctx.workspaceId), eq(campaigns.id, id)));
  await enqueue(
    ctx.tx,
    campaignFill,
    { campaignId: id },
    { workspaceId: ctx.workspaceId, key: id, runAt: later ? row.scheduledAt! : undefined },
  );
  await recordAudit(ctx, { action: 'campaign.started', entity: 'campaigns', entityId: id });
  return getCampaign(ctx, id);
}

// Cancel: nothing more is sent; what was sent stays sent.
export async function cancelCampaign(ctx: Ctx, id: string): Promise<Campaign> {
  const row = await findCampaignRow(ctx, id, true);
  if (row.status === 'done' || row.status === 'cancelled')
    throw new DomainError('campaign.state', `the campaign is already ${row.status}`);
  await ctx.tx
    .update(campaigns)
    .set({ status: 'cancelled', finishedAt: new Date() })
    .where(and(eq(campaigns.workspaceId, ctx.workspaceId), eq(campaigns.id, id)));
  await recordAudit(ctx, { action: 'campaign.cancelled', entity: 'campaigns', entityId: id });
  return getCampaign(ctx, id);
}

// The per-recipient report, by contact id.
export async function listRecipients(
  ctx: Ctx,
  id: string,
  input: CampaignRecipientQuery,
): Promise<{ items: CampaignRecipient[] }> {
  const q = RecipientQuery.parse(input);
  await findCampaignRow(ctx, id);
  const r = campaignRecipients;
  const rows = await ctx.tx
    .select()
    .from(r)
    .where(
      and(
        eq(r.workspaceId, ctx.workspaceId),
        eq(r.campaignId, id),
        q.state ? eq(r.state, q.state) : undefined,
        q.after ? gt(r.contactId, q.after) : undefined,
      ),
    )
    .orderBy(asc(r.contactId))
    .limit(q.limit);
  return {
    items: rows.map((x) => ({
      contactId: x.contactId,
      email: x.email,
      state: x.state,
      skipReason: x.skipReason,
      error: x.error,
      sentAt: x.sentAt?.toISOString() ?? null,
    })),
  };
}
