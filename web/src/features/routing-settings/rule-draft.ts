import type {
  LeadChannel,
  RoutingConditions,
  RoutingRule,
  RoutingRuleCreateBody,
  RoutingStrategy,
} from '@voronka/contract';

// The editor's state: every condition as a list (empty = no condition), min priority as typed.
export type RuleDraft = {
  name: string;
  enabled: boolean;
  strategy: RoutingStrategy;
  teamId: string | null;
  memberId: string | null;
  channels: LeadChannel[];
  formIds: string[];
  sources: string[];
  utmSource: string[];
  utmMedium: string[];
  utmCampaign: string[];
  countries: string[];
  timeZones: string[];
  languages: ('ru' | 'en')[];
  mentions: string[];
  tags: string[];
  minPriority: number | '';
};

export const listConditions = [
  'channels',
  'formIds',
  'sources',
  'utmSource',
  'utmMedium',
  'utmCampaign',
  'countries',
  'timeZones',
  'languages',
  'mentions',
  'tags',
] as const;
type ListCondition = (typeof listConditions)[number];

export function draftFromRule(rule: RoutingRule | null): RuleDraft {
  const c: RoutingConditions = rule?.conditions ?? {};
  return {
    name: rule?.name ?? '',
    enabled: rule?.enabled ?? true,
    strategy: rule?.strategy ?? 'round_robin',
    teamId: rule?.teamId ?? null,
    memberId: rule?.memberId ?? null,
    channels: c.channels ?? [],
    formIds: c.formIds ?? [],
    sources: c.sources ?? [],
    utmSource: c.utmSource ?? [],
    utmMedium: c.utmMedium ?? [],
    utmCampaign: c.utmCampaign ?? [],
    countries: c.countries ?? [],
    timeZones: c.timeZones ?? [],
    languages: c.languages ?? [],
    mentions: c.mentions ?? [],
    tags: c.tags ?? [],
    minPriority: c.minPriority ?? '',
  };
}

// Only the conditions given are sent; a member is sent only for the strategy that uses one.
export function bodyFromDraft(d: RuleDraft): RoutingRuleCreateBody {
  const conditions: RoutingConditions = {};
  for (const key of listConditions) {
    const values = (d[key] as string[]).map((v) => v.trim()).filter(Boolean);
    if (values.length)
      (conditions as Record<ListCondition, string[]>)[key] =
        key === 'countries' ? values.map((v) => v.toUpperCase()) : values;
  }
  if (d.minPriority !== '') conditions.minPriority = d.minPriority;
  return {
    name: d.name.trim(),
    enabled: d.enabled,
    strategy: d.strategy,
    conditions,
    teamId: d.teamId,
    memberId: d.strategy === 'named' ? d.memberId : null,
  };
}
