import type {
  AvailabilityBody,
  BusinessHoursBody,
  PriorityWeightsBody,
  RoutingRuleCreateBody,
  RoutingRuleUpdateBody,
  SampleRequest,
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
    queryFn: () => api.get('/routing-rules'),
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
          ? api.patch('/routing-rules/:id', body as RoutingRuleUpdateBody, { params: { id } })
          : api.post('/routing-rules', body as RoutingRuleCreateBody),
      meta: { inlineErrors: true },
      onSettled: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: RoutingRuleUpdateBody }) =>
        api.patch('/routing-rules/:id', body, { params: { id } }),
      onSettled: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api.delete('/routing-rules/:id', { params: { id } }),
      onSettled: refresh,
    }),
  };
}

// The whole rule set, or one rule alone when ruleId is given.
export function useDryRun() {
  return useMutation({
    mutationFn: ({ ruleId, sample }: { ruleId: string | null; sample: SampleRequest }) =>
      ruleId
        ? api.post('/routing-rules/:id/dry-run', sample, { params: { id: ruleId } })
        : api.post('/routing-rules/dry-run', sample),
    meta: { inlineErrors: true },
  });
}

export function useSlaPolicies() {
  return useQuery({
    queryKey: slaKey,
    queryFn: () => api.get('/sla-policies'),
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
          ? api.patch('/sla-policies/:id', body as SlaPolicyUpdateBody, { params: { id } })
          : api.post('/sla-policies', body as SlaPolicyCreateBody),
      meta: { inlineErrors: true },
      onSettled: refresh,
    }),
    update: useMutation({
      mutationFn: ({ id, body }: { id: string; body: SlaPolicyUpdateBody }) =>
        api.patch('/sla-policies/:id', body, { params: { id } }),
      onSettled: refresh,
    }),
    remove: useMutation({
      mutationFn: (id: string) => api.delete('/sla-policies/:id', { params: { id } }),
      onSettled: refresh,
    }),
  };
}

export function useBusinessHours() {
  return useQuery({
    queryKey: businessHoursKey,
    queryFn: () => api.get('/business-hours'),
  });
}

export function useSaveBusinessHours() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BusinessHoursBody) => api.put('/business-hours', body),
    meta: { inlineErrors: true },
    onSuccess: (saved) => qc.setQueryData(businessHoursKey, saved),
  });
}

export function usePriorityWeights(enabled = true) {
  return useQuery({
    enabled,
    queryKey: weightsKey,
    queryFn: () => api.get('/priority-weights'),
  });
}

export function useWeightMutations() {
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: weightsKey });
  return {
    save: useMutation({
      mutationFn: (body: PriorityWeightsBody) => api.put('/priority-weights', body),
      meta: { inlineErrors: true },
      onSettled: refresh,
    }),
    // The answer's shape is the server's business: the view is read again either way.
    refit: useMutation({
      mutationFn: () => api.post('/priority-weights/refit'),
      meta: { inlineErrors: true },
      onSettled: refresh,
    }),
  };
}

export function useAvailabilityList(enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: availabilityKey,
    queryFn: () => api.get('/availability'),
    select: (r) => (Array.isArray(r) ? r : r.items),
  });
}

export function useAvailability(memberId: string) {
  return useQuery({
    queryKey: [...availabilityKey, memberId],
    queryFn: () => api.get('/availability/:id', { params: { id: memberId } }),
  });
}

export function useSaveAvailability(memberId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AvailabilityBody) =>
      api.put('/availability/:id', body, { params: { id: memberId } }),
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
        api.post('/availability/:id/telegram', { channelId }, { params: { id: memberId } }),
      meta: { inlineErrors: true },
    }),
    unlink: useMutation({
      mutationFn: () => api.delete('/availability/:id/telegram', { params: { id: memberId } }),
      meta: { inlineErrors: true },
      onSuccess: refresh,
    }),
    refresh,
  };
}
