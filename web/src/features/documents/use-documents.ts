import type {
  DocumentExportBody,
  DocumentCreateBody,
  DocumentStatus,
  DocumentType,
} from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const documentsKey = ['documents'] as const;
export const legalEntitiesKey = ['legal-entities'] as const;

export type DocumentFilters = {
  type: DocumentType | '';
  status: DocumentStatus | '';
  legalEntityId: string;
  from: string;
  to: string;
  dealId?: string;
};

export function useDocuments(filters: DocumentFilters) {
  return useQuery({
    queryKey: [...documentsKey, 'list', filters],
    queryFn: () => api.get('/documents', { query: { limit: 200, ...filters } }),
  });
}

export function useDocument(id: string) {
  return useQuery({
    queryKey: [...documentsKey, id],
    queryFn: () => api.get('/documents/:id', { params: { id } }),
  });
}

export function useLegalEntities(enabled = true) {
  return useQuery({
    queryKey: legalEntitiesKey,
    queryFn: () => api.get('/legal-entities'),
    enabled,
  });
}

export function useCreateDocument() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DocumentCreateBody) => api.post('/documents', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: documentsKey }),
  });
}

export function useDocumentStatus(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (status: DocumentStatus) =>
      api.post('/documents/:id/status', { status }, { params: { id } }),
    onSuccess: (doc) => {
      qc.setQueryData([...documentsKey, id], doc);
      void qc.invalidateQueries({ queryKey: documentsKey });
    },
  });
}

export const pdfUrl = (id: string) => `/api/v1/documents/${id}/pdf`;
export const docxUrl = (id: string) => `/api/v1/documents/${id}/docx`;

// Sends the document's PDF by e-mail (a queued job on the server).
export const sendDocument = (id: string, to: string, text: string) =>
  api.post('/documents/:id/send', { to, ...(text ? { text } : {}) }, { params: { id } });

export const templatesKey = ['document-templates'] as const;

export function useTemplates(enabled = true) {
  return useQuery({
    queryKey: templatesKey,
    queryFn: () => api.get('/document-templates'),
    enabled,
  });
}

// Deletes a template; the list is refreshed either way (it may have been deleted by someone else).
export function useDeleteTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/document-templates/:id', { params: { id } }),
    onSettled: () => void qc.invalidateQueries({ queryKey: templatesKey }),
  });
}

export const templateUrl = (id: string) => `/api/v1/document-templates/${id}`;

// A bulk export: asked for once, then watched every second until it is done or failed.
export function useStartExport() {
  return useMutation({
    mutationFn: (body: DocumentExportBody) => api.post('/documents/exports', body),
  });
}

export function useExport(id: string | null) {
  return useQuery({
    queryKey: [...documentsKey, 'export', id],
    queryFn: () => api.get('/documents/exports/:id', { params: { id: id! } }),
    enabled: !!id,
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === 'done' || s === 'failed' ? false : 1000;
    },
  });
}

export const exportFileUrl = (id: string) => `/api/v1/documents/exports/${id}/file`;
