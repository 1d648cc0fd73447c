import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isMangoSignatureValid,
  mangoNumber,
  mangoRecordingLink,
  parseMangoEvent,
  readMangoForm,
  signMango,
  type MangoResult,
} from './mango.js';

// Fixtures follow the examples of MangoOffice_VPBX_API v1.9 (§3.1.2 events/call, §3.1.6
// events/summary, §3.1.8 events/record/added): an inbound call through the voice menu to
// extension 101, a call to extension 102 nobody picked up, and an outbound call from 101.
type Step = { type: string; json: unknown };
const fixture = (name: string): Step[] =>
  JSON.parse(fs.readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));

const calls = (steps: Step[]) =>
  steps
    .map((s) => parseMangoEvent(s.type, s.json))
    .filter((r): r is Extract<MangoResult, { kind: 'call' }> => r.ok && r.kind === 'call')
    .map((r) => r.event);

describe('Mango signature', () => {
  const secrets = { apiKey: 'vpbx-key-1', apiSalt: 'salt-1' };
  const json = '{"entry_id":"e1","call_id":"c1","call_state":"Appeared"}';
  const form = (over: Partial<Record<'vpbx_api_key' | 'sign' | 'json', string>> = {}) =>
    Buffer.from(
      new URLSearchParams({
        vpbx_api_key: secrets.apiKey,
        json,
        sign: signMango(secrets.apiKey, json, secrets.apiSalt),
        ...over,
      }).toString(),
    );

  it('accepts sha256(vpbx_api_key + json + vpbx_api_salt) over the json as sent', () => {
    expect(isMangoSignatureValid(readMangoForm(form())!, secrets)).toBe(true);
  });

  it('refuses a wrong sign, another product key, a changed json or a channel without a salt', () => {
    expect(isMangoSignatureValid(readMangoForm(form({ sign: 'a'.repeat(64) }))!, secrets)).toBe(
      false,
    );
    expect(isMangoSignatureValid(readMangoForm(form({ vpbx_api_key: 'other' }))!, secrets)).toBe(
      false,
    );
    expect(
      isMangoSignatureValid(readMangoForm(form({ json: json.replace('c1', 'c2') }))!, secrets),
    ).toBe(false);
    expect(isMangoSignatureValid(readMangoForm(form({ sign: 'not hex' }))!, secrets)).toBe(false);
    expect(isMangoSignatureValid(readMangoForm(form())!, { apiKey: secrets.apiKey })).toBe(false);
  });

  it('needs all three form fields', () => {
    expect(readMangoForm(Buffer.from('vpbx_api_key=k&json=%7B%7D'))).toBeNull();
  });
});

describe('parseMangoEvent', () => {
  it('reads an answered inbound call as ringing at 101, answered, and ended after 95 s of talk', () => {
    const events = calls(fixture('mango-answered'));
    expect(events.map((e) => [e.kind, e.externalId])).toEqual([
      ['ringing', 'MToxMDA1NzU5Mzo1MDI6NjI1ODM4MzU=:Appeared'],
      ['answered', 'MToxMDA1NzU5Mzo1MDI6NjI1ODM4MzU=:Connected'],
      ['ended', 'MTAwNTc1OTM6NTAy:summary'],
    ]);
    // Every event names the whole call (entry_id), so they update one activity.
    expect(new Set(events.map((e) => e.callId))).toEqual(new Set(['MTAwNTc1OTM6NTAy']));
    expect(events[0]).toMatchObject({
      direction: 'in',
      clientNumber: '+79151112233',
      lineNumber: '+74951234567',
      manager: { extension: '101', phone: null },
    });
    expect(events[0]!.at).toEqual(new Date(1764230405 * 1000));
    expect(events[2]).toMatchObject({ durationSec: 95, manager: { extension: '101' } });
  });

  it('ignores the voice-menu leg and each leg’s disconnect (the summary is the final word)', () => {
    const results = fixture('mango-answered').map((s) => parseMangoEvent(s.type, s.json));
    expect(
      results
        .filter((r) => r.ok && r.kind === 'ignored')
        .map((r) => (r as { reason: string }).reason),
    ).toEqual(['ringing in ivr', 'call state Disconnected', 'call state Disconnected']);
  });

  it('reads a call nobody picked up as missed for the first employee it rang', () => {
    const events = calls(fixture('mango-missed'));
    expect(events.map((e) => e.kind)).toEqual(['ringing', 'missed']);
    expect(events[1]).toMatchObject({
      clientNumber: '+79267778899',
      durationSec: 0,
      manager: { extension: '102', phone: '+79031234567' },
    });
  });

  it('reads an outbound call: no pop-up, the client is the callee, the employee the caller', () => {
    const events = calls(fixture('mango-outbound'));
    expect(events.map((e) => [e.kind, e.direction])).toEqual([
      ['answered', 'out'],
      ['ended', 'out'],
    ]);
    expect(events[1]).toMatchObject({
      clientNumber: '+79151112233',
      durationSec: 60,
      manager: { extension: '101', phone: null },
    });
  });

  it('treats a call that ended in the voice menu as missed: nobody talked to the client', () => {
    const r = parseMangoEvent('events/summary', {
      entry_id: 'e',
      call_direction: 1,
      from: { number: '79000000000' },
      to: {},
      line_number: '7800123456789',
      create_time: 1399906976,
      talk_time: 0,
      end_time: 1399906990,
      entry_result: 1,
      disconnect_reason: 1170,
    });
    expect(r).toMatchObject({
      ok: true,
      kind: 'call',
      event: { kind: 'missed', manager: { extension: null } },
    });
  });

  it('reads a recording placed in the cloud storage', () => {
    const steps = fixture('mango-answered');
    expect(parseMangoEvent(steps[6]!.type, steps[6]!.json)).toEqual({
      ok: true,
      kind: 'recording',
      recording: { callId: 'MTAwNTc1OTM6NTAy', recordingId: 'MToxMDAwNjA4NTo1MDA5NDExMDIyOjE=' },
    });
  });

  it('names the field of a payload it cannot read, and acknowledges events it does not read', () => {
    expect(parseMangoEvent('events/call', { call_id: 'c', call_state: 'Appeared' })).toMatchObject({
      ok: false,
      field: 'json.entry_id',
    });
    expect(
      parseMangoEvent('events/summary', { entry_id: 'e', call_direction: 'inbound' }),
    ).toMatchObject({ ok: false, field: 'json.call_direction' });
    expect(parseMangoEvent('events/dtmf', {})).toMatchObject({ ok: true, kind: 'ignored' });
    expect(parseMangoEvent('events/summary', { entry_id: 'e', call_direction: 0 })).toMatchObject({
      ok: true,
      kind: 'ignored',
      reason: 'internal call',
    });
  });
});

describe('Mango numbers and recording links', () => {
  it('adds the "+" Mango leaves out, and keeps SIP addresses', () => {
    expect(mangoNumber('79001234567')).toBe('+79001234567');
    expect(mangoNumber('sip:user@x.mangosip.ru')).toBe('sip:user@x.mangosip.ru');
    expect(mangoNumber('101')).toBe('101');
  });

  it('signs a play link as sha256(key + timestamp + recording_id + salt)', () => {
    const link = mangoRecordingLink(
      'rec/1=',
      { apiKey: 'k', apiSalt: 's' },
      new Date(1_700_000_000_000),
    );
    expect(link).toBe(
      `https://app.mango-office.ru/vpbx/queries/recording/link/rec%2F1%3D/play/k/1700000000/${signMango('k', '1700000000rec/1=', 's')}`,
    );
  });
});
