import type {
  CalcValues,
  Calculator,
  CalculatorCreateBody,
  CalculatorDefinitionInput,
  Estimate,
} from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api } from '../../lib/api';
import type { MutationEvents } from '../../lib/mutation';

const key = ['calculators'] as const;

export function useCalculators() {
  return useQuery({
    queryKey: key,
    queryFn: () => api.get('/calculators'),
    select: (r) => r.items,
  });
}

export function useCalculator(id: string | undefined) {
  return useQuery({
    queryKey: [...key, id],
    queryFn: () => api.get('/calculators/:id', { params: { id: id! } }),
    enabled: Boolean(id),
  });
}

// Create a calculator, or save its draft (a published version is never changed by this).
export function useSaveCalculator(id: string | undefined, on: MutationEvents<Calculator> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CalculatorCreateBody) =>
      id ? api.patch('/calculators/:id', body, { params: { id } }) : api.post('/calculators', body),
    meta: { inlineErrors: true },
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: key });
      on.onSuccess?.(saved);
    },
    onError: on.onError,
  });
}

export function usePublishCalculator() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post('/calculators/:id/publish', undefined, { params: { id } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: key }),
  });
}

export function useDeleteCalculator() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/calculators/:id', { params: { id } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: key }),
  });
}

// The live preview: the unsaved definition evaluated by the server (the number the widget and the
// deal will get), a moment after the last change.
export function usePreview(definition: CalculatorDefinitionInput, values: CalcValues) {
  const body = JSON.stringify({ definition, values });
  const [debounced, setDebounced] = useState(body);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(body), 300);
    return () => clearTimeout(t);
  }, [body]);
  return useQuery<Estimate>({
    queryKey: [...key, 'preview', debounced],
    queryFn: () => api.post('/calculators/preview', JSON.parse(debounced) as never),
    retry: false,
    placeholderData: (prev) => prev,
  });
}

// Products to bind inputs to (active ones, first 200).
export function useProductChoices() {
  return useQuery({
    queryKey: ['products', 'choices'],
    queryFn: () => api.get('/products', { query: { limit: 200, active: 'true' } }),
    select: (r) => r.items.map((p) => ({ value: p.id, label: p.name })),
  });
}

export function useFormChoices() {
  return useQuery({
    queryKey: ['forms', 'choices'],
    queryFn: () => api.get('/forms'),
    select: (r) => r.items.map((f) => ({ value: f.id, label: f.name })),
  });
}
