import type {
  TelegramLink,
  Availability,
  AvailabilityBody,
  BusinessHours,
  BusinessHoursBody,
  DryRunResult,
  PriorityWeightsBody,
  PriorityWeightsView,
  RoutingRule,
  RoutingRuleCreateBody,
  RoutingRuleUpdateBody,
  SampleRequest,
  SlaPolicy,
  SlaPolicyCreateBody,
  SlaPolicyUpdateBody,
} from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const rulesKey = ['routing-rules'] as const;
export const slaKey = ['sla-policies'] as const;
export const businessHoursKey = ['business-hours'] as const;
export const weightsKey = ['priority-weights'] as const;
export const availabilityKey = ['availability'] as const;

const byPosition = <T extends { position: number }>(items: T[]) =>
  [...items].sort((a, b) => a.position - b.position);

export function useRoutingRules() {
  return useQuery({
    queryKey: rulesKey,
    queryFn: () => api.get<{ items: RoutingRule[] }>('/routing-rules'),
    select: (r) => byPosition(r.items),
  });
}

export function useRuleMutations() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: rulesKey });
  return {
    // The editor shows errors on its fields.
    save: useMutation({
      mutationFn: ({
        id,
        body,
      }: {
        id: string | null;
        body: RoutingRuleCreateBody | RoutingRuleUpdateBody;
      }) =>
        id
          ? api.patch<RoutingRule>(`/routing-rules/${id}`, body)
          : api.post<RoutingRule>('/routing-rules', body),
      meta: { inlineErrors: true },
      onSettled: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: RoutingRuleUpdateBody }) =>
        api.patch<RoutingRule>(`/routing-rules/${id}`, body),
      onSettled: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api.delete(`/routing-rules/${id}`),
      onSettled: refresh,
    }),
  };
}

// The whole rule set, or one rule alone when ruleId is given.
export function useDryRun() {
  return useMutation({
    mutationFn: ({ ruleId, sample }: { ruleId: string | null; sample: SampleRequest }) =>
      api.post<DryRunResult>(
        ruleId ? `/routing-rules/${ruleId}/dry-run` : '/routing-rules/dry-run',
        sample,
      ),
    meta: { inlineErrors: true },
  });
}

export function useSlaPolicies() {
  return useQuery({
    queryKey: slaKey,
    queryFn: () => api.get<{ items: SlaPolicy[] }>('/sla-policies'),
    select: (r) => byPosition(r.items),
  });
}

export function useSlaMutations() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: slaKey });
  return {
    save: useMutation({
      mutationFn: ({
        id,
        body,
      }: {
        id: string | null;
        body: SlaPolicyCreateBody | SlaPolicyUpdateBody;
      }) =>
        id
          ? api.patch<SlaPolicy>(`/sla-policies/${id}`, body)
          : api.post<SlaPolicy>('/sla-policies', body),
      meta: { inlineErrors: true },
      onSettled: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: SlaPolicyUpdateBody }) =>
        api.patch<SlaPolicy>(`/sla-policies/${id}`, body),
      onSettled: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api.delete(`/sla-policies/${id}`),
      onSettled: refresh,
    }),
  };
}

export function useBusinessHours() {
  return useQuery({
    queryKey: businessHoursKey,
    queryFn: () => api.get<BusinessHours>('/business-hours'),
  });
}

export function useSaveBusinessHours() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BusinessHoursBody) => api.put<BusinessHours>('/business-hours', body),
    meta: { inlineErrors: true },
    onSuccess: (saved) => qc.setQueryData(businessHoursKey, saved),
  });
}

export function usePriorityWeights(enabled = true) {
  return useQuery({
    enabled,
    queryKey: weightsKey,
    queryFn: () => api.get<PriorityWeightsView>('/priority-weights'),
  });
}

export function useWeightMutations() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: weightsKey });
  return {
    save: useMutation({
      mutationFn: (body: PriorityWeightsBody) =>
        api.put<PriorityWeightsView>('/priority-weights', body),
      meta: { inlineErrors: true },
      onSettled: refresh,
    }),
    // The answer's shape is the server's business: the view is read again either way.
    refit: useMutation({
      mutationFn: () => api.post<unknown>('/priority-weights/refit'),
      meta: { inlineErrors: true },
      onSettled: refresh,
    }),
  };
}

export function useAvailabilityList(enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: availabilityKey,
    queryFn: () => api.get<{ items: Availability[] } | Availability[]>('/availability'),
    select: (r) => (Array.isArray(r) ? r : r.items),
  });
}

export function useAvailability(memberId: string) {
  return useQuery({
    queryKey: [...availabilityKey, memberId],
    queryFn: () => api.get<Availability>(`/availability/${memberId}`),
  });
}

export function useSaveAvailability(memberId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AvailabilityBody) =>
      api.put<Availability>(`/availability/${memberId}`, body),
    meta: { inlineErrors: true },
    onSuccess: (saved) => qc.setQueryData([...availabilityKey, memberId], saved),
    onSettled: () => qc.invalidateQueries({ queryKey: availabilityKey, exact: true }),
  });
}

// Linking one's Telegram for routing notices: a one-time code for the workspace's bot; unlinking.
export function useTelegramLink(memberId: string) {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: [...availabilityKey, memberId] });
  return {
    link: useMutation({
      mutationFn: (channelId: string) =>
        api.post<TelegramLink>(`/availability/${memberId}/telegram`, { channelId }),
      meta: { inlineErrors: true },
    }),
    unlink: useMutation({
      mutationFn: () => api.delete(`/availability/${memberId}/telegram`),
      meta: { inlineErrors: true },
      onSuccess: refresh,
    }),
    refresh,
  };
}
