import type {
  CallbackBody,
  CallJournalQuery,
  CallOutcomeBody,
  CallStatsQuery,
} from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { newIdempotencyKey } from '../../lib/idempotency-key';

// Click-to-call, the member's extension, call lists and the journal: the only way the calls pages
// reach the server.

export function useExtension() {
  return useQuery({ queryKey: ['calls', 'extension'], queryFn: () => api.get('/calls/extension') });
}

export function useSaveExtension() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (extension: string | null) => api.put('/calls/extension', { extension }),
    meta: { inlineErrors: true },
    onSuccess: (v) => qc.setQueryData(['calls', 'extension'], v),
  });
}

// One click = one Idempotency-Key: a double click or a retried request rings once.
export function useCallback() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CallbackBody) =>
      api.post('/calls/callback', body, { headers: { 'idempotency-key': newIdempotencyKey() } }),
    meta: { inlineErrors: true },
    onSettled: () => void qc.invalidateQueries({ queryKey: ['calls', 'journal'] }),
  });
}

export function useCallLists() {
  return useQuery({ queryKey: ['calls', 'lists'], queryFn: () => api.get('/call-lists') });
}

export function useCallList(id: string) {
  return useQuery({
    queryKey: ['calls', 'lists', id],
    queryFn: () => api.get('/call-lists/:id', { params: { id } }),
  });
}

export function useNextItem(id: string) {
  return useQuery({
    queryKey: ['calls', 'lists', id, 'next'],
    queryFn: () => api.post('/call-lists/:id/next', {}, { params: { id } }),
    refetchOnWindowFocus: false,
  });
}

export function useRecordOutcome(listId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ itemId, body }: { itemId: string; body: CallOutcomeBody }) =>
      api.post('/call-lists/:id/items/:itemId/outcome', body, { params: { id: listId, itemId } }),
    meta: { inlineErrors: true },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['calls', 'lists'] }),
  });
}

export function useCreateCallList() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: Parameters<typeof api.post<'/call-lists'>>[1]) =>
      api.post('/call-lists', body),
    meta: { inlineErrors: true },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['calls', 'lists'] }),
  });
}

export function useCallJournal(q: Partial<Omit<CallJournalQuery, 'limit'>>) {
  return useQuery({
    queryKey: ['calls', 'journal', q],
    queryFn: () => api.get('/calls', { query: { limit: 100, ...q } }),
  });
}

export function useCallStats(q: CallStatsQuery) {
  return useQuery({
    queryKey: ['calls', 'stats', q],
    queryFn: () => api.get('/calls/stats', { query: q }),
  });
}
