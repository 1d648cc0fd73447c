import type { ContactCreateBody, ContactUpdateBody, MergeBody } from '@voronka/contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export type ContactFilters = {
  q: string;
  phone: string;
  email: string;
  tag: string;
  ownerId: string;
  companyId: string;
  sort: 'name' | 'updatedAt' | 'createdAt';
  order: 'asc' | 'desc';
};
export const emptyContactFilters: ContactFilters = {
  q: '',
  phone: '',
  email: '',
  tag: '',
  ownerId: '',
  companyId: '',
  sort: 'updatedAt',
  order: 'desc',
};

export const contactsKey = ['contacts'] as const;

export function useContacts(filters: ContactFilters, enabled = true) {
  return useInfiniteQuery({
    enabled,
    queryKey: [...contactsKey, 'list', filters],
    queryFn: ({ pageParam }) =>
      api.get('/contacts', {
        query: {
          limit: 50,
          cursor: pageParam,
          ...filters,
          q: filters.q.trim(),
          phone: filters.phone.trim(),
        },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useContact(id: string | null) {
  return useQuery({
    enabled: Boolean(id),
    queryKey: [...contactsKey, 'one', id],
    queryFn: () => api.get('/contacts/:id', { params: { id: id! } }),
  });
}

function useContactMutation<B, R>(fn: (body: B) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { inlineErrors: true },
    onSettled: () => qc.invalidateQueries({ queryKey: contactsKey }),
  });
}

export const useCreateContact = () =>
  useContactMutation((body: ContactCreateBody) => api.post('/contacts', body));
export const useUpdateContact = (id: string) =>
  useContactMutation((body: ContactUpdateBody) =>
    api.patch('/contacts/:id', body, { params: { id } }),
  );
export const useDeleteContact = () =>
  useContactMutation((id: string) => api.delete('/contacts/:id', { params: { id } }));
export const useMergeContacts = (id: string) =>
  useContactMutation((body: MergeBody) =>
    api.post('/contacts/:id/merge', body, { params: { id } }),
  );
