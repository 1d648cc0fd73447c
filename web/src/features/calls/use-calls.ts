import type {
  CallbackBody,
  CallListImported,
  SessionInfo,
  CallJournalQuery,
  CallOutcomeBody,
  CallStatsQuery,
} from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, readApiError } from '../../lib/api';
import { sessionKey } from '../../lib/session';
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

// Segments a list can be made from: my saved views of contacts and companies.
export function useSegments() {
  return useQuery({
    queryKey: ['calls', 'segments'],
    queryFn: async () => {
      const [contacts, companies] = await Promise.all([
        api.get('/views', { query: { entity: 'contacts' } }),
        api.get('/views', { query: { entity: 'companies' } }),
      ]);
      return [...contacts.items, ...companies.items];
    },
  });
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// A list from a CSV/XLSX file: the file goes as the raw body, with the session's CSRF token.
export function useImportCallList() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (p: { file: File; name: string; managerIds: string[] }) => {
      const csrf = qc.getQueryData<SessionInfo>(sessionKey)?.csrfToken ?? '';
      const isXlsx = /\.xlsx$/i.test(p.file.name) || p.file.type === XLSX_TYPE;
      const query = new URLSearchParams({
        name: p.name,
        managerIds: p.managerIds.join(','),
        fileName: p.file.name.slice(0, 200),
      });
      const res = await fetch(`/api/v1/call-lists/import?${query.toString()}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Content-Type': isXlsx ? XLSX_TYPE : 'text/csv',
          'X-CSRF-Token': csrf,
          Accept: 'application/json',
        },
        body: p.file,
      });
      if (!res.ok) throw await readApiError(res);
      return (await res.json()) as CallListImported;
    },
    meta: { inlineErrors: true },
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['calls', 'lists'] }),
  });
}
