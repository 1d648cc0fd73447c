import type { Conversation, ConversationSummary, ConversationUpdateBody, InboxCounts, Message, Page, ReplyBody } from '@voronka/contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';

export type InboxFilters = { channelId: string; status: string; assigneeId: string; unread: string };
export const emptyInboxFilters: InboxFilters = { channelId: '', status: 'open', assigneeId: '', unread: '' };

export const inboxKey = ['inbox'] as const;

export function useInbox(filters: InboxFilters) {
  return useInfiniteQuery({
    queryKey: [...inboxKey, 'list', filters],
    queryFn: ({ pageParam }) => api.get<Page<ConversationSummary>>('/inbox', { limit: 50, cursor: pageParam, ...filters }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

// The badge and the per-channel counts; the event stream refreshes them, the interval is a fallback.
export function useInboxCounts(enabled = true) {
  return useQuery({ enabled, queryKey: [...inboxKey, 'counts'], queryFn: () => api.get<InboxCounts>('/inbox/counts'), refetchInterval: 120_000 });
}

export function useConversation(id: string | null) {
  return useQuery({ enabled: Boolean(id), queryKey: [...inboxKey, 'one', id], queryFn: () => api.get<Conversation>(`/conversations/${id}`) });
}

function useInboxMutation<B, R>(fn: (body: B) => Promise<R>, inlineErrors = true) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, meta: { inlineErrors }, onSettled: () => qc.invalidateQueries({ queryKey: inboxKey }) });
}

export const useMarkRead = () => useInboxMutation((id: string) => api.post<void>(`/conversations/${id}/read`), true);
// A reply carries the Idempotency-Key of the message being composed: a second click or a retry
// of the same send is answered with the first reply instead of making another.
export const useReply = (id: string) =>
  useInboxMutation(({ body, key }: { body: ReplyBody; key: string }) => api.post<Message>(`/conversations/${id}/messages`, body, { 'Idempotency-Key': key }));

// The history before what the conversation shows, newest first (see olderCursor).
export const fetchOlderMessages = (id: string, cursor: string, limit = 50) => api.get<Page<Message>>(`/conversations/${id}/messages`, { limit, cursor });
export const useUpdateConversation = (id: string) => useInboxMutation((body: ConversationUpdateBody) => api.patch<Conversation>(`/conversations/${id}`, body), false);
