import type {
  CalendarEvent,
  CalendarEventCreateBody,
  CalendarEventUpdateBody,
} from '@voronka/contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { MutationEvents } from '../../lib/mutation';

export type Range = { from: string; to: string };
const key = ['calendar'] as const;

// Events and tasks with a time of the members over the visible range (the view's dates).
export function useCalendarRange(range: Range | null, memberIds: string[]) {
  return useQuery({
    enabled: Boolean(range && memberIds.length),
    queryKey: [...key, 'range', range, memberIds],
    queryFn: () =>
      api.get('/calendar/events', {
        query: {
          from: range!.from,
          to: range!.to,
          memberIds: memberIds.join(','),
        },
      }),
    placeholderData: keepPreviousData,
  });
}

// When the members work (routing's hours, holidays, vacations): the rest of the grid is shaded.
export function useWorkingHours(range: Range | null, memberIds: string[]) {
  return useQuery({
    enabled: Boolean(range && memberIds.length),
    queryKey: [...key, 'hours', range, memberIds],
    queryFn: () =>
      api.get('/calendar/working-hours', {
        query: {
          from: range!.from,
          to: range!.to,
          memberIds: memberIds.join(','),
        },
      }),
    placeholderData: keepPreviousData,
  });
}

export function useCreateEvent(on: MutationEvents<CalendarEvent> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CalendarEventCreateBody) => api.post('/calendar/events', body),
    meta: { inlineErrors: true },
    onSuccess: (e) => {
      void qc.invalidateQueries({ queryKey: key });
      on.onSuccess?.(e);
    },
    onError: on.onError,
  });
}

// Moving, resizing or editing; a drag that the server refuses is put back by the caller.
export function useUpdateEvent(on: MutationEvents<CalendarEvent> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CalendarEventUpdateBody }) =>
      api.patch('/calendar/events/:id', body, { params: { id } }),
    onSettled: () => void qc.invalidateQueries({ queryKey: key }),
    onSuccess: on.onSuccess,
    onError: on.onError,
  });
}

export function useCancelEvent(on: MutationEvents<unknown> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/calendar/events/:id', { params: { id } }),
    onSettled: () => void qc.invalidateQueries({ queryKey: key }),
    onSuccess: on.onSuccess,
  });
}

export function useFeed() {
  return useQuery({
    queryKey: [...key, 'feed'],
    queryFn: () => api.get('/calendar/feed'),
  });
}

export function useRegenerateFeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/calendar/feed'),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...key, 'feed'] }),
  });
}

export function useRevokeFeed() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete('/calendar/feed'),
    onSuccess: () => void qc.invalidateQueries({ queryKey: [...key, 'feed'] }),
  });
}
