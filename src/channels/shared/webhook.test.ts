import { afterEach, describe, expect, it } from 'vitest';
import { isSameSecret, providerBase, RawBody, readJson, stripControl } from './webhook.js';

describe('isSameSecret', () => {
  it('matches only the configured secret, and never when none is configured', () => {
    expect(isSameSecret('s3cret', 's3cret')).toBe(true);
    expect(isSameSecret('s3cre', 's3cret')).toBe(false);
    expect(isSameSecret('s3cret-and-more', 's3cret')).toBe(false);
    expect(isSameSecret(null, 's3cret')).toBe(false);
    expect(isSameSecret('', '')).toBe(false);
    expect(isSameSecret('x', undefined)).toBe(false);
  });
});

describe('readJson', () => {
  it('parses the raw bytes and drops control characters a database cannot hold', () => {
    expect(readJson(new RawBody(Buffer.from('{"text":"a\\u0000b\\u0007c\\nd"}')))).toEqual({
      text: 'abc\nd',
    });
    expect(stripControl(['x\u001f', 1, null])).toEqual(['x', 1, null]);
    const parsed = readJson(
      new RawBody(Buffer.from('{"__proto__":{"polluted":true},"ok":1}')),
    ) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['ok']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives null for what is not JSON or not a raw body', () => {
    expect(readJson(new RawBody(Buffer.from('{oops')))).toBeNull();
    expect(readJson(new RawBody(Buffer.alloc(0)))).toBeNull();
    expect(readJson({ already: 'parsed' })).toBeNull();
  });
});

describe('providerBase', () => {
  afterEach(() => {
    delete process.env.VORONKA_CHANNEL_API_OVERRIDES;
  });

  it("uses the provider's own address unless the operator allows overrides", () => {
    expect(providerBase('http://10.0.0.5:8081', 'https://api.telegram.org')).toBe(
      'https://api.telegram.org',
    );
    process.env.VORONKA_CHANNEL_API_OVERRIDES = 'on';
    expect(providerBase('http://10.0.0.5:8081/', 'https://api.telegram.org')).toBe(
      'http://10.0.0.5:8081',
    );
    expect(providerBase(undefined, 'https://api.telegram.org')).toBe('https://api.telegram.org');
  });

  it('refuses an override with credentials, a query or another scheme', () => {
    process.env.VORONKA_CHANNEL_API_OVERRIDES = 'on';
    expect(() => providerBase('http://user:pw@host', 'https://x')).toThrow();
    expect(() => providerBase('http://host/?a=1', 'https://x')).toThrow();
    expect(() => providerBase('file:///etc/passwd', 'https://x')).toThrow();
    expect(() => providerBase('not a url', 'https://x')).toThrow();
  });
});
