import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTelegramUpdate } from './parse-update.js';

// Fixtures are Update objects shaped as the Bot API documents them (core.telegram.org/bots/api#update).
const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));

describe('parseTelegramUpdate', () => {
  it('turns a text message into an item of the chat, keyed by chat and message id', () => {
    const parsed = parseTelegramUpdate(fixture('text-message'));
    expect(parsed).toEqual({
      kind: 'message',
      item: {
        updateId: 745120311,
        chatId: '394821755',
        messageKey: '394821755:52',
        text: 'Здравствуйте! Сколько стоит доставка в Казань?',
        from: {
          name: 'Мария Соколова',
          phone: null,
          handle: { kind: 'telegram', id: '394821755' },
        },
        files: [],
        at: new Date(1767261600 * 1000),
      },
    });
  });

  it('takes the caption as text and the largest size of a photo', () => {
    const parsed = parseTelegramUpdate(fixture('photo-message'));
    if (parsed.kind !== 'message') throw new Error(parsed.reason);
    expect(parsed.item.text).toBe('Вот такой диван нужен');
    expect(parsed.item.files).toEqual([
      {
        fileId: 'AgACAgIAAxkBAAM1Z-large',
        name: 'photo_AQADlarge.jpg',
        type: 'image/jpeg',
        size: 20512,
      },
    ]);
  });

  it('keeps a document with its name and type, and no text', () => {
    const parsed = parseTelegramUpdate(fixture('document-message'));
    if (parsed.kind !== 'message') throw new Error(parsed.reason);
    expect(parsed.item.text).toBeNull();
    expect(parsed.item.from.name).toBe('Мария');
    expect(parsed.item.files).toEqual([
      {
        fileId: 'BQACAgIAAxkBAAM2Z-doc',
        name: 'Реквизиты ООО Ромашка.pdf',
        type: 'application/pdf',
        size: 48213,
      },
    ]);
  });

  it("takes the writer's own shared contact as their phone", () => {
    const parsed = parseTelegramUpdate(fixture('contact-message'));
    if (parsed.kind !== 'message') throw new Error(parsed.reason);
    expect(parsed.item.from.phone).toBe('+79123456789');
    expect(parsed.item.text).toBe('[contact] Мария Соколова 79123456789');
  });

  it('ignores edits, button presses and membership changes', () => {
    expect(parseTelegramUpdate(fixture('edited-message'))).toMatchObject({
      kind: 'ignored',
      updateId: 745120314,
    });
    expect(parseTelegramUpdate(fixture('callback-query'))).toMatchObject({
      kind: 'ignored',
      updateId: 745120315,
    });
    expect(parseTelegramUpdate(fixture('my-chat-member'))).toMatchObject({
      kind: 'ignored',
      updateId: 745120316,
    });
  });

  it('ignores service messages and anything that is not an update', () => {
    const joined = {
      update_id: 9,
      message: {
        message_id: 1,
        date: 1767261600,
        chat: { id: -100, type: 'group', title: 'Отдел' },
        from: { id: 5, is_bot: false, first_name: 'А' },
        new_chat_members: [{ id: 6, is_bot: false, first_name: 'Б' }],
      },
    };
    expect(parseTelegramUpdate(joined)).toMatchObject({ kind: 'ignored', reason: 'no content' });
    expect(parseTelegramUpdate({ hello: 'world' })).toMatchObject({
      kind: 'ignored',
      updateId: null,
    });
    expect(parseTelegramUpdate(null)).toMatchObject({ kind: 'ignored', updateId: null });
  });
});
