import type { Conversation, Message } from '@voronka/contract';
import { useMutation } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { fetchOlderMessages } from './use-inbox';

// Messages by id, the later list's version winning (a reply's status moves queued → sent), in the
// server's order: ids are UUIDv7, so sorting them as text sorts by time.
export function mergeMessages(...lists: Message[][]): Message[] {
  const byId = new Map<string, Message>();
  for (const list of lists) for (const m of list) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

// The thread as shown: every message seen since the conversation was opened (the server's window
// of the latest 200 slides as new ones arrive; what slid out stays) plus the pages loaded on
// "show earlier", which continue from the first window's oldest message.
export function useThreadHistory(c: Conversation) {
  const [latest, setLatest] = useState(c.messages);
  const [kept, setKept] = useState(c.messages);
  if (c.messages !== latest) {
    setLatest(c.messages);
    setKept(mergeMessages(kept, c.messages));
  }
  const [older, setOlder] = useState<Message[]>([]);
  const [cursor, setCursor] = useState<string | null>(c.olderCursor);
  const load = useMutation({
    mutationFn: (from: string) => fetchOlderMessages(c.id, from),
    meta: { inlineErrors: true },
    onSuccess: (page) => {
      setOlder((o) => mergeMessages(page.items, o));
      setCursor(page.nextCursor);
    },
  });
  const messages = useMemo(() => mergeMessages(older, kept), [older, kept]);
  return {
    messages,
    hasOlder: cursor !== null,
    loadOlder: () => {
      if (cursor && !load.isPending) load.mutate(cursor);
    },
    loadingOlder: load.isPending,
    error: load.error,
  };
}
