import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type BodyOf, type ResponseOf } from '../../lib/api';
import type { MutationEvents } from '../../lib/mutation';

const tokensKey = ['tokens'] as const;

export const useTokens = () =>
  useQuery({ queryKey: tokensKey, queryFn: () => api.get('/tokens'), select: (r) => r.items });

export function useRevokeToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/tokens/:id', { params: { id } }),
    onSettled: () => qc.invalidateQueries({ queryKey: tokensKey }),
  });
}

// A new token with my rights; its secret is in this answer only.
export function useCreateToken(on: MutationEvents<ResponseOf<'POST', '/tokens'>> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BodyOf<'POST', '/tokens'>) => api.post('/tokens', body),
    meta: { inlineErrors: true },
    onSuccess: (res) => {
      on.onSuccess?.(res);
      void qc.invalidateQueries({ queryKey: tokensKey });
    },
    onError: on.onError,
  });
}
