import type {
  Lead,
  LeadConvertBody,
  LeadConverted,
  LeadCreateBody,
  LeadCreated,
  LeadUpdateBody,
  Page,
} from '@voronka/contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request } from '../../lib/api';

// Besides its own filters, `custom.<key>` ones for the leads' custom fields.
export type LeadFilters = { status: string; channel: string; assigneeId: string; q: string } & {
  [param: `custom.${string}`]: string;
};
export const emptyLeadFilters: LeadFilters = { status: '', channel: '', assigneeId: '', q: '' };

export const leadsKey = ['leads'] as const;

export function useLeads(filters: LeadFilters) {
  return useInfiniteQuery({
    queryKey: [...leadsKey, 'list', filters],
    queryFn: ({ pageParam }) =>
      // The filters as plain query parameters (the typed map's form takes `{ query }`).
      request<Page<Lead>>('GET', '/leads', undefined, {
        limit: 50,
        cursor: pageParam,
        ...filters,
        q: filters.q.trim(),
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useNewLeadCount() {
  return useQuery({
    queryKey: [...leadsKey, 'counts'],
    queryFn: () => api.get<{ new: number }>('/leads/counts'),
    refetchInterval: 60_000,
  });
}

export function useLead(id: string | null) {
  return useQuery({
    enabled: Boolean(id),
    queryKey: [...leadsKey, 'one', id],
    queryFn: () => api.get<Lead>(`/leads/${id}`),
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
  useLeadMutation((body: LeadCreateBody) => api.post<LeadCreated>('/leads', body));
export const useUpdateLead = (id: string) =>
  useLeadMutation((body: LeadUpdateBody) => api.patch<Lead>(`/leads/${id}`, body));
export const useConvertLead = (id: string) =>
  useLeadMutation((body: LeadConvertBody) => api.post<LeadConverted>(`/leads/${id}/convert`, body));
export const useDeleteLead = () => useLeadMutation((id: string) => api.delete(`/leads/${id}`));
