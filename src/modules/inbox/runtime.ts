import type { RealtimeEvent } from '@voronka/contract';
import type { Sealer } from '../../platform/crypto.js';
import type { Executor } from '../../platform/db/types.js';
import { EventBus } from '../../platform/realtime/bus.js';
import type { ChannelRow } from './channel-keys.js';
import type { ChannelKind, conversations } from './tables.js';

// What the inbox takes from the process's runtime (src/runtime.ts builds it once, for the web
// process and the worker alike): the realtime bus it announces on, the channels' senders and the
// sealer that opens channel secrets to send.

export type InboxEvent = RealtimeEvent;
export type ConversationRow = typeof conversations.$inferSelect;
export type OpenChannel = Omit<ChannelRow, 'secrets'> & { secrets: Record<string, string> };
export type OutboundMessage = {
  id: string;
  text: string | null;
  attachments: { name: string; type: string; content: Buffer }[];
  // The provider id of the client's latest message in the thread (e-mail In-Reply-To), if any.
  inReplyTo: string | null;
  // A letter's own subject (e-mail); a reply has none and answers in the thread's.
  subject?: string;
  // Extra headers of a letter (a campaign's List-Unsubscribe and List-Unsubscribe-Post).
  headers?: Record<string, string>;
};
// A channel's way out. Resolve with the provider's id of what was sent; throw PermanentJobError
// when the provider refused for good (blocked bot, bad address): the message is marked failed.
// Any other error is retried with back-off. Use `message.id` as the provider's idempotency key
// where there is one (e-mail Message-ID).
export type Sender = (
  channel: OpenChannel,
  conversation: ConversationRow,
  message: OutboundMessage,
) => Promise<{ externalId: string }>;

export type InboxRuntime = {
  events: EventBus;
  senders: ReadonlyMap<ChannelKind, Sender>;
  sealer: Sealer | null;
};

// A process without a runtime (a CLI command seeding demo data) still announces what it commits.
const standalone: InboxRuntime = { events: new EventBus(), senders: new Map(), sealer: null };
let current: InboxRuntime = standalone;

export function useInboxRuntime(runtime: InboxRuntime): void {
  current = runtime;
}

export const inboxRuntime = (): InboxRuntime => current;

export const publish = (workspaceId: string, event: InboxEvent, tx?: Executor): Promise<void> =>
  current.events.publish(workspaceId, event, tx);

export const subscribe = (workspaceId: string, fn: (event: InboxEvent) => void): (() => void) =>
  current.events.subscribe(workspaceId, fn);
