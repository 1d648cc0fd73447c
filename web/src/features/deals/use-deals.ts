import type { Company, Contact, Deal, Page } from '@voronka/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const dealKey = (id: string) => ['deal', id] as const;

export function useDeal(id: string) {
  return useQuery({ queryKey: dealKey(id), queryFn: () => api.get<Deal>(`/deals/${id}`) });
}

// Pickers for the deal form: the first 50 matches of what the user typed.
export function useCompanyOptions(q: string) {
  return useQuery({
    queryKey: ['companies', 'options', q],
    queryFn: () => api.get<Page<Company>>('/companies', { limit: 50, q: q || undefined }),
    select: (p) => p.items.map((c) => ({ value: c.id, label: c.name })),
    retry: false,
  });
}

export function useContactOptions(q: string) {
  return useQuery({
    queryKey: ['contacts', 'options', q],
    queryFn: () => api.get<Page<Contact>>('/contacts', { limit: 50, q: q || undefined }),
    select: (p) => p.items.map((c) => ({ value: c.id, label: c.fullName })),
    retry: false,
  });
}
