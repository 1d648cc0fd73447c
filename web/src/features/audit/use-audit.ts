import type { Entity } from '@voronka/contract';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

export type AuditFilters = {
  entity: string;
  action: string;
  actorId: string;
  from: string;
  to: string;
};
export const emptyAuditFilters: AuditFilters = {
  entity: '',
  action: '',
  actorId: '',
  from: '',
  to: '',
};

// <input type="date"> gives a local calendar day; the API wants instants.
function dayStart(day: string): string | undefined {
  return day ? new Date(`${day}T00:00:00`).toISOString() : undefined;
}
function dayEnd(day: string): string | undefined {
  return day ? new Date(`${day}T23:59:59.999`).toISOString() : undefined;
}

// The audit log, newest first, 50 a page.
export function useAuditLog(query: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', query],
    queryFn: ({ pageParam }) =>
      api.get('/audit', {
        query: {
          limit: 50,
          cursor: pageParam,
          entity: (query.entity || undefined) as Entity | undefined,
          action: query.action.trim(),
          actorId: query.actorId,
          from: dayStart(query.from),
          to: dayEnd(query.to),
        },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
