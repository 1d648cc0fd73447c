import type { MeetingType, MeetingTypeCreateBody } from '@voronka/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { MutationEvents } from '../../lib/mutation';

const key = ['meeting-types'] as const;

export function useMeetingTypes() {
  return useQuery({
    queryKey: key,
    queryFn: () => api.get('/meeting-types'),
    select: (r) => r.items,
  });
}

// Create a meeting type, or change one (the whole form is sent: PATCH takes any subset).
export function useSaveMeetingType(type: MeetingType | null, on: MutationEvents<MeetingType> = {}) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: MeetingTypeCreateBody) =>
      type
        ? api.patch('/meeting-types/:id', body, { params: { id: type.id } })
        : api.post('/meeting-types', body),
    meta: { inlineErrors: true },
    onSuccess: (saved) => {
      void qc.invalidateQueries({ queryKey: key });
      on.onSuccess?.(saved);
    },
    onError: on.onError,
  });
}

export function useDeleteMeetingType() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/meeting-types/:id', { params: { id } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: key }),
  });
}

// The snippet a website pastes to show the booking widget (the same script the public page runs).
export function embedSnippet(publicUrl: string): string {
  const url = new URL(publicUrl);
  const [, , workspace = '', type = ''] = url.pathname.split('/');
  return `<div id="voronka-booking"></div>\n<script src="${url.origin}/booking.js" data-workspace="${decodeURIComponent(workspace)}" data-type="${decodeURIComponent(type)}" data-target="#voronka-booking" async></script>`;
}
