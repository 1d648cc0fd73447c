import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../../lib/api';
import { onServerEvent } from '../inbox/server-events';

export const queueKey = ['routing', 'queue'] as const;

// The head's view of who carries what: refetched every 15 s and on every routing event or
// conversation change the event stream brings (the app's one stream, shared with the inbox).
export function useQueueOverview() {
  const qc = useQueryClient();
  useEffect(
    () =>
      onServerEvent((type) => {
        if (type.startsWith('routing.') || type === 'inbox.conversation')
          void qc.invalidateQueries({ queryKey: queueKey });
      }),
    [qc],
  );
  return useQuery({
    queryKey: queueKey,
    queryFn: () => api.get('/routing/queue'),
    refetchInterval: 15_000,
  });
}

// Share of the capacity in use, 0–100 (null when the member has no limit).
export function loadPercent(openLoad: number, capacity: number | null): number | null {
  if (capacity === null) return null;
  if (capacity <= 0) return openLoad > 0 ? 100 : 0;
  return Math.min(100, Math.round((openLoad / capacity) * 100));
}
