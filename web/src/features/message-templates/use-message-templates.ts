import type {
  Template,
  TemplateCreateBody,
  TemplateKind,
  TemplatePreview,
  TemplatePreviewBody,
} from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { MutationEvents } from '../../lib/mutation';

const key = ['message-templates'] as const;

export function useTemplates(kind?: TemplateKind, enabled = true) {
  return useQuery({
    queryKey: [...key, kind ?? 'all'],
    queryFn: () => api.get('/templates', { query: kind ? { kind } : {} }),
    select: (r) => r.items,
    enabled,
  });
}

// Create a template, or change one (the kind stays what it was).
export function useSaveTemplate(template: Template | null, on: MutationEvents<Template> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TemplateCreateBody) => {
      if (!template) return api.post('/templates', body);
      const { kind: _kind, ...change } = body;
      return api.patch('/templates/:id', change, { params: { id: template.id } });
    },
    meta: { inlineErrors: true },
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: key });
      on.onSuccess?.(saved);
    },
    onError: on.onError,
  });
}

export function useDeleteTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/templates/:id', { params: { id } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: key }),
  });
}

// The template rendered for a record (a deal, contact or company) or, with none, a sample client.
export function usePreviewTemplate(on: MutationEvents<TemplatePreview> = {}) {
  return useMutation({
    mutationFn: ({ id, record }: { id: string; record: TemplatePreviewBody }) =>
      api.post('/templates/:id/preview', record, { params: { id } }),
    meta: { inlineErrors: true },
    onSuccess: on.onSuccess,
    onError: on.onError,
  });
}

// Records to preview against: a search over contacts and deals the caller sees.
export function usePreviewRecords(q: string) {
  const query = q.trim() ? { q: q.trim(), limit: 10 } : { limit: 10 };
  const contacts = useQuery({
    queryKey: ['message-templates', 'records', 'contacts', query],
    queryFn: () => api.get('/contacts', { query }),
  });
  const deals = useQuery({
    queryKey: ['message-templates', 'records', 'deals', query],
    queryFn: () => api.get('/deals', { query }),
  });
  return {
    contacts: contacts.data?.items ?? [],
    deals: deals.data?.items ?? [],
    loading: contacts.isPending || deals.isPending,
  };
}
