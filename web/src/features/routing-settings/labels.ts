import type { AssignmentReason, IneligibleReason, LeadChannel, RoutingStrategy } from '@voronka/contract';
import type { TFunction } from 'i18next';

// The channels a rule or policy can name (manual and import are ways in, not channels clients use,
// but a rule may still want them).
export const routingChannels: readonly LeadChannel[] = ['web', 'email', 'telegram', 'vk', 'whatsapp', 'phone', 'manual', 'import'];
export const strategies: readonly RoutingStrategy[] = ['round_robin', 'least_load', 'named', 'client_owner'];

export const channelLabel = (t: TFunction, c: string) => t(`leads.channels.${c}`, { defaultValue: c });
export const strategyLabel = (t: TFunction, s: RoutingStrategy) => t(`routingSettings.strategies.${s}`);
export const ineligibleLabel = (t: TFunction, r: IneligibleReason) => t(`routingSettings.ineligible.${r}`, { defaultValue: r });
export const conditionLabel = (t: TFunction, c: string) => t(`routingSettings.conditions.${c}`, { defaultValue: c });

// Why a request went where it went, in words; the code's parameters fill the text.
export function assignmentReasonText(t: TFunction, reason: AssignmentReason): string {
  const detail = Object.fromEntries(Object.entries(reason.detail ?? {}).map(([k, v]) => [k, v === null ? '' : String(v)]));
  const text = t(`routingSettings.reasons.${reason.code}`, {
    ...detail,
    rule: reason.ruleName ?? '—',
    strategy: reason.strategy ? strategyLabel(t, reason.strategy) : '—',
    defaultValue: reason.code,
  });
  return text;
}
