import type { CompanyCreateBody, CompanyUpdateBody, MergeBody } from '@voronka/contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export type CompanyFilters = {
  q: string;
  industry: string;
  tag: string;
  ownerId: string;
  sort: 'name' | 'updatedAt' | 'createdAt';
  order: 'asc' | 'desc';
};
export const emptyCompanyFilters: CompanyFilters = {
  q: '',
  industry: '',
  tag: '',
  ownerId: '',
  sort: 'updatedAt',
  order: 'desc',
};

export const companiesKey = ['companies'] as const;

export function useCompanies(filters: CompanyFilters) {
  return useInfiniteQuery({
    queryKey: [...companiesKey, 'list', filters],
    queryFn: ({ pageParam }) =>
      api.get('/companies', {
        query: {
          limit: 50,
          cursor: pageParam,
          ...filters,
          q: filters.q.trim(),
        },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCompany(id: string | null) {
  return useQuery({
    enabled: Boolean(id),
    queryKey: [...companiesKey, 'one', id],
    queryFn: () => api.get('/companies/:id', { params: { id: id! } }),
  });
}

function useCompanyMutation<B, R>(fn: (body: B) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { inlineErrors: true },
    onSettled: () => qc.invalidateQueries({ queryKey: companiesKey }),
  });
}

export const useCreateCompany = () =>
  useCompanyMutation((body: CompanyCreateBody) => api.post('/companies', body));
export const useUpdateCompany = (id: string) =>
  useCompanyMutation((body: CompanyUpdateBody) =>
    api.patch('/companies/:id', body, { params: { id } }),
  );
export const useDeleteCompany = () =>
  useCompanyMutation((id: string) => api.delete('/companies/:id', { params: { id } }));
export const useMergeCompanies = (id: string) =>
  useCompanyMutation((body: MergeBody) =>
    api.post('/companies/:id/merge', body, { params: { id } }),
  );
