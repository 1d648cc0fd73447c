import type { CustomEntity, SavedViewCreateBody, ViewQuery } from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const viewsKey = (entity: CustomEntity) => ['views', entity] as const;

export function useViews(entity: CustomEntity) {
  return useQuery({
    queryKey: viewsKey(entity),
    queryFn: () => api.get('/views', { query: { entity } }),
    select: (r) => r.items,
  });
}

export function useSaveView(entity: CustomEntity) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SavedViewCreateBody) => api.post('/views', body),
    meta: { inlineErrors: true },
    onSettled: () => qc.invalidateQueries({ queryKey: viewsKey(entity) }),
  });
}

export function useDeleteView(entity: CustomEntity) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/views/:id', { params: { id } }),
    onSettled: () => qc.invalidateQueries({ queryKey: viewsKey(entity) }),
  });
}

// A view stores only the filters that are set: empty strings and empty lists are "any".
export function compactQuery(query: ViewQuery): ViewQuery {
  return Object.fromEntries(
    Object.entries(query).filter(([, v]) => v !== '' && !(Array.isArray(v) && v.length === 0)),
  );
}

// A stored view's values as the strings a plain filter form holds (lists joined by commas).
export function queryStrings(query: ViewQuery): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : String(v)]),
  );
}

// The same filters (in any order), ignoring the ones that are not set.
export function sameQuery(a: ViewQuery, b: ViewQuery): boolean {
  const key = (q: ViewQuery) =>
    JSON.stringify(Object.entries(compactQuery(q)).sort(([x], [y]) => x.localeCompare(y)));
  return key(a) === key(b);
}
