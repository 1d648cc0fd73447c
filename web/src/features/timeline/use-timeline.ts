import type { Activity, Page } from '@voronka/contract';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

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
      api.get<Page<Activity>>('/timeline', { ...subject, limit: 30, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
