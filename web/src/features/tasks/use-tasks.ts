import type { Task, TaskCreateBody, TaskListQuery } from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { MutationEvents } from '../../lib/mutation';

type Filter = Partial<Omit<TaskListQuery, 'limit'>> & { limit?: number };

export function useTasks(filter: Filter, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['tasks', filter],
    queryFn: () => api.get('/tasks', { query: { limit: 100, ...filter } }),
  });
}

export function useCompleteTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post('/tasks/:id/complete', {}, { params: { id } }),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      void qc.invalidateQueries({ queryKey: ['timeline'] });
    },
  });
}

// Day boundaries in the reader's time zone, as the API's timestamps.
export function dayBounds(now = new Date()) {
  const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const tomorrow = new Date(start.getTime() + 86_400_000);
  return {
    todayStart: start.toISOString(),
    tomorrowStart: tomorrow.toISOString(),
    todayEnd: new Date(tomorrow.getTime() - 1).toISOString(),
  };
}

export function useCreateTask(on: MutationEvents<Task> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TaskCreateBody) => api.post('/tasks', body),
    meta: { inlineErrors: true },
    onSuccess: (task) => {
      void qc.invalidateQueries({ queryKey: ['tasks'] });
      on.onSuccess?.(task);
    },
    onError: on.onError,
  });
}
