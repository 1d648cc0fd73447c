import { createHmac } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { inSystemWorkspace } from '../../platform/context.js';
import type { Db } from '../../platform/db/types.js';
import { DomainError } from '../../platform/errors.js';
import { defineJob, PermanentJobError } from '../../platform/jobs/jobs.js';
import { OutboundRefused, outboundFetch, resolveOutbound } from '../../platform/net/outbound.js';
import { sealer } from './secrets.js';
import { automationRules, automationRuns } from './tables.js';

// Outgoing webhooks of rules: a signed JSON POST, Stripe's scheme so receivers reuse known code:
//   Voronka-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>
// Every call goes through platform/net/outbound.ts: public unicast addresses only, judged at
// connect time after DNS (a name that later resolves to a private address is refused then).

export function signature(secret: string, body: string, t: number): string {
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

// At save: a literal private address, or a name resolving to one, is refused. A name that does not
// resolve from here is accepted (it may resolve where the worker runs) and judged again at send.
export async function assertPublicUrl(
  url: string,
  field: string,
  code: 'automation.invalid' | 'webhook.invalid' = 'automation.invalid',
): Promise<void> {
  const host = new URL(url).hostname;
  try {
    await resolveOutbound(host, 'http');
  } catch (err) {
    if (err instanceof OutboundRefused && !/does not resolve/.test(err.message))
      throw new DomainError(code, 'a webhook must reach a public address', {
        field,
      });
  }
}

const TIMEOUT_MS = 10_000;

// Retried with the queue's back-off (2^n seconds): 16 attempts span about a day.
export const webhookDelivery = defineJob({
  name: 'automation.webhook',
  payload: z.object({
    runId: z.uuid(),
    ruleId: z.uuid(),
    index: z.number().int().min(0),
    url: z.string(),
    body: z.string(),
  }),
  maxAttempts: 16,
  async run() {
    // Delivered by perform (an HTTP exchange, outside any transaction).
  },
  async perform(db, workspaceId, p) {
    const secret = await inSystemWorkspace(db, workspaceId, async (ctx) => {
      const [rule] = await ctx.tx
        .select({ secret: automationRules.webhookSecret })
        .from(automationRules)
        .where(and(eq(automationRules.workspaceId, workspaceId), eq(automationRules.id, p.ruleId)));
      return rule ? sealer().open(rule.secret) : null;
    });
    if (!secret) throw new PermanentJobError('the rule is gone');
    const sent = await postSigned(p.url, secret, p.body);
    const outcome = {
      ok: sent.ok,
      detail: sent.statusCode ? `HTTP ${sent.statusCode}` : sent.response,
    };
    await logDelivery(db, workspaceId, p, outcome);
    if (sent.refused) throw new PermanentJobError(outcome.detail);
    if (!outcome.ok) throw new Error(`webhook answered ${outcome.detail}`);
  },
});

export type Posted = {
  ok: boolean;
  statusCode: number | null;
  durationMs: number;
  // The first bytes of the answer, or what went wrong (refused, timed out, connection reset).
  response: string;
  refused: boolean;
};

const SNIPPET = 500;

// The first bytes of an answer's body; the rest is not read.
async function snippet(body: ReadableStream<Uint8Array> | null): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < SNIPPET * 4) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.length;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, SNIPPET);
}

// One signed POST through the SSRF-guarded client: never throws for the receiver's sake.
export async function postSigned(
  url: string,
  secret: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<Posted> {
  const started = performance.now();
  const took = () => Math.round(performance.now() - started);
  try {
    const res = await outboundFetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Voronka-Webhooks/1',
        ...headers,
        'voronka-signature': signature(secret, body, Math.floor(Date.now() / 1000)),
      },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const response = await snippet(res.body as ReadableStream<Uint8Array> | null);
    return { ok: res.ok, statusCode: res.status, durationMs: took(), response, refused: false };
  } catch (err) {
    const refused =
      (err as Error).cause instanceof OutboundRefused || err instanceof OutboundRefused;
    return {
      ok: false,
      statusCode: null,
      durationMs: took(),
      response: refused
        ? 'refused: private address'
        : String((err as Error).message ?? err).slice(0, 200),
      refused,
    };
  }
}

// The delivery's last outcome, on the run's action entry (the rule's log shows it).
async function logDelivery(
  db: Db,
  workspaceId: string,
  p: { runId: string; index: number },
  outcome: { ok: boolean; detail: string },
) {
  await inSystemWorkspace(db, workspaceId, (ctx) =>
    ctx.tx
      .update(automationRuns)
      .set({
        actions: sql`jsonb_set(${automationRuns.actions}, ${`{${p.index}}`}::text[], ${JSON.stringify({ kind: 'webhook', ...outcome })}::jsonb)`,
      })
      .where(and(eq(automationRuns.workspaceId, workspaceId), eq(automationRuns.id, p.runId))),
  );
}
