import { InputFile } from 'grammy';
import type * as inbox from '../../modules/inbox/service.js';
import { PermanentJobError } from '../../platform/jobs/jobs.js';
import { splitText } from '../shared/text.js';
import { classifyTelegramError, telegramApi } from './bot-api.js';

const TEXT_LIMIT = 4096;
const CAPTION_LIMIT = 1024;

// A reply to a Telegram chat: the text (split at Telegram's 4096 characters), then each file as a
// document, the text becoming the first file's caption when it fits. The provider id is
// "<chat id>:<message id>" (Telegram numbers messages per chat).
export const sendTelegram: inbox.Sender = async (channel, conversation, message) => {
  const token = channel.secrets.botToken;
  if (!token) throw new PermanentJobError('the channel has no bot token');
  const api = telegramApi(channel.settings, token);
  const chatId = conversation.threadKey;
  const text = message.text?.trim() ?? '';
  const files = message.attachments;
  const asCaption = files.length > 0 && text.length > 0 && text.length <= CAPTION_LIMIT;
  const sent: number[] = [];
  try {
    if (!asCaption)
      for (const part of splitText(text, TEXT_LIMIT))
        sent.push((await api.sendMessage(chatId, part)).message_id);
    for (const [i, f] of files.entries()) {
      const other = i === 0 && asCaption ? { caption: text } : {};
      sent.push(
        (await api.sendDocument(chatId, new InputFile(f.content, f.name), other)).message_id,
      );
    }
  } catch (err) {
    const classified = classifyTelegramError(err);
    // Part of it reached the client: a retry would repeat that part, so it stops here.
    if (sent.length)
      throw new PermanentJobError(
        `partly sent (${sent.length} part(s)), then: ${classified.message}`,
      );
    throw classified;
  }
  if (!sent.length) throw new PermanentJobError('nothing to send: no text and no files');
  return { externalId: `${chatId}:${sent[0]}` };
};
