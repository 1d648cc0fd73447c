import type { FormCreateBody, FormUpdateBody } from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const formsKey = ['forms'] as const;

export function useForms() {
  return useQuery({
    queryKey: formsKey,
    queryFn: () => api.get('/forms'),
    select: (r) => r.items,
  });
}

export function useForm(id: string | null) {
  return useQuery({
    queryKey: [...formsKey, id],
    queryFn: () => api.get('/forms/:id', { params: { id: id! } }),
    enabled: id !== null,
  });
}

export function useSaveForm(id: string | null) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: FormCreateBody | FormUpdateBody) =>
      id
        ? api.patch('/forms/:id', body as FormUpdateBody, { params: { id } })
        : api.post('/forms', body as FormCreateBody),
    meta: { inlineErrors: true },
    onSuccess: (form) => qc.setQueryData([...formsKey, form.id], form),
    onSettled: () => qc.invalidateQueries({ queryKey: formsKey }),
  });
}

export function useDeleteForm() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/forms/:id', { params: { id } }),
    onSettled: () => qc.invalidateQueries({ queryKey: formsKey }),
  });
}
