import type { CustomEntity, SavedView, SavedViewCreateBody } from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

export const viewsKey = (entity: CustomEntity) => ['views', entity] as const;

export function useViews(entity: CustomEntity) {
  return useQuery({
    queryKey: viewsKey(entity),
    queryFn: () => api.get<{ items: SavedView[] }>('/views', { entity }),
    select: (r) => r.items,
  });
}

export function useSaveView(entity: CustomEntity) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: SavedViewCreateBody) => api.post<SavedView>('/views', body),
    meta: { inlineErrors: true },
    onSettled: () => qc.invalidateQueries({ queryKey: viewsKey(entity) }),
  });
}

export function useDeleteView(entity: CustomEntity) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/views/${id}`),
    onSettled: () => qc.invalidateQueries({ queryKey: viewsKey(entity) }),
  });
}

// A view stores only the filters that are set: empty strings are "any".
export function compactQuery(query: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== ''));
}
