import type { Page, Team, User } from '@voronka/contract';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const teamsKey = ['teams'] as const;

// Teams are few per workspace, so one page of 200 is the whole list.
export function useTeams(enabled = true) {
  return useQuery({
    enabled,
    queryKey: teamsKey,
    queryFn: () => api.get<Page<Team>>('/teams', { limit: 200 }),
    select: (page) => page.items,
  });
}

export function useActiveUsers(enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['users', 'active-all'],
    queryFn: () => api.get<Page<User>>('/users', { limit: 200, status: 'active' }),
    select: (page) => page.items,
  });
}
