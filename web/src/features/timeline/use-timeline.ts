import type { Activity, ActivityCreateBody } from '@voronka/contract';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { MutationEvents } from '../../lib/mutation';

export type TimelineSubject = {
  contactId?: string;
  companyId?: string;
  dealId?: string;
  leadId?: string;
};

export const timelineKey = (s: TimelineSubject) => ['timeline', s] as const;

export function useTimeline(subject: TimelineSubject) {
  return useInfiniteQuery({
    queryKey: timelineKey(subject),
    queryFn: ({ pageParam }) =>
      api.get('/timeline', { query: { ...subject, limit: 30, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

// Log a note, call, meeting or e-mail; the timeline refreshes after.
export function useLogActivity(on: MutationEvents<Activity> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: ActivityCreateBody) => api.post('/activities', body),
    meta: { inlineErrors: true },
    onSuccess: (activity) => {
      on.onSuccess?.(activity);
      void qc.invalidateQueries({ queryKey: ['timeline'] });
    },
    onError: on.onError,
  });
}
