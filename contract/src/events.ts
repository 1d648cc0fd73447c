// The realtime events of GET /api/v1/events (Server-Sent Events), one union for the server that
// publishes them and the web app that listens. Payloads are ids only: a client refetches through the
// API, so rights hold. `memberIds` addresses an event to those members' streams only and is never
// sent: the SSE event's name is `type`, its data the rest.
export type RealtimeEvent =
  | { type: 'inbox.message'; conversationId: string; messageId: string }
  // memberIds: only these members' streams (a read mark is the reader's own); absent, everyone's.
  | { type: 'inbox.conversation'; conversationId: string; memberIds?: string[] }
  // A reply that could not be delivered: to its author and the conversation's assignee.
  | {
      type: 'inbox.delivery_failed';
      conversationId: string;
      messageId: string;
      memberIds: string[];
    }
  // memberIds (telephony): the members the call rings for; absent, every member's stream gets it.
  | {
      type: 'call.ringing';
      conversationId: string;
      contactId: string | null;
      leadId: string | null;
      memberIds?: string[];
    }
  | { type: 'call.ended'; conversationId: string }
  // routing: each goes only to the members it concerns (memberIds).
  | { type: 'routing.assigned'; leadId: string; conversationId: string | null; memberIds: string[] }
  | {
      type: 'routing.warning';
      leadId: string;
      conversationId: string | null;
      dueAt: string;
      memberIds: string[];
    }
  | {
      type: 'routing.reassigned';
      leadId: string;
      conversationId: string | null;
      toMemberId: string | null;
      memberIds: string[];
    }
  | {
      type: 'routing.breach';
      leadId: string;
      conversationId: string | null;
      memberId: string | null;
      memberIds: string[];
    }
  | {
      type: 'routing.queued';
      leadId: string;
      conversationId: string | null;
      teamId: string | null;
      memberIds: string[];
    }
  | {
      type: 'routing.escalated';
      leadId: string;
      conversationId: string | null;
      headId: string;
      memberIds: string[];
    }
  // A request's SLA timer failed too often and stopped (routing/timers.ts): its heads see to it.
  | {
      type: 'routing.stuck';
      leadId: string;
      conversationId: string | null;
      kind: 'route' | 'warn' | 'breach';
      memberIds: string[];
    }
  | CalendarReminderEvent
  | BookingRealtimeEvent
  | AutomationNoticeEvent
  | DiscountApprovalEvent
  | WebhookDisabledEvent;

// Discount control (src/modules/calculator/discounts.ts): a request to the heads whose limit
// covers it, and the decision back to the requester.
export type DiscountApprovalEvent = {
  type: 'discount.approval_requested' | 'discount.approval_decided';
  approvalId: string;
  dealId: string | null;
  documentId: string | null;
  percent: string;
  status: 'pending' | 'approved' | 'rejected';
  memberIds: string[];
};

// A reminder of a calendar event or a task, to its owner (calendar/reminders.ts). It carries the
// title and start so the tab can show a desktop notification without a request; only the owner gets it.
export type CalendarReminderEvent = {
  type: 'calendar.reminder';
  item: 'event' | 'task';
  id: string;
  title: string;
  startsAt: string;
  memberIds: string[];
};

// A visitor booked a meeting (src/modules/booking): to its host.
export type BookingRealtimeEvent = {
  type: 'booking.created';
  bookingId: string;
  eventId: string | null;
  leadId: string | null;
  start: string;
  conversationId: null;
  memberIds: string[];
};

// An automation rule's "notify" action (src/modules/automation): a line of text about a deal.
export type AutomationNoticeEvent = {
  type: 'automation.notice';
  automationId: string;
  dealId: string | null;
  text: string;
  memberIds: string[];
};

export type RealtimeEventType = RealtimeEvent['type'];

// What a client receives as the data of an event of that type (the addressing stays on the server).
export type RealtimeEventData<T extends RealtimeEventType = RealtimeEventType> = Omit<
  Extract<RealtimeEvent, { type: T }>,
  'type' | 'memberIds'
>;

// An outgoing webhook subscription switched itself off after failing again and again
// (src/modules/automation/subscriptions.ts): to the workspace's owners and admins.
export type WebhookDisabledEvent = {
  type: 'webhook.disabled';
  webhookId: string;
  url: string;
  reason: string;
  memberIds: string[];
};
