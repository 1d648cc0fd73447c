import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseVkCallback } from './parse-callback.js';

// Fixtures follow the Callback API's documented events (dev.vk.com/api/community-events/json-schema, API 5.199).
const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));

describe('parseVkCallback', () => {
  it('recognises the confirmation request with its community', () => {
    expect(parseVkCallback(fixture('confirmation'))).toEqual({
      kind: 'confirmation',
      groupId: 229876543,
    });
  });

  it('turns message_new into an item of the peer, keyed by the conversation message id', () => {
    expect(parseVkCallback(fixture('message-new'))).toEqual({
      kind: 'message',
      groupId: 229876543,
      secret: 'vk-secret-Zx81',
      item: {
        peerId: '512345678',
        messageKey: '512345678:317',
        text: 'Добрый день! Есть ли диван «Осло» в сером цвете?',
        from: { handle: { kind: 'vk', id: '512345678' } },
        at: new Date(1767261600 * 1000),
      },
    });
  });

  it('says what was attached when a message has no text', () => {
    const parsed = parseVkCallback(fixture('message-new-doc'));
    if (parsed.kind !== 'message') throw new Error(parsed.kind);
    expect(parsed.item.text).toBe('[doc] ТЗ на кухню.pdf\n[photo]');
  });

  it("acknowledges other events and the community's own replies without an item", () => {
    expect(parseVkCallback(fixture('message-reply'))).toMatchObject({
      kind: 'other',
      type: 'message_reply',
      secret: 'vk-secret-Zx81',
    });
    const own = fixture('message-new');
    own.object.message.out = 1;
    expect(parseVkCallback(own)).toMatchObject({ kind: 'other' });
  });

  it('refuses what is not a callback event', () => {
    expect(parseVkCallback({ hello: 1 })).toEqual({ kind: 'invalid' });
    expect(parseVkCallback(null)).toEqual({ kind: 'invalid' });
  });
});
