import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

// WhatsApp Cloud API webhooks (developers.facebook.com/documentation/business-messaging/whatsapp/webhooks):
// a POST signed with X-Hub-Signature-256 = "sha256=" + hex HMAC-SHA256 of the exact body bytes under
// the app secret; `entry[].changes[]` with field "messages" carry `value.messages[]` (a client
// writing) and `value.statuses[]` (delivery of what we sent; ignored here).

// Constant time; anything but a well-formed "sha256=<64 hex>" fails.
export function isValidSignature(
  rawBody: Buffer,
  header: string | null,
  appSecret: string | null | undefined,
): boolean {
  if (!appSecret || !header) return false;
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!m) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(m[1]!, 'hex'));
}

const Media = z.object({
  id: z.string().optional(),
  mime_type: z.string().optional(),
  caption: z.string().optional(),
  filename: z.string().optional(),
});

const Message = z.object({
  from: z.string(),
  id: z.string(),
  timestamp: z.string(),
  type: z.string(),
  text: z.object({ body: z.string() }).optional(),
  image: Media.optional(),
  document: Media.optional(),
  video: Media.optional(),
  audio: Media.optional(),
  sticker: Media.optional(),
  location: z
    .object({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  button: z.object({ text: z.string() }).optional(),
  interactive: z
    .object({
      button_reply: z.object({ title: z.string() }).optional(),
      list_reply: z.object({ title: z.string() }).optional(),
    })
    .optional(),
});

const Value = z.object({
  metadata: z.object({ phone_number_id: z.string() }).optional(),
  contacts: z
    .array(
      z.object({
        wa_id: z.string(),
        profile: z.object({ name: z.string().optional() }).optional(),
      }),
    )
    .optional(),
  messages: z.array(z.unknown()).optional(),
});

const Payload = z.object({
  object: z.string(),
  entry: z.array(
    z.object({ changes: z.array(z.object({ field: z.string(), value: z.unknown() })).optional() }),
  ),
});

export type WhatsAppItem = {
  waId: string;
  messageId: string;
  phoneNumberId: string | null;
  text: string | null;
  from: { name: string | null; phone: string; handle: { kind: 'whatsapp'; id: string } };
  at: Date;
};

// Every client message in a delivery (Meta may batch several); statuses and other fields give none.
export function parseWhatsAppWebhook(body: unknown): WhatsAppItem[] | null {
  const payload = Payload.safeParse(body);
  if (!payload.success || payload.data.object !== 'whatsapp_business_account') return null;
  const items: WhatsAppItem[] = [];
  for (const change of payload.data.entry.flatMap((e) => e.changes ?? [])) {
    if (change.field !== 'messages') continue;
    const value = Value.safeParse(change.value);
    if (!value.success) continue;
    const names = new Map(
      (value.data.contacts ?? []).map((c) => [c.wa_id, c.profile?.name ?? null]),
    );
    for (const raw of value.data.messages ?? []) {
      const m = Message.safeParse(raw);
      if (!m.success) continue;
      items.push({
        waId: m.data.from,
        messageId: m.data.id,
        phoneNumberId: value.data.metadata?.phone_number_id ?? null,
        text: textOf(m.data),
        // A WhatsApp id is the client's number in international form without the plus.
        from: {
          name: names.get(m.data.from) ?? null,
          phone: /^\d{7,15}$/.test(m.data.from) ? `+${m.data.from}` : m.data.from,
          handle: { kind: 'whatsapp', id: m.data.from },
        },
        at: new Date(Number(m.data.timestamp) * 1000 || Date.now()),
      });
    }
  }
  return items;
}

type Msg = z.infer<typeof Message>;

// Media stays at Meta (it needs the access token and expires); the conversation says what came.
function textOf(m: Msg): string {
  if (m.text) return m.text.body;
  const media = m.image ?? m.document ?? m.video ?? m.audio ?? m.sticker;
  if (media)
    return [
      `[${m.type}${media.filename ? `: ${media.filename}` : ''}${media.mime_type ? `, ${media.mime_type}` : ''}]`,
      media.caption,
    ]
      .filter(Boolean)
      .join(' ');
  if (m.location)
    return `[location] ${m.location.latitude}, ${m.location.longitude}${m.location.name ? ` ${m.location.name}` : ''}${m.location.address ? `, ${m.location.address}` : ''}`;
  if (m.button) return m.button.text;
  const reply = m.interactive?.button_reply ?? m.interactive?.list_reply;
  if (reply) return reply.title;
  return `[${m.type}]`;
}
