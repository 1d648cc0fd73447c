import { describe, expect, it } from 'vitest';
import { isGenericSignatureValid, parseGenericEvent, signGeneric } from './generic.js';

const now = new Date('2026-11-27T10:00:00Z');

describe('generic call-event signature', () => {
  const body = Buffer.from('{"event":"ringing"}');

  it('accepts sha256=<hex HMAC-SHA256 of the raw body>', () => {
    expect(isGenericSignatureValid('s3cret', body, signGeneric('s3cret', body))).toBe(true);
    expect(
      isGenericSignatureValid(
        's3cret',
        body,
        signGeneric('s3cret', body).toUpperCase().replace('SHA256', 'sha256'),
      ),
    ).toBe(true);
  });

  it('refuses another secret, another body, a bare hex, no header and a channel without a secret', () => {
    expect(isGenericSignatureValid('s3cret', body, signGeneric('other', body))).toBe(false);
    expect(
      isGenericSignatureValid(
        's3cret',
        Buffer.from('{"event":"missed"}'),
        signGeneric('s3cret', body),
      ),
    ).toBe(false);
    expect(isGenericSignatureValid('s3cret', body, signGeneric('s3cret', body).slice(7))).toBe(
      false,
    );
    expect(isGenericSignatureValid('s3cret', body, null)).toBe(false);
    expect(isGenericSignatureValid(undefined, body, signGeneric('', body))).toBe(false);
  });
});

describe('parseGenericEvent', () => {
  it('reads an inbound ringing: the client is "from", the manager by extension', () => {
    const r = parseGenericEvent(
      {
        event: 'ringing',
        call_id: 'pbx-1',
        direction: 'in',
        from: '8 (915) 111-22-33',
        to: '+74951234567',
        manager_extension: '101',
        started_at: '2026-11-27T12:59:00+03:00',
      },
      now,
    );
    expect(r).toEqual({
      ok: true,
      event: {
        kind: 'ringing',
        callId: 'pbx-1',
        externalId: 'pbx-1:ringing',
        direction: 'in',
        clientNumber: '8 (915) 111-22-33',
        lineNumber: '+74951234567',
        manager: { extension: '101', phone: null, email: null },
        at: new Date('2026-11-27T09:59:00Z'),
        durationSec: null,
        recordingUrl: null,
      },
    });
  });

  it('reads an outbound ended call: the client is "to", with duration and recording link', () => {
    const r = parseGenericEvent(
      {
        event: 'ended',
        call_id: 'pbx-2',
        direction: 'out',
        from: '101',
        to: '+79151112233',
        manager_email: 'Anna@Romashka.ru',
        duration: 95,
        recording_url: 'https://pbx.example.ru/rec/2.mp3',
        extra: 'ignored',
      },
      now,
    );
    expect(r).toMatchObject({
      ok: true,
      event: {
        kind: 'ended',
        clientNumber: '+79151112233',
        lineNumber: '101',
        manager: { email: 'anna@romashka.ru' },
        at: now,
        durationSec: 95,
        recordingUrl: 'https://pbx.example.ru/rec/2.mp3',
      },
    });
  });

  it('names the field that is wrong', () => {
    expect(parseGenericEvent({ event: 'hangup', call_id: 'x', direction: 'in' })).toMatchObject({
      ok: false,
      field: 'event',
    });
    expect(parseGenericEvent({ event: 'ended', direction: 'in' })).toMatchObject({
      ok: false,
      field: 'call_id',
    });
    expect(
      parseGenericEvent({ event: 'ended', call_id: 'x', direction: 'in', duration: -1 }),
    ).toMatchObject({ ok: false, field: 'duration' });
    expect(
      parseGenericEvent({
        event: 'ended',
        call_id: 'x',
        direction: 'in',
        recording_url: 'javascript:alert(1)',
      }),
    ).toMatchObject({ ok: false, field: 'recording_url' });
    expect(
      parseGenericEvent({ event: 'ended', call_id: 'x', direction: 'in', started_at: 'yesterday' }),
    ).toMatchObject({ ok: false, field: 'started_at' });
    expect(parseGenericEvent(null)).toMatchObject({ ok: false, field: 'body' });
  });
});
