import type { ImportEntity, ImportPreview, ImportStartBody, SessionInfo } from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, readApiError } from '../../lib/api';
import { sessionKey } from '../../lib/session';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// The file goes as the raw body (the server refuses JSON here), with the session's CSRF token.
export function useUploadImport(entity: ImportEntity) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (file: File): Promise<ImportPreview> => {
      const csrf = qc.getQueryData<SessionInfo>(sessionKey)?.csrfToken ?? '';
      const isXlsx = /\.xlsx$/i.test(file.name) || file.type === XLSX_TYPE;
      const url = `/api/v1/imports?entity=${entity}&fileName=${encodeURIComponent(file.name.slice(0, 200))}`;
      const res = await fetch(url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Content-Type': isXlsx ? XLSX_TYPE : 'text/csv',
          'X-CSRF-Token': csrf,
          Accept: 'application/json',
        },
        body: file,
      });
      if (!res.ok) throw await readApiError(res);
      return (await res.json()) as ImportPreview;
    },
  });
}

export function useStartImport() {
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ImportStartBody }) =>
      api.post('/imports/:id/start', body, { params: { id } }),
  });
}

// Polls while the job runs.
export function useImportProgress(id: string | null) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: ['imports', id],
    queryFn: async () => {
      const imp = await api.get('/imports/:id', { params: { id: id! } });
      if (imp.status === 'done') void qc.invalidateQueries({ queryKey: [imp.entity] });
      return imp;
    },
    enabled: Boolean(id),
    refetchInterval: (q) =>
      q.state.data && ['done', 'failed'].includes(q.state.data.status) ? false : 1000,
  });
}
