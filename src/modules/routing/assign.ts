import { DomainError } from '../../platform/errors.js';
import type { Ctx } from '../../platform/context.js';
import { applyEffects } from './apply.js';
import { eligibility } from './availability.js';
import { reasonOf } from './decide.js';
import { lockRoutedLead } from './lead-state.js';
import { loadWorld, poolOf } from './world.js';

// Assignment asked for by another module (automation's "assign" action), judged and recorded the
// way routing does its own: who may take work now (working hours, vacation, away, capacity), the
// least loaded of a team, and for a request the assignment with its reason, on the timeline and in
// the audit log, the response deadline carried over while it is unanswered.

export type Chosen = { memberId: string; code: 'named' | 'least_load' };

export async function chooseAssignee(
  ctx: Ctx,
  to: string,
  teamId: string | null,
  at = new Date(),
): Promise<Chosen> {
  const world = await loadWorld(ctx);
  if (to !== 'least_loaded') {
    const named = world.members.find((m) => m.id === to && m.status === 'active');
    if (!named) throw new DomainError('user.not_found', 'the member is not active here');
    return { memberId: named.id, code: 'named' };
  }
  const calendar = world.settings.productionCalendar;
  const load = (id: string) => world.states.get(id)?.openLoad ?? 0;
  const [best] = poolOf(world, teamId)
    .filter((m) => {
      const s = world.states.get(m.id);
      return s && eligibility(s, at, { productionCalendar: calendar }) === null;
    })
    .sort((a, b) => load(a.id) - load(b.id) || a.id.localeCompare(b.id));
  if (!best)
    throw new DomainError(
      'request.invalid',
      'no one can take it now (working hours, vacation, away or at capacity)',
    );
  return { memberId: best.id, code: 'least_load' };
}

// The request given to the member chosen, with `why` (e.g. the rule's name) in the reason.
export async function assignLeadTo(
  ctx: Ctx,
  leadId: string,
  chosen: Chosen,
  why: string,
): Promise<void> {
  const lead = await lockRoutedLead(ctx, leadId);
  if (!lead) throw new DomainError('lead.not_found', 'lead not found');
  if (lead.assigneeId === chosen.memberId) return;
  const world = await loadWorld(ctx);
  const dueAt = lead.firstRespondedAt ? null : lead.firstResponseDueAt;
  await applyEffects(ctx, leadId, { lead, world }, [
    { do: 'end-assignment' },
    { do: 'write', set: { assigneeId: chosen.memberId, queueTeamId: null } },
    {
      do: 'start-assignment',
      memberId: chosen.memberId,
      teamId: null,
      reason: reasonOf('automation', null, { by: why.slice(0, 200), pick: chosen.code }),
      dueAt,
    },
  ]);
}
