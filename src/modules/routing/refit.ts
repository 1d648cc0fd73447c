import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { rowsOf } from '../../platform/db/rls.js';
import { defineJob, defineSystemJob, enqueue } from '../../platform/jobs/jobs.js';
import * as pipeline from '../pipeline/service.js';
import * as leads from '../leads/service.js';
import { fitWeights, type Outcome } from './fit-weights.js';
import { channelOf, extractFeatures } from './priority.js';
import { loadSettings, recordFit } from './settings.js';

const WINDOW_DAYS = 180;
const MAX_EXAMPLES = 20_000;
export const MIN_EXAMPLES = 200;

// The workspace's own outcomes: settled requests of the last half year — won (became a deal that
// was won) or not (junk, or a deal that was lost); requests whose deal is still open are left out.
export async function outcomes(ctx: Ctx, now = new Date()): Promise<Outcome[]> {
  const since = new Date(now.getTime() - WINDOW_DAYS * 86_400_000);
  const settings = await loadSettings(ctx);
  const rows = await leads.settledRequests(ctx, since, now, MAX_EXAMPLES);
  const dealIds = rows.flatMap((r) => (r.dealId ? [r.dealId] : []));
  const ends = await pipeline.dealOutcomes(ctx, dealIds);
  const out: Outcome[] = [];
  for (const r of rows) {
    const end = r.dealId ? ends.get(r.dealId) : r.status === 'junk' ? 'lost' : undefined;
    if (end !== 'won' && end !== 'lost') continue;
    const features = extractFeatures({
      subject: r.title,
      text: r.message,
      channel: channelOf(r.channel),
      catalog: settings.scoringCatalog,
      client: { isKnownClient: r.contactId !== null },
    });
    out.push({ features, won: end === 'won' });
  }
  return out;
}

// Re-fits the weights when there is enough history; records the attempt either way.
export async function refit(
  ctx: Ctx,
  now = new Date(),
): Promise<{ fitted: boolean; examples: number; reason: string | null }> {
  const settings = await loadSettings(ctx);
  const examples = await outcomes(ctx, now);
  const result = fitWeights(examples, settings.weights, { minExamples: MIN_EXAMPLES });
  if (!result.fitted) {
    await recordFit(ctx, {
      at: now,
      weights: null,
      reason: result.reason,
      examples: examples.length,
    });
    return { fitted: false, examples: examples.length, reason: result.reason };
  }
  await recordFit(ctx, {
    at: now,
    weights: { ...result.weights, version: settings.weights.version + 1 },
    reason: null,
    examples: examples.length,
  });
  return { fitted: true, examples: examples.length, reason: null };
}

export const refitWorkspace = defineJob({
  name: 'routing.refit',
  payload: z.object({}),
  maxAttempts: 3,
  async run(ctx) {
    await refit(ctx);
  },
});

// Daily: one re-fit per workspace, keyed by the day so any number of workers enqueue it once.
export const refitAll = defineSystemJob({
  name: 'routing.refit-all',
  payload: z.object({ day: z.string() }),
  async run(tx, { day }) {
    const rows = rowsOf<{ id: string }>(await tx.execute(sql`select id from workspaces`));
    for (const w of rows)
      await enqueue(tx, refitWorkspace, {}, { workspaceId: w.id, key: `${w.id}:${day}` });
  },
});
