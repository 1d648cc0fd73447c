import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Automation } from '@voronka/contract';
import { api, type BodyOf } from '../../lib/api';
import type { MutationEvents } from '../../lib/mutation';

const automationsKey = ['automations'] as const;

export const useAutomations = () =>
  useQuery({
    queryKey: automationsKey,
    queryFn: () => api.get('/automations'),
    select: (r) => r.items,
  });

// The pipelines with their stages, for the trigger and "move to" pickers (same cache as the board).
export const usePipelineStages = () =>
  useQuery({
    queryKey: ['pipelines'],
    queryFn: () => api.get('/pipelines'),
    select: (r) => r.items,
  });

export function useSaveAutomation(id: string | null, on: MutationEvents<Automation> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'POST', '/automations'>) =>
      id ? api.patch('/automations/:id', body, { params: { id } }) : api.post('/automations', body),
    meta: { inlineErrors: true },
    onSuccess: (saved) => {
      on.onSuccess?.(saved);
      void qc.invalidateQueries({ queryKey: automationsKey });
    },
    onError: on.onError,
  });
}

export function useToggleAutomation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, enabled }: { id: string; enabled: boolean }) =>
      api.patch('/automations/:id', { enabled }, { params: { id } }),
    onSettled: () => qc.invalidateQueries({ queryKey: automationsKey }),
  });
}

export function useDeleteAutomation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/automations/:id', { params: { id } }),
    onSettled: () => qc.invalidateQueries({ queryKey: automationsKey }),
  });
}

export const useAutomationRuns = (id: string, cursor: string | undefined) =>
  useQuery({
    queryKey: ['automation-runs', id, cursor ?? ''],
    queryFn: () =>
      api.get('/automations/:id/runs', { params: { id }, query: { limit: 50, cursor } }),
    placeholderData: keepPreviousData,
  });

// The automation buttons of a deal's card, and pressing one (a run of its rule for the deal).
export const useDealButtons = (dealId: string, enabled = true) =>
  useQuery({
    queryKey: ['automation-buttons', dealId],
    queryFn: () => api.get('/deals/:id/automation-buttons', { params: { id: dealId } }),
    select: (r) => r.items,
    enabled,
  });

export function usePressButton(dealId: string, on: MutationEvents<unknown> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (automationId: string) =>
      api.post('/automations/:id/run', { dealId }, { params: { id: automationId } }),
    onSuccess: (r) => {
      on.onSuccess?.(r);
      void qc.invalidateQueries({ queryKey: ['timeline'] });
      void qc.invalidateQueries({ queryKey: ['tasks'] });
    },
    onError: on.onError,
  });
}

// The secret URL of a rule's incoming webhook (null until it has that trigger).
export const useAutomationHook = (id: string | null) =>
  useQuery({
    queryKey: ['automation-hook', id],
    queryFn: () => api.get('/automations/:id/hook', { params: { id: id! } }),
    enabled: Boolean(id),
  });
