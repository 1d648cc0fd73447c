import type {
  AssignmentReason,
  IneligibleReason,
  LeadChannel,
  RoutingStrategy,
} from '@voronka/contract';
import type { TFunction } from 'i18next';

// The channels a rule or policy can name (manual and import are ways in, not channels clients use,
// but a rule may still want them).
export const routingChannels: readonly LeadChannel[] = [
  'web',
  'email',
  'telegram',
  'vk',
  'whatsapp',
  'phone',
  'manual',
  'import',
  'booking',
];
export const strategies: readonly RoutingStrategy[] = [
  'round_robin',
  'least_load',
  'named',
  'client_owner',
];

export const channelLabel = (t: TFunction, c: string) =>
  t(`leads.channels.${c}`, { defaultValue: c });
export const strategyLabel = (t: TFunction, s: RoutingStrategy) =>
  t(`routingSettings.strategies.${s}`);
export const ineligibleLabel = (t: TFunction, r: IneligibleReason) =>
  t(`routingSettings.ineligible.${r}`, { defaultValue: r });
export const conditionLabel = (t: TFunction, c: string) =>
  t(`routingSettings.conditions.${c}`, { defaultValue: c });

// Why a request went where it went, in words; the code's parameters fill the text. A fallback
// says what really happened: a new client has no manager yet (not "the manager is unavailable"),
// the named or owning manager could not take it (who, and why), and how the team's one was chosen
// (a named rule falls back to the least loaded, a client-owner rule to round robin).
export function assignmentReasonText(t: TFunction, reason: AssignmentReason): string {
  const detail = Object.fromEntries(
    Object.entries(reason.detail ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]),
  );
  const vars = {
    ...detail,
    why: detail.why ? ineligibleLabel(t, detail.why as IneligibleReason) : '',
    rule: reason.ruleName ?? '—',
    strategy: reason.strategy ? strategyLabel(t, reason.strategy) : '—',
  };
  return t(`routingSettings.reasons.${reasonKey(reason)}`, { ...vars, defaultValue: reason.code });
}

function reasonKey(reason: AssignmentReason): string {
  if (reason.code !== 'fallback_team') return reason.code;
  const why = reason.detail?.why;
  const who = reason.detail?.unavailable;
  if (reason.strategy === 'client_owner')
    return why === 'unknown_client' || !who ? 'fallbackNewClient' : 'fallbackOwnerUnavailable';
  if (reason.strategy === 'named') return who ? 'fallbackNamedUnavailable' : 'fallbackNamedGone';
  return 'fallback_team';
}
