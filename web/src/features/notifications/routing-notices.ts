import type { TFunction } from 'i18next';
import { routingEventTypes } from '../inbox/server-events';

// Routing's notices, and a reply that could not be delivered (to its author and the assignee).
const noticeTypes = [...routingEventTypes, 'inbox.delivery_failed'] as const;
export type RoutingEventType = (typeof noticeTypes)[number];
export const isRoutingEvent = (type: string): type is RoutingEventType =>
  (noticeTypes as readonly string[]).includes(type);

export type RoutingNotice = {
  title: string;
  message: string;
  color: string;
  autoClose: number;
  conversationId: string | null;
};

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

const fixedNotices: Record<string, [string, number, string]> = {
  'routing.queued': ['yellow', 20_000, 'notifications.routing.queued'],
  'inbox.delivery_failed': ['red', 30_000, 'notifications.deliveryFailed'],
  'routing.escalated': ['red', 30_000, 'notifications.routing.escalated'],
  // A request's SLA timer stopped after failing again and again: a head routes it by hand.
  'routing.stuck': ['red', 60_000, 'notifications.routing.stuck'],
};

// What a routing event says to the member who receives it (the server sends each only to those
// concerned: the assignee, the member a request was taken from, the heads). Names come from the
// member list when the caller may read it; otherwise the text does without them.
export function routingNotice(
  t: TFunction,
  type: RoutingEventType,
  data: Record<string, unknown>,
  memberName: (id: string | null) => string | null,
  formatTime: (iso: string) => string,
): RoutingNotice {
  const conversationId = str(data.conversationId);
  const base = { conversationId, autoClose: 10_000 };
  switch (type) {
    case 'routing.assigned':
      return {
        ...base,
        color: 'blue',
        title: t('notifications.routing.assigned.title'),
        message: t('notifications.routing.assigned.message'),
      };
    case 'routing.warning': {
      const due = str(data.dueAt);
      return {
        ...base,
        color: 'orange',
        autoClose: 20_000,
        title: t('notifications.routing.warning.title'),
        message: due
          ? t('notifications.routing.warning.message', { time: formatTime(due) })
          : t('notifications.routing.warning.soon'),
      };
    }
    case 'routing.reassigned': {
      const name = memberName(str(data.toMemberId));
      return {
        ...base,
        color: 'gray',
        title: t('notifications.routing.reassigned.title'),
        message: name
          ? t('notifications.routing.reassigned.messageTo', { name })
          : t('notifications.routing.reassigned.message'),
      };
    }
    case 'routing.breach': {
      const name = memberName(str(data.memberId));
      return {
        ...base,
        color: 'red',
        autoClose: 20_000,
        title: t('notifications.routing.breach.title'),
        message: name
          ? t('notifications.routing.breach.messageBy', { name })
          : t('notifications.routing.breach.message'),
      };
    }
    default: {
      // Notices whose text names no one: a colour, how long it stays, and its strings.
      const [color, autoClose, key] = fixedNotices[type]!;
      return { ...base, color, autoClose, title: t(`${key}.title`), message: t(`${key}.message`) };
    }
  }
}
