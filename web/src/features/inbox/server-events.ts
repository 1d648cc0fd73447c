import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { RealtimeEventType } from '@voronka/contract';
import { inboxKey } from './use-inbox';

// One EventSource per tab on /api/v1/events, shared by every listener. Events carry ids only; a
// listener refetches through the API. EventSource reconnects by itself (the server ends a stream
// every 10 minutes, and after a restart).

// The event types and their data are declared once in the contract (RealtimeEvent).
type Listener = (type: RealtimeEventType, data: Record<string, unknown>) => void;
// Routing's events go only to the members concerned (the assignee, the heads); see notifications/.
export const routingEventTypes = [
  'routing.assigned',
  'routing.warning',
  'routing.reassigned',
  'routing.breach',
  'routing.queued',
  'routing.escalated',
  'routing.stuck',
] as const satisfies readonly RealtimeEventType[];
// inbox.delivery_failed: a reply was not delivered (to its author and the assignee).
const EVENT_TYPES: RealtimeEventType[] = [
  'inbox.message',
  'inbox.conversation',
  'inbox.delivery_failed',
  'call.ringing',
  'call.ended',
  ...routingEventTypes,
  // A calendar reminder, to its owner (calendar/CalendarReminders).
  'calendar.reminder',
];
const listeners = new Set<Listener>();
let source: EventSource | null = null;

function open() {
  if (source || typeof EventSource === 'undefined') return;
  source = new EventSource('/api/v1/events', { withCredentials: true });
  for (const type of EVENT_TYPES) {
    source.addEventListener(type, (e) => {
      let data: Record<string, unknown> = {};
      try {
        data = JSON.parse((e as MessageEvent<string>).data) as Record<string, unknown>;
      } catch {
        return;
      }
      for (const l of listeners) l(type, data);
    });
  }
}

export function onServerEvent(listener: Listener): () => void {
  listeners.add(listener);
  open();
  return () => {
    listeners.delete(listener);
    if (!listeners.size && source) {
      source.close();
      source = null;
    }
  };
}

// Keeps the inbox (lists, counts, the open conversation) fresh while mounted.
export function useInboxLiveUpdates(enabled: boolean) {
  const qc = useQueryClient();
  useEffect(() => {
    if (!enabled) return;
    return onServerEvent((type) => {
      if (type.startsWith('inbox.')) void qc.invalidateQueries({ queryKey: inboxKey });
    });
  }, [enabled, qc]);
}
