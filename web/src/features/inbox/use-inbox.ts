import type { ConversationUpdateBody, InboxQuery, ReplyBody, Visibility } from '@voronka/contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

// Which queue the list shows: the member's own requests, the team's unassigned ones, or every one
// the member may see (then optionally one colleague's, by assigneeId).
export type InboxQueue = 'mine' | 'team' | 'all';
export type InboxSort = 'priority' | 'recent';
export type InboxFilters = {
  queue: InboxQueue;
  sort: InboxSort;
  channelId: string;
  status: string;
  assigneeId: string;
  unread: string;
};
export const emptyInboxFilters: InboxFilters = {
  queue: 'all',
  sort: 'priority',
  channelId: '',
  status: 'open',
  assigneeId: '',
  unread: '',
};

// A manager who sees only their own requests starts on them; whoever sees the team's starts on all.
export function defaultInboxFilters(visibility: Visibility | undefined): InboxFilters {
  return {
    ...emptyInboxFilters,
    queue: visibility === 'team' || visibility === 'all' ? 'all' : 'mine',
  };
}

type ListQuery = Partial<
  Pick<InboxQuery, 'channelId' | 'status' | 'assigneeId' | 'unread' | 'sort'>
>;

export function inboxQuery({ queue, assigneeId, ...rest }: InboxFilters, meId: string): ListQuery {
  const assignee = queue === 'mine' ? meId : queue === 'team' ? 'none' : assigneeId;
  const query: ListQuery = { sort: rest.sort };
  if (assignee) query.assigneeId = assignee;
  if (rest.channelId) query.channelId = rest.channelId;
  if (rest.status === 'open' || rest.status === 'closed') query.status = rest.status;
  if (rest.unread === 'true' || rest.unread === 'false') query.unread = rest.unread;
  return query;
}

export const inboxKey = ['inbox'] as const;

export function useInbox(filters: InboxFilters, meId: string, enabled = true) {
  const query = inboxQuery(filters, meId);
  return useInfiniteQuery({
    enabled,
    queryKey: [...inboxKey, 'list', query],
    queryFn: ({ pageParam }) =>
      api.get('/inbox', { query: { limit: 50, cursor: pageParam, ...query } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

// The badge and the per-channel counts; the event stream refreshes them, the interval is a fallback.
export function useInboxCounts(enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...inboxKey, 'counts'],
    queryFn: () => api.get('/inbox/counts'),
    refetchInterval: 120_000,
  });
}

export function useConversation(id: string | null) {
  return useQuery({
    enabled: Boolean(id),
    queryKey: [...inboxKey, 'one', id],
    queryFn: () => api.get('/conversations/:id', { params: { id: id! } }),
  });
}

function useInboxMutation<B, R>(fn: (body: B) => Promise<R>, inlineErrors = true) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    meta: { inlineErrors },
    onSettled: () => qc.invalidateQueries({ queryKey: inboxKey }),
  });
}

export const useMarkRead = () =>
  useInboxMutation(
    (id: string) => api.post('/conversations/:id/read', {}, { params: { id } }),
    true,
  );
// A reply carries the Idempotency-Key of the message being composed: a second click or a retry
// of the same send is answered with the first reply instead of making another.
export const useReply = (id: string) =>
  useInboxMutation(({ body, key }: { body: ReplyBody; key: string }) =>
    api.post('/conversations/:id/messages', body, {
      params: { id },
      headers: { 'Idempotency-Key': key },
    }),
  );

// How a reply can reach this client (own channel; for a website form: e-mail, messenger, a call).
export function useReplyOptions(id: string) {
  return useQuery({
    queryKey: [...inboxKey, 'reply-options', id],
    queryFn: () => api.get('/conversations/:id/reply-options', { params: { id } }),
  });
}
// Sends a failed reply again by the same route.
export const useRetryMessage = (id: string) =>
  useInboxMutation(
    (messageId: string) =>
      api.post('/conversations/:id/messages/:messageId/retry', {}, { params: { id, messageId } }),
    false,
  );

// The history before what the conversation shows, newest first (see olderCursor).
export const fetchOlderMessages = (id: string, cursor: string, limit = 50) =>
  api.get('/conversations/:id/messages', { params: { id }, query: { limit, cursor } });
export const useUpdateConversation = (id: string) =>
  useInboxMutation(
    (body: ConversationUpdateBody) => api.patch('/conversations/:id', body, { params: { id } }),
    false,
  );

// Who a request was given to, when and why (routing, moves after a missed deadline, by hand).
export function useLeadAssignments(leadId: string | null) {
  return useQuery({
    enabled: Boolean(leadId),
    queryKey: [...inboxKey, 'assignments', leadId],
    queryFn: () => api.get('/leads/:id/assignments', { params: { id: leadId! } }),
    select: (r) => r.items,
  });
}
