import { and, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inSystemWorkspace, type Ctx } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/rls.js';
import type { Db } from '../../platform/db/types.js';
import { defineJob, enqueue, PermanentJobError } from '../../platform/jobs/jobs.js';
import * as clients from '../clients/service.js';
import * as inbox from '../inbox/service.js';
import { renderTemplate } from './engine.js';
import { renderDataFor } from './render-context.js';
import { listRequestOf } from './segments.js';
import { campaignRecipients, campaigns, segments, unsubscribes } from './tables.js';
import { unsubscribeUrl } from './unsubscribe.js';

// Sending a campaign (DESIGN.md «Campaigns»). At most once per recipient, also across a crash:
// - the fill job writes one row per (campaign, contact) — the primary key — so a repeated fill adds
//   nobody twice; who may not be written to is written as skipped, with the reason;
// - a batch claims up to `rate` queued rows (→ sending) and commits before any SMTP call; each
//   letter's outcome is committed after the server answered (→ sent / failed);
// - a batch that finds rows still `sending` (a process died between the SMTP answer and the commit)
//   marks them failed, never sends them again: a lost letter is better than a second copy;
// - one chain of batch jobs per campaign (keyed by campaign and batch number), a second apart, so
//   the rate holds across workers and restarts.

const PAGE = 1000;
const MAX_ATTEMPTS = 3;

const recipients = campaignRecipients;
const ofCampaign = (ctx: Ctx, id: string) =>
  and(eq(recipients.workspaceId, ctx.workspaceId), eq(recipients.campaignId, id));

async function campaignOf(ctx: Ctx, id: string, lock = false) {
  const q = ctx.tx
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.workspaceId, ctx.workspaceId), eq(campaigns.id, id)));
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

type Target = { id: string; email: string | null; consent: string };

// Advertising by e-mail needs the person's recorded consent (38-FZ art. 18): only `given` is sent.
function skipReason(t: Target, unsubscribed: Set<string>) {
  if (unsubscribed.has(t.id)) return 'unsubscribed' as const;
  if (t.consent === 'withdrawn') return 'withdrawn' as const;
  if (t.consent !== 'given') return 'no_consent' as const;
  if (!t.email) return 'no_email' as const;
  return null;
}

async function unsubscribedOf(ctx: Ctx, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await ctx.tx
    .select({ id: unsubscribes.contactId })
    .from(unsubscribes)
    .where(
      and(eq(unsubscribes.workspaceId, ctx.workspaceId), inArray(unsubscribes.contactId, ids)),
    );
  return new Set(rows.map((r) => r.id));
}

export const campaignFill = defineJob({
  name: 'campaign.fill',
  payload: z.object({ campaignId: z.uuid() }),
  maxAttempts: 5,
  async run(ctx, { campaignId }) {
    const c = await campaignOf(ctx, campaignId, true);
    if (!c || c.status === 'cancelled' || c.status === 'done') return;
    const [segment] = await ctx.tx
      .select()
      .from(segments)
      .where(and(eq(segments.workspaceId, ctx.workspaceId), eq(segments.id, c.segmentId)));
    const q = listRequestOf(segment?.query ?? { q: '\u0000none' });
    let after: string | null = null;
    for (;;) {
      const page = await clients.contactsForMailing(ctx, q, after, PAGE);
      if (!page.length) break;
      const unsub = await unsubscribedOf(
        ctx,
        page.map((t) => t.id),
      );
      await ctx.tx
        .insert(recipients)
        .values(
          page.map((t) => {
            const reason = skipReason(t, unsub);
            return {
              workspaceId: ctx.workspaceId,
              campaignId,
              contactId: t.id,
              email: t.email,
              state: reason ? ('skipped' as const) : ('queued' as const),
              skipReason: reason,
            };
          }),
        )
        .onConflictDoNothing();
      after = page.at(-1)!.id;
      if (page.length < PAGE) break;
    }
    await ctx.tx
      .update(campaigns)
      .set({ status: 'sending', startedAt: c.startedAt ?? new Date() })
      .where(and(eq(campaigns.workspaceId, ctx.workspaceId), eq(campaigns.id, campaignId)));
    await enqueue(
      ctx.tx,
      campaignBatch,
      { campaignId, n: 0 },
      { workspaceId: ctx.workspaceId, key: `${campaignId}:0` },
    );
  },
});

type Claimed = { contactId: string; email: string; attempts: number };

// One short transaction: rows a dead process left `sending` become failed; contacts who
// unsubscribed or withdrew since the list was built are skipped; then up to `rate` rows are claimed.
async function claim(ctx: Ctx, campaignId: string) {
  const c = await campaignOf(ctx, campaignId, true);
  if (!c || c.status !== 'sending') return null;
  await ctx.tx
    .update(recipients)
    .set({ state: 'failed', error: 'interrupted mid-send: not sent again (at most once)' })
    .where(and(ofCampaign(ctx, campaignId), eq(recipients.state, 'sending')));
  await ctx.tx.execute(sql`
    update ${recipients} r set state = 'skipped',
      skip_reason = case when exists (select 1 from ${unsubscribes} u where u.workspace_id = r.workspace_id and u.contact_id = r.contact_id) then 'unsubscribed' else 'withdrawn' end
    where r.workspace_id = ${ctx.workspaceId} and r.campaign_id = ${campaignId} and r.state = 'queued'
      and (exists (select 1 from ${unsubscribes} u where u.workspace_id = r.workspace_id and u.contact_id = r.contact_id)
        or not ${clients.consentGivenSql(sql`r.workspace_id`, sql`r.contact_id`)})`);
  const rows = (await ctx.tx.execute(sql`
    update ${recipients} r set state = 'sending', attempts = r.attempts + 1
    where (r.workspace_id, r.campaign_id, r.contact_id) in (
      select workspace_id, campaign_id, contact_id from ${recipients}
      where workspace_id = ${ctx.workspaceId} and campaign_id = ${campaignId} and state = 'queued'
      order by contact_id limit ${c.rate} for update skip locked)
    returning r.contact_id as "contactId", r.email, r.attempts`)) as unknown;
  return { campaign: c, claimed: rowsOf<Claimed>(rows) };
}

async function letterFor(ctx: Ctx, c: typeof campaigns.$inferSelect, contactId: string) {
  const data = await renderDataFor(ctx, { contactId });
  const url = unsubscribeUrl(ctx.workspaceId, contactId, c.id);
  const body = await renderTemplate(c.body ?? '', data);
  return {
    id: `campaign.${c.id}.${contactId}`,
    subject: await renderTemplate(c.subject ?? '', data),
    text: `${body}\n\n—\nОтписаться от рассылки / Unsubscribe: ${url}`,
    headers: {
      'List-Unsubscribe': `<${url}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

type Outcome = { state: 'sent' | 'failed' | 'queued'; error: string | null };

async function sendOne(
  db: Db,
  workspaceId: string,
  c: typeof campaigns.$inferSelect,
  r: Claimed,
): Promise<Outcome> {
  try {
    const letter = await inSystemWorkspace(db, workspaceId, (ctx) =>
      letterFor(ctx, c, r.contactId),
    );
    await inbox.sendThroughChannel(db, workspaceId, c.channelId, r.email, letter);
    return { state: 'sent', error: null };
  } catch (err) {
    const msg = String((err as Error)?.message ?? err).slice(0, 500);
    const code = (err as { responseCode?: number }).responseCode;
    // A server that said «try later» (4xx) did not take the letter: it may go again, a few times.
    if (code && code >= 400 && code < 500 && r.attempts < MAX_ATTEMPTS)
      return { state: 'queued', error: msg };
    if (err instanceof PermanentJobError || code) return { state: 'failed', error: msg };
    // No answer at all (connection lost after DATA?): unknown whether it arrived — not resent.
    return { state: 'failed', error: `no answer from the server: ${msg}` };
  }
}

export const campaignBatch = defineJob({
  name: 'campaign.batch',
  payload: z.object({ campaignId: z.uuid(), n: z.number().int().min(0) }),
  maxAttempts: 10,
  async run() {
    throw new Error('campaign.batch runs through perform');
  },
  async perform(db, workspaceId, { campaignId, n }) {
    const started = Date.now();
    const got = await inSystemWorkspace(db, workspaceId, (ctx) => claim(ctx, campaignId));
    if (!got) return;
    for (const r of got.claimed) {
      const outcome = await sendOne(db, workspaceId, got.campaign, r);
      await inSystemWorkspace(db, workspaceId, (ctx) =>
        ctx.tx
          .update(recipients)
          .set({
            state: outcome.state,
            error: outcome.error,
            sentAt: outcome.state === 'sent' ? new Date() : null,
          })
          .where(and(ofCampaign(ctx, campaignId), eq(recipients.contactId, r.contactId))),
      );
    }
    await inSystemWorkspace(db, workspaceId, (ctx) => next(ctx, campaignId, n, started));
  },
});

// Another batch a second after this one began, or the campaign is done.
async function next(ctx: Ctx, campaignId: string, n: number, started: number) {
  const [left] = await ctx.tx
    .select({ n: sql<number>`count(*)::int` })
    .from(recipients)
    .where(and(ofCampaign(ctx, campaignId), inArray(recipients.state, ['queued', 'sending'])));
  const c = await campaignOf(ctx, campaignId, true);
  if (!c || c.status !== 'sending') return;
  if (Number(left?.n ?? 0) === 0) {
    await ctx.tx
      .update(campaigns)
      .set({ status: 'done', finishedAt: new Date() })
      .where(and(eq(campaigns.workspaceId, ctx.workspaceId), eq(campaigns.id, campaignId)));
    return;
  }
  await enqueue(
    ctx.tx,
    campaignBatch,
    { campaignId, n: n + 1 },
    {
      workspaceId: ctx.workspaceId,
      key: `${campaignId}:${n + 1}`,
      runAt: new Date(Math.max(Date.now(), started + 1000)),
    },
  );
}
