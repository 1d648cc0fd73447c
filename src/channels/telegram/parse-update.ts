import { z } from 'zod';

// A Telegram Bot API Update (https://core.telegram.org/bots/api#update) → what the inbox stores.
// Only `message` (a client writing to the bot) becomes an inbound item; edits, channel posts,
// button presses, membership changes… are acknowledged and ignored.

const FileRef = z.object({
  file_id: z.string(),
  file_unique_id: z.string(),
  file_size: z.number().optional(),
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
});

const Message = z.object({
  message_id: z.number().int(),
  date: z.number().int(),
  chat: z.object({ id: z.number().int(), type: z.string(), title: z.string().optional() }),
  from: z
    .object({
      id: z.number().int(),
      is_bot: z.boolean().optional(),
      first_name: z.string().optional(),
      last_name: z.string().optional(),
      username: z.string().optional(),
    })
    .optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
  photo: z.array(FileRef).optional(),
  document: FileRef.optional(),
  audio: FileRef.optional(),
  video: FileRef.optional(),
  voice: FileRef.optional(),
  sticker: z.object({ emoji: z.string().optional() }).optional(),
  contact: z
    .object({
      phone_number: z.string(),
      first_name: z.string().optional(),
      last_name: z.string().optional(),
      user_id: z.number().int().optional(),
    })
    .optional(),
  location: z.object({ latitude: z.number(), longitude: z.number() }).optional(),
});

const Update = z.object({ update_id: z.number().int(), message: z.unknown().optional() });

export type TelegramFile = { fileId: string; name: string; type: string; size: number | null };

export type TelegramItem = {
  updateId: number;
  chatId: string;
  // The dedup key: chat id + message id, the message's identity for the bot. Not update_id alone:
  // after a week without updates Telegram picks the next update_id at random (Bot API, Update),
  // and a collision with a stored one would drop a client's message as a "repeat".
  messageKey: string;
  text: string | null;
  from: {
    name: string | null;
    phone: string | null;
    handle: { kind: 'telegram'; id: string } | null;
  };
  files: TelegramFile[];
  at: Date;
};

export type ParsedUpdate =
  | { kind: 'message'; item: TelegramItem }
  | { kind: 'ignored'; updateId: number | null; reason: string };

export function parseTelegramUpdate(body: unknown): ParsedUpdate {
  const update = Update.safeParse(body);
  if (!update.success) return { kind: 'ignored', updateId: null, reason: 'not an update' };
  const updateId = update.data.update_id;
  if (update.data.message === undefined)
    return { kind: 'ignored', updateId, reason: 'not a new message' };
  const parsed = Message.safeParse(update.data.message);
  if (!parsed.success) return { kind: 'ignored', updateId, reason: 'malformed message' };
  const m = parsed.data;
  if (m.from?.is_bot) return { kind: 'ignored', updateId, reason: 'from a bot' };
  const files = filesOf(m);
  const text = m.text ?? m.caption ?? describe(m) ?? null;
  // Service messages (members joining, a pinned message…) carry nothing to answer.
  if (text === null && !files.length) return { kind: 'ignored', updateId, reason: 'no content' };
  return {
    kind: 'message',
    item: {
      updateId,
      chatId: String(m.chat.id),
      messageKey: `${m.chat.id}:${m.message_id}`,
      text,
      from: {
        name:
          [m.from?.first_name, m.from?.last_name].filter(Boolean).join(' ') ||
          m.from?.username ||
          null,
        // A shared contact card of the writer themselves gives their phone (matching by phone).
        phone:
          m.contact && m.from && m.contact.user_id === m.from.id
            ? international(m.contact.phone_number)
            : null,
        handle: m.from ? { kind: 'telegram', id: String(m.from.id) } : null,
      },
      files,
      at: new Date(m.date * 1000),
    },
  };
}

type Msg = z.infer<typeof Message>;

// The largest size of a photo; documents, audio, video and voice notes as sent.
function filesOf(m: Msg): TelegramFile[] {
  const out: TelegramFile[] = [];
  const photo = m.photo?.at(-1);
  if (photo)
    out.push({
      fileId: photo.file_id,
      name: `photo_${photo.file_unique_id}.jpg`,
      type: 'image/jpeg',
      size: photo.file_size ?? null,
    });
  const kinds: [z.infer<typeof FileRef> | undefined, string, string][] = [
    [m.document, 'file', 'application/octet-stream'],
    [m.audio, 'audio', 'audio/mpeg'],
    [m.video, 'video', 'video/mp4'],
    [m.voice, 'voice', 'audio/ogg'],
  ];
  for (const [f, prefix, fallbackType] of kinds) {
    if (!f) continue;
    const ext = fallbackType.split('/')[1]!.replace('octet-stream', 'bin').replace('mpeg', 'mp3');
    out.push({
      fileId: f.file_id,
      name: f.file_name ?? `${prefix}_${f.file_unique_id}.${ext}`,
      type: f.mime_type ?? fallbackType,
      size: f.file_size ?? null,
    });
  }
  return out;
}

// Content with no text of its own still shows as something in the conversation.
function describe(m: Msg): string | null {
  if (m.sticker) return m.sticker.emoji ?? '[sticker]';
  if (m.contact)
    return `[contact] ${[m.contact.first_name, m.contact.last_name].filter(Boolean).join(' ')} ${m.contact.phone_number}`.trim();
  if (m.location) return `[location] ${m.location.latitude}, ${m.location.longitude}`;
  return null;
}

// Telegram gives a shared contact's number in international form, often without the plus.
const international = (phone: string) => (/^\d{10,15}$/.test(phone) ? `+${phone}` : phone);
