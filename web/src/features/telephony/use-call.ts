import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

// The caller's contact card, when the number matched one (and the member may read contacts).
export function useCallContact(contactId: string | null, enabled: boolean) {
  return useQuery({
    enabled: Boolean(contactId) && enabled,
    queryKey: ['contacts', 'one', contactId],
    queryFn: () => api.get('/contacts/:id', { params: { id: contactId! } }),
    retry: false,
  });
}

// The call's conversation: the number, the client it matched and the request it raised.
export function useCallConversation(conversationId: string) {
  return useQuery({
    queryKey: ['inbox', 'one', conversationId],
    queryFn: () => api.get('/conversations/:id', { params: { id: conversationId } }),
    retry: false,
  });
}
