import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isValidSignature, parseWhatsAppWebhook } from './parse-webhook.js';

// Fixtures follow Meta's "messages webhook reference" payloads (text, image, status).
const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));

describe('parseWhatsAppWebhook', () => {
  it('turns a text message into an item of the wa_id with the profile name and phone', () => {
    expect(parseWhatsAppWebhook(fixture('text-message'))).toEqual([
      {
        waId: '79161234567',
        messageId: 'wamid.HBgLNzkxNjEyMzQ1NjcVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
        phoneNumberId: '106540352242922',
        text: 'Добрый день, хочу заказать кухню',
        from: {
          name: 'Олег Ветров',
          phone: '+79161234567',
          handle: { kind: 'whatsapp', id: '79161234567' },
        },
        at: new Date(1767261600 * 1000),
      },
    ]);
  });

  it('describes media with its caption instead of downloading it', () => {
    expect(parseWhatsAppWebhook(fixture('image-message'))?.[0]?.text).toBe(
      '[image, image/jpeg] Размеры кухни',
    );
  });

  it('gives no items for delivery statuses, and null for what is not a WhatsApp payload', () => {
    expect(parseWhatsAppWebhook(fixture('status-update'))).toEqual([]);
    expect(parseWhatsAppWebhook({ object: 'page', entry: [] })).toBeNull();
    expect(parseWhatsAppWebhook('x')).toBeNull();
  });
});

describe('isValidSignature', () => {
  const body = Buffer.from(JSON.stringify(fixture('text-message')));
  const sign = (bytes: Buffer, secret: string) =>
    `sha256=${createHmac('sha256', secret).update(bytes).digest('hex')}`;

  it('accepts the HMAC of the exact bytes under the app secret', () => {
    expect(isValidSignature(body, sign(body, 'app-secret'), 'app-secret')).toBe(true);
  });

  it('refuses another secret, changed bytes, a malformed header or no secret configured', () => {
    expect(isValidSignature(body, sign(body, 'other'), 'app-secret')).toBe(false);
    expect(
      isValidSignature(
        Buffer.concat([body, Buffer.from(' ')]),
        sign(body, 'app-secret'),
        'app-secret',
      ),
    ).toBe(false);
    expect(isValidSignature(body, 'sha1=abc', 'app-secret')).toBe(false);
    expect(isValidSignature(body, null, 'app-secret')).toBe(false);
    expect(isValidSignature(body, sign(body, ''), '')).toBe(false);
  });
});
