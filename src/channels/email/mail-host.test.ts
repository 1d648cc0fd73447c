import { afterEach, describe, expect, it } from 'vitest';
import { allowPrivateMailHosts, checkMailHost, isPublicAddress } from './mail-host.js';
import { outboundFetch } from '../../platform/net/outbound.js';

afterEach(() => allowPrivateMailHosts(false));

describe('mail hosts a workspace may make Voronka connect to', () => {
  it('refuses loopback, private, link-local and metadata addresses in every spelling', () => {
    for (const a of [
      '127.0.0.1',
      '10.1.2.3',
      '172.16.0.5',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
      '::ffff:a9fe:a9fe',
      '64:ff9b::a00:1',
      // IPv4-compatible, IPv4-translated, 6to4, local-use NAT64 and Teredo spellings of private addresses.
      '::7f00:1',
      '::ffff:0:7f00:1',
      '2002:7f00:1::1',
      '2002:a9fe:a9fe::1',
      '64:ff9b:1::7f00:1',
      '2001::1',
      '100::1',
      '2001:db8::1',
      'ff02::1',
      '192.0.0.8',
      '198.18.0.1',
      '255.255.255.255',
      '240.0.0.1',
      'not-an-address',
    ]) {
      expect(isPublicAddress(a), a).toBe(false);
    }
    for (const a of [
      '77.88.21.8',
      '94.100.180.200',
      '2a02:6b8::2:242',
      '::ffff:4d58:1508',
      '2002:4d58:1508::1',
      '64:ff9b::4d58:1508',
    ])
      expect(isPublicAddress(a), a).toBe(true);
  });

  it('resolves names and short or numeric IPv4 forms before judging them', async () => {
    await expect(checkMailHost('localhost')).rejects.toThrow(/private or local/);
    await expect(checkMailHost('127.1')).rejects.toThrow(/VORONKA_MAIL_PRIVATE_HOSTS=allow/);
    await expect(checkMailHost('2130706433')).rejects.toThrow(/private or local/);
    await expect(checkMailHost('[::1]')).rejects.toThrow(/private or local/);
  });

  it('lets an operator allow an on-premises server, and connects to the address it checked', async () => {
    allowPrivateMailHosts(true);
    await expect(checkMailHost('127.0.0.1')).resolves.toEqual({
      address: '127.0.0.1',
      servername: undefined,
    });
    await expect(checkMailHost('localhost')).resolves.toMatchObject({ servername: 'localhost' });
  });
});

describe('the one HTTP client for provider APIs', () => {
  it('refuses to connect to a private address unless the operator allowed provider overrides', async () => {
    const saved = process.env.VORONKA_CHANNEL_API_OVERRIDES;
    delete process.env.VORONKA_CHANNEL_API_OVERRIDES;
    try {
      // Nothing listens there: the refusal comes from the guarded lookup, before any connection.
      await expect(outboundFetch('http://localhost:65000/x')).rejects.toMatchObject({
        cause: { message: expect.stringMatching(/private or local/) },
      });
      await expect(outboundFetch('http://[::ffff:7f00:1]:65000/x')).rejects.toThrow(
        /private or local/,
      );
      await expect(outboundFetch('http://[2002:7f00:1::1]:65000/x')).rejects.toThrow(
        /private or local/,
      );
      await expect(outboundFetch('http://169.254.169.254/latest/meta-data/')).rejects.toThrow(
        /private or local/,
      );
    } finally {
      if (saved === undefined) delete process.env.VORONKA_CHANNEL_API_OVERRIDES;
      else process.env.VORONKA_CHANNEL_API_OVERRIDES = saved;
    }
  });
});
