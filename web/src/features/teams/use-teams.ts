import type { Team, TeamCreateBody } from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { MutationEvents } from '../../lib/mutation';

export const teamsKey = ['teams'] as const;

// Teams are few per workspace, so one page of 200 is the whole list.
export function useTeams(enabled = true) {
  return useQuery({
    enabled,
    queryKey: teamsKey,
    queryFn: () => api.get('/teams', { query: { limit: 200 } }),
    select: (page) => page.items,
  });
}

export function useActiveUsers(enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['users', 'active-all'],
    queryFn: () => api.get('/users', { query: { limit: 200, status: 'active' } }),
    select: (page) => page.items,
  });
}

// Create a team, or rename it and change its head.
export function useSaveTeam(team: Team | null, on: MutationEvents<Team> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TeamCreateBody) =>
      team ? api.patch('/teams/:id', body, { params: { id: team.id } }) : api.post('/teams', body),
    meta: { inlineErrors: true },
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: teamsKey });
      on.onSuccess?.(saved);
    },
    onError: on.onError,
  });
}

export function useDeleteTeam() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/teams/:id', { params: { id } }),
    onSettled: () => qc.invalidateQueries({ queryKey: teamsKey }),
  });
}
