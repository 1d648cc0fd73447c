import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Webhook } from '@voronka/contract';
import { api, type BodyOf, type ResponseOf } from '../../lib/api';
import type { MutationEvents } from '../../lib/mutation';

const webhooksKey = ['webhooks'] as const;

export const useWebhooks = () =>
  useQuery({ queryKey: webhooksKey, queryFn: () => api.get('/webhooks'), select: (r) => r.items });

type WithSecret = ResponseOf<'POST', '/webhooks'>;

// A new subscription; its signing secret is in this answer only.
export function useCreateWebhook(on: MutationEvents<WithSecret> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'POST', '/webhooks'>) => api.post('/webhooks', body),
    meta: { inlineErrors: true },
    onSuccess: (res) => {
      on.onSuccess?.(res);
      void qc.invalidateQueries({ queryKey: webhooksKey });
    },
    onError: on.onError,
  });
}

export function useUpdateWebhook(id: string, on: MutationEvents<Webhook> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'PATCH', '/webhooks/:id'>) =>
      api.patch('/webhooks/:id', body, { params: { id } }),
    meta: { inlineErrors: true },
    onSuccess: (res) => {
      on.onSuccess?.(res);
      void qc.invalidateQueries({ queryKey: webhooksKey });
    },
    onError: on.onError,
  });
}

export function useToggleWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      api.patch('/webhooks/:id', { active }, { params: { id } }),
    onSettled: () => qc.invalidateQueries({ queryKey: webhooksKey }),
  });
}

export function useDeleteWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/webhooks/:id', { params: { id } }),
    onSettled: () => qc.invalidateQueries({ queryKey: webhooksKey }),
  });
}

export function useRotateSecret(on: MutationEvents<WithSecret> = {}) {
  return useMutation({
    mutationFn: (id: string) => api.post('/webhooks/:id/rotate-secret', {}, { params: { id } }),
    onSuccess: on.onSuccess,
    onError: on.onError,
  });
}

export const useDeliveries = (id: string, cursor: string | undefined) =>
  useQuery({
    queryKey: ['webhook-deliveries', id, cursor ?? ''],
    queryFn: () =>
      api.get('/webhooks/:id/deliveries', { params: { id }, query: { limit: 50, cursor } }),
    placeholderData: keepPreviousData,
  });

export function useRedeliver(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) =>
      api.post(
        '/webhooks/:id/deliveries/:deliveryId/redeliver',
        {},
        {
          params: { id, deliveryId },
        },
      ),
    onSettled: () => qc.invalidateQueries({ queryKey: ['webhook-deliveries', id] }),
  });
}
