import type {
  LeadChannel,
  LeadStatus,
  LeadConvertBody,
  LeadCreateBody,
  LeadUpdateBody,
} from '@voronka/contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

// Besides its own filters, `custom.<key>` ones for the leads' custom fields.
export type LeadFilters = {
  status: LeadStatus | '';
  channel: LeadChannel | '';
  assigneeId: string;
  q: string;
} & {
  [param: `custom.${string}`]: string;
};
export const emptyLeadFilters: LeadFilters = { status: '', channel: '', assigneeId: '', q: '' };

export const leadsKey = ['leads'] as const;

export function useLeads(filters: LeadFilters) {
  return useInfiniteQuery({
    queryKey: [...leadsKey, 'list', filters],
    queryFn: ({ pageParam }) =>
      api.get('/leads', {
        query: { limit: 50, cursor: pageParam, ...filters, q: filters.q.trim() },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useNewLeadCount() {
  return useQuery({
    queryKey: [...leadsKey, 'counts'],
    queryFn: () => api.get('/leads/counts'),
    refetchInterval: 60_000,
  });
}

export function useLead(id: string | null) {
  return useQuery({
    enabled: Boolean(id),
    queryKey: [...leadsKey, 'one', id],
    queryFn: () => api.get('/leads/:id', { params: { id: id! } }),
  });
}

function useLeadMutation<B, R>(fn: (body: B) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { inlineErrors: true },
    onSettled: () => qc.invalidateQueries({ queryKey: leadsKey }),
  });
}

export const useCreateLead = () =>
  useLeadMutation((body: LeadCreateBody) => api.post('/leads', body));
export const useUpdateLead = (id: string) =>
  useLeadMutation((body: LeadUpdateBody) => api.patch('/leads/:id', body, { params: { id } }));
export const useConvertLead = (id: string) =>
  useLeadMutation((body: LeadConvertBody) =>
    api.post('/leads/:id/convert', body, { params: { id } }),
  );
export const useDeleteLead = () =>
  useLeadMutation((id: string) => api.delete('/leads/:id', { params: { id } }));
