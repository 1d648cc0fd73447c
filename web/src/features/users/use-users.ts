import type { InvitationCreateBody, UserUpdateBody } from '@voronka/contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type ResponseOf } from '../../lib/api';
import type { MutationEvents } from '../../lib/mutation';

export type UserFilters = { q: string; status: '' | 'active' | 'deactivated'; teamId: string };

export function useUserPages(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: ['users', 'list', filters],
    queryFn: ({ pageParam }) =>
      api.get('/users', {
        query: {
          limit: 50,
          cursor: pageParam,
          q: filters.q,
          status: filters.status,
          teamId: filters.teamId,
        },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useUpdateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UserUpdateBody }) =>
      api.patch('/users/:id', body, { params: { id } }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useSetUserActive() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) =>
      active
        ? api.post('/users/:id/reactivate', {}, { params: { id } })
        : api.post('/users/:id/deactivate', {}, { params: { id } }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['users'] }),
  });
}

export const invitationsKey = ['invitations'] as const;

// The list endpoint may answer with a page or a bare array; either way we show the pending ones.
export function useInvitations(enabled: boolean) {
  return useQuery({
    enabled,
    queryKey: invitationsKey,
    queryFn: () => api.get('/invitations'),
    select: (r) => (Array.isArray(r) ? r : r.items).filter((i) => i.status === 'pending'),
  });
}

export function useRevokeInvitation() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/invitations/:id', { params: { id } }),
    onSettled: () => qc.invalidateQueries({ queryKey: invitationsKey }),
  });
}

// Invite someone by e-mail: the answer carries the link (shown once, for sending by other means).
export function useInvite(on: MutationEvents<ResponseOf<'POST', '/invitations'>> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: InvitationCreateBody) => api.post('/invitations', body),
    meta: { inlineErrors: true },
    onSuccess: (res) => {
      void qc.invalidateQueries({ queryKey: invitationsKey });
      on.onSuccess?.(res);
    },
    onError: on.onError,
  });
}
