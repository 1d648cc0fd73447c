import { describe, expect, it } from 'vitest';
import { findBadInput } from './input-guard.js';

describe('input guard', () => {
  it('names the nested field that carries a NUL', () => {
    expect(findBadInput({ contact: { phones: ['+7', 'a\u0000b'] } })).toEqual({
      field: 'contact.phones.1',
      reason: 'contains control characters',
    });
  });
  it('allows tabs and line breaks in text', () => {
    expect(findBadInput({ note: 'строка 1\r\nстрока 2\tконец' })).toBeNull();
  });
  it('refuses prototype-polluting keys', () => {
    expect(findBadInput(JSON.parse('{"a":{"__proto__":{"admin":true}}}'))).toEqual({
      field: 'a.__proto__',
      reason: 'key not allowed',
    });
    expect(findBadInput({ constructor: {} })?.reason).toBe('key not allowed');
  });
  it('passes ordinary Cyrillic input', () => {
    expect(findBadInput({ name: 'ООО «Ромашка»', count: 3, ok: true, none: null })).toBeNull();
  });
  it('leaves a binary upload to its parser instead of walking it byte by byte', () => {
    // Object.keys over a 12 MB Buffer made 12 million strings: an import upload ran out of memory.
    const upload = Buffer.alloc(4_000_000, 0);
    const before = process.memoryUsage().heapUsed;
    expect(findBadInput(upload)).toBeNull();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50_000_000);
  });
});
