import type { DunningPauseBody, DunningPolicyBody, DunningPreviewBody } from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

const key = ['dunning'] as const;

export const useDunningPolicies = () =>
  useQuery({ queryKey: [...key, 'policies'], queryFn: () => api.get('/dunning-policies') });

export function useSavePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: DunningPolicyBody }) =>
      id
        ? api.put('/dunning-policies/:id', body, { params: { id } })
        : api.post('/dunning-policies', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: key }),
  });
}

export const usePreviewStep = () =>
  useMutation({
    mutationFn: (body: DunningPreviewBody) => api.post('/dunning-policies/preview', body),
  });

export const useDunningState = (companyId: string) =>
  useQuery({
    queryKey: [...key, 'company', companyId],
    queryFn: () => api.get('/companies/:id/dunning-pause', { params: { id: companyId } }),
  });

export function usePauseDunning(companyId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: DunningPauseBody | null) => {
      if (body) await api.post('/companies/:id/dunning-pause', body, { params: { id: companyId } });
      else await api.delete('/companies/:id/dunning-pause', { params: { id: companyId } });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: [...key, 'company', companyId] }),
  });
}
