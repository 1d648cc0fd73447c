import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PrivacyRequest } from '@voronka/contract';
import { api, type BodyOf } from '../../lib/api';
import type { MutationEvents } from '../../lib/mutation';

const requestsKey = ['privacy', 'requests'] as const;

// The register; while an export is being made it is asked again every 2 seconds (its progress).
export const usePrivacyRequests = () =>
  useQuery({
    queryKey: requestsKey,
    queryFn: () => api.get('/privacy/requests', { query: { limit: 200 } }),
    select: (r) => r.items,
    refetchInterval: (q) =>
      q.state.data?.items.some(
        (r) => r.export?.status === 'queued' || r.export?.status === 'running',
      )
        ? 2000
        : false,
  });

function useRequestAction<B>(
  send: (id: string, body: B) => Promise<unknown>,
  on: MutationEvents<unknown> = {},
) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: B }) => send(id, body),
    meta: { inlineErrors: true },
    onSuccess: (r) => {
      on.onSuccess?.(r);
      void qc.invalidateQueries({ queryKey: requestsKey });
    },
    onError: on.onError,
  });
}

export function useCreatePrivacyRequest(on: MutationEvents<PrivacyRequest> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'POST', '/privacy/requests'>) => api.post('/privacy/requests', body),
    meta: { inlineErrors: true },
    onSuccess: (r) => {
      on.onSuccess?.(r);
      void qc.invalidateQueries({ queryKey: requestsKey });
    },
    onError: on.onError,
  });
}

export const useExtendRequest = (on?: MutationEvents<unknown>) =>
  useRequestAction(
    (id, body: BodyOf<'POST', '/privacy/requests/:id/extend'>) =>
      api.post('/privacy/requests/:id/extend', body, { params: { id } }),
    on,
  );
export const useCloseRequest = (on?: MutationEvents<unknown>) =>
  useRequestAction(
    (id, body: BodyOf<'POST', '/privacy/requests/:id/close'>) =>
      api.post('/privacy/requests/:id/close', body, { params: { id } }),
    on,
  );
export const useStartExport = () =>
  useRequestAction((id, _: undefined) =>
    api.post('/privacy/requests/:id/export', undefined, { params: { id } }),
  );
export const useErase = (on?: MutationEvents<unknown>) =>
  useRequestAction(
    (id, body: BodyOf<'POST', '/privacy/requests/:id/erase'>) =>
      api.post('/privacy/requests/:id/erase', body, { params: { id } }),
    on,
  );

export const exportFileUrl = (id: string) => `/api/v1/privacy/requests/${id}/export/file`;
export const letterUrl = (id: string) => `/api/v1/privacy/requests/${id}/letter`;

export const useConsentLog = (contactId: string) =>
  useQuery({
    queryKey: ['privacy', 'consents', contactId],
    queryFn: () => api.get('/contacts/:id/consents', { params: { id: contactId } }),
  });

export function useRecordConsent(contactId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'POST', '/contacts/:id/consents'>) =>
      api.post('/contacts/:id/consents', body, { params: { id: contactId } }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['privacy', 'consents', contactId] });
      void qc.invalidateQueries({ queryKey: ['contacts'] });
    },
  });
}

export const useAccessLog = () =>
  useQuery({
    queryKey: ['privacy', 'access-log'],
    queryFn: () => api.get('/privacy/access-log', { query: { limit: 50 } }),
    select: (r) => r.items,
  });

export const useContactOptions = (q: string) =>
  useQuery({
    queryKey: ['privacy', 'contact-options', q],
    queryFn: () => api.get('/contacts', { query: { q, limit: 20 } }),
    select: (r) => r.items.map((c) => ({ value: c.id, label: c.fullName })),
  });

export const useHandoverPreview = (memberId: string | null) =>
  useQuery({
    enabled: Boolean(memberId),
    queryKey: ['privacy', 'handover', memberId],
    queryFn: () => api.get('/privacy/handover', { query: { memberId: memberId! } }),
  });

export function useHandOver(on: MutationEvents<unknown> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'POST', '/privacy/handover'>) => api.post('/privacy/handover', body),
    meta: { inlineErrors: true },
    onSuccess: (r) => {
      on.onSuccess?.(r);
      void qc.invalidateQueries({ queryKey: ['privacy'] });
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
    onError: on.onError,
  });
}

const retentionKey = ['privacy', 'retention'] as const;

export const useRetention = () =>
  useQuery({
    queryKey: retentionKey,
    queryFn: () => api.get('/privacy/retention'),
    select: (r) => r.items,
  });

export const useDestructionActs = () =>
  useQuery({
    queryKey: ['privacy', 'destruction-acts'],
    queryFn: () => api.get('/privacy/destruction-acts'),
    select: (r) => r.items,
  });

export function useSetRetention(on: MutationEvents<unknown> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'PUT', '/privacy/retention'>) => api.put('/privacy/retention', body),
    meta: { inlineErrors: true },
    onSuccess: (r) => {
      on.onSuccess?.(r);
      void qc.invalidateQueries({ queryKey: retentionKey });
    },
    onError: on.onError,
  });
}

export function useRunRetention(on: MutationEvents<unknown> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/privacy/retention/run', undefined),
    meta: { inlineErrors: true },
    onSuccess: (r) => {
      on.onSuccess?.(r);
      void qc.invalidateQueries({ queryKey: ['privacy'] });
    },
    onError: on.onError,
  });
}

export const destructionActUrl = (id: string) => `/api/v1/privacy/destruction-acts/${id}/pdf`;
