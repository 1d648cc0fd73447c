import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

export function useGlobalSearch(q: string) {
  const text = q.trim();
  return useQuery({
    queryKey: ['search', text],
    queryFn: () => api.get('/search', { query: { q: text, limit: 5 } }),
    enabled: text.length > 0,
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });
}

// Where a hit opens: each record's own page.
export const hitPath = (type: string, id: string) => `/${type}/${id}`;
