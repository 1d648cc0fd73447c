import type {
  AutomationButton,
  AutomationHookAccepted,
  AutomationRunStarted,
} from '@voronka/contract';
import { z } from 'zod';
import { inSystemWorkspace, type Ctx } from '../../platform/context.js';
import type { Db } from '../../platform/db/types.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as forms from '../forms/service.js';
import * as pipeline from '../pipeline/service.js';
import { activeRules, enabledRule, findHookRule } from './automations.js';
import type { EventFacts } from './conditions.js';
import { fire } from './engine.js';

// Triggers a person or another system pulls: a button on the deal card, and a rule's incoming
// webhook (its secret URL).

// The buttons of a deal: rules with a button trigger for the deal's pipeline (or every pipeline).
export async function dealButtons(
  ctx: Ctx,
  dealId: string,
): Promise<{ items: AutomationButton[] }> {
  const deal = await pipeline.getDeal(ctx, dealId);
  const items = (await activeRules(ctx, 'button')).flatMap((r) => {
    const t = r.definition.trigger;
    return t.kind === 'button' && (!t.pipelineId || t.pipelineId === deal.pipelineId)
      ? [{ automationId: r.id, label: t.label }]
      : [];
  });
  return { items: items.sort((a, b) => a.label.localeCompare(b.label, 'ru')) };
}

// A button pressed on a deal the member sees: a run of the rule for that deal (each press its own,
// within the rule's loop limits and "once" switch).
export async function pressButton(
  ctx: Ctx,
  id: string,
  dealId: string,
): Promise<AutomationRunStarted> {
  const rule = await enabledRule(ctx, id);
  const t = rule?.definition.trigger;
  if (!rule || t?.kind !== 'button')
    throw new DomainError(
      'automation.not_found',
      'no such button: the rule is off or not a button',
    );
  const deal = await pipeline.getDeal(ctx, dealId);
  if (t.pipelineId && t.pipelineId !== deal.pipelineId)
    throw new DomainError('automation.invalid', 'the button is not one of this deal’s pipeline', {
      field: 'dealId',
    });
  const run = await fire(ctx, rule, {
    key: `button:${newId()}`,
    trigger: 'button',
    entity: 'deal',
    recordId: deal.id,
    dealId: deal.id,
  });
  if (!run)
    throw new DomainError('automation.already_ran', 'the rule already ran once on this deal');
  return { runId: run.id, status: run.status as AutomationRunStarted['status'] };
}

// What an incoming webhook may carry: any JSON object; `id` (the sender's event id) makes a
// repeated delivery one run, `dealId` names the deal to act on, and the other top-level values
// that are strings, numbers or booleans become `event.<key>` for conditions and texts.
export const HookBody = z.looseObject({
  id: z.string().trim().min(1).max(200).optional(),
  dealId: z.uuid().optional(),
});
const MAX_FIELDS = 50;

function eventFacts(body: Record<string, unknown>): EventFacts {
  const out: EventFacts = {};
  for (const [k, v] of Object.entries(body)) {
    if (Object.keys(out).length >= MAX_FIELDS) break;
    if (!/^[a-zA-Z][a-zA-Z0-9_]{0,62}$/.test(k)) continue;
    if (typeof v === 'string') out[k] = v.slice(0, 2000);
    else if (typeof v === 'number' || typeof v === 'boolean' || v === null) out[k] = v;
  }
  return out;
}

const HOOKS_PER_MINUTE_PER_IP = 60;
const HOOKS_PER_MINUTE = 600;
const ANY_IP = '*';

export async function acceptHook(
  db: Db,
  key: string,
  ip: string,
  body: z.infer<typeof HookBody>,
): Promise<AutomationHookAccepted> {
  const found = await findHookRule(db, key);
  if (!found) throw new DomainError('automation.not_found', 'no such webhook');
  for (const [who, perMinute] of [
    [ip, HOOKS_PER_MINUTE_PER_IP],
    [ANY_IP, HOOKS_PER_MINUTE],
  ] as const) {
    const counted = await forms.countSubmission(
      db,
      { workspaceId: found.workspaceId, id: found.id, rateLimitPerMinute: perMinute },
      who,
    );
    if (!counted.allowed)
      throw new DomainError(
        'request.rate_limited',
        `too many calls: at most ${perMinute} a minute`,
        {
          retryAfter: counted.retryAfter,
        },
      );
  }
  return inSystemWorkspace(
    db,
    found.workspaceId,
    async (ctx) => {
      const rule = await enabledRule(ctx, found.id);
      if (!rule || rule.definition.trigger.kind !== 'webhook.incoming')
        return { accepted: false, runId: null };
      if (body.dealId) {
        const exists = await pipeline.getDeal(ctx, body.dealId).catch((err: unknown) => {
          if (err instanceof DomainError && err.code === 'deal.not_found') return null;
          throw err;
        });
        if (!exists)
          throw new DomainError('automation.invalid', 'no such deal in this workspace', {
            field: 'dealId',
          });
      }
      const run = await fire(ctx, rule, {
        key: `hook:${body.id ?? newId()}`,
        trigger: 'webhook.incoming',
        entity: body.dealId ? 'deal' : 'webhook',
        recordId: body.dealId ?? null,
        dealId: body.dealId ?? null,
        event: eventFacts(body),
      });
      return { accepted: true, runId: run?.id ?? null };
    },
    { ip },
  );
}
