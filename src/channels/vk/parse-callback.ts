import { z } from 'zod';

// A VK Callback API event (dev.vk.com/api/callback/getting-started) → what the inbox does with it.
// `confirmation` asks for the server's confirmation string; `message_new` (API 5.103+: the message
// under object.message) is a client writing to the community; every other event is acknowledged.

const Envelope = z.object({
  type: z.string(),
  group_id: z.number().int().optional(),
  event_id: z.string().optional(),
  secret: z.string().optional(),
  object: z.unknown().optional(),
});

const Attachment = z.object({
  type: z.string(),
  doc: z.object({ title: z.string().optional() }).optional(),
});

const MessageNew = z.object({
  message: z.object({
    id: z.number().int(),
    date: z.number().int(),
    peer_id: z.number().int(),
    from_id: z.number().int(),
    text: z.string().optional(),
    out: z.number().int().optional(),
    conversation_message_id: z.number().int().optional(),
    attachments: z.array(Attachment).optional(),
  }),
});

export type VkItem = {
  peerId: string;
  messageKey: string;
  text: string | null;
  from: { handle: { kind: 'vk'; id: string } };
  at: Date;
};

export type ParsedCallback =
  | { kind: 'invalid' }
  | { kind: 'confirmation'; groupId: number | null }
  | { kind: 'message'; groupId: number | null; secret: string | null; item: VkItem }
  | { kind: 'other'; groupId: number | null; secret: string | null; type: string };

export function parseVkCallback(body: unknown): ParsedCallback {
  const env = Envelope.safeParse(body);
  if (!env.success) return { kind: 'invalid' };
  const { type, group_id: groupId = null, secret = null } = env.data;
  if (type === 'confirmation') return { kind: 'confirmation', groupId };
  if (type !== 'message_new') return { kind: 'other', groupId, secret, type };
  const parsed = MessageNew.safeParse(env.data.object);
  if (!parsed.success) return { kind: 'other', groupId, secret, type: 'message_new (unreadable)' };
  const m = parsed.data.message;
  // The community's own messages (out, or a community as author) are not a client writing.
  if (m.out === 1 || m.from_id <= 0)
    return { kind: 'other', groupId, secret, type: 'message_new (outgoing)' };
  const text =
    [m.text || null, ...(m.attachments ?? []).map(describe)].filter(Boolean).join('\n') || null;
  return {
    kind: 'message',
    groupId,
    secret,
    item: {
      peerId: String(m.peer_id),
      // A message's identity in its conversation: unlike `id` (0 in group chats) it is always set;
      // a redelivered event, or the same message through a second callback server, has it too.
      messageKey:
        m.conversation_message_id !== undefined
          ? `${m.peer_id}:${m.conversation_message_id}`
          : `${m.peer_id}:id${m.id}`,
      text,
      from: { handle: { kind: 'vk', id: String(m.from_id) } },
      at: new Date(m.date * 1000),
    },
  };
}

// Attachments stay at VK; the conversation says what came.
function describe(a: z.infer<typeof Attachment>): string {
  if (a.type === 'doc') return `[doc] ${a.doc?.title ?? ''}`.trim();
  return `[${a.type}]`;
}
