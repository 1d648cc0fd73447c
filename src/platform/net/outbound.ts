import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, fetch as undiciFetch } from 'undici';

// Every connection the server opens on a workspace's behalf (IMAP, SMTP, provider APIs) goes
// through this module: the host is resolved, and every address must be public unicast unless the
// operator allowed private ones. Address ranges come from ipaddr.js, not hand-written masks, and
// IPv4 carried inside IPv6 (mapped, translated, NAT64, 6to4, IPv4-compatible) is judged as the IPv4
// it is. For HTTP the check sits in the connection's own DNS lookup, so the address judged is the
// address connected to (no window for DNS rebinding).

export class OutboundRefused extends Error {}

// Private addresses are reached only where the operator said so: VORONKA_MAIL_PRIVATE_HOSTS=allow
// (an on-premises mail server, set at start-up) and VORONKA_CHANNEL_API_OVERRIDES=on (channels may
// name another provider address: a self-hosted Bot API, the tests' stand-ins; read where used, as
// channels/shared/webhook.ts's providerBase reads it).
let privateMail = false;
export function allowPrivateOutbound(kind: 'mail', on: boolean): void {
  if (kind === 'mail') privateMail = on;
}
const privateAllowed = (kind: 'mail' | 'http') =>
  kind === 'mail' ? privateMail : process.env.VORONKA_CHANNEL_API_OVERRIDES === 'on';

const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');
const LOCAL_NAT64 = ipaddr.parseCIDR('64:ff9b:1::/48');

function embeddedIpv4(a: ipaddr.IPv6): ipaddr.IPv4 | null {
  const b = a.toByteArray();
  const range = a.range();
  if (range === 'ipv4Mapped' || range === 'rfc6145' || range === 'rfc6052')
    return new ipaddr.IPv4(b.slice(12, 16));
  if (range === '6to4') return new ipaddr.IPv4(b.slice(2, 6));
  // IPv4-compatible ::a.b.c.d (deprecated, still routed by some stacks).
  if (b.slice(0, 12).every((x) => x === 0)) return new ipaddr.IPv4(b.slice(12, 16));
  return null;
}

export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const a = ipaddr.parse(address);
  if (a.kind() === 'ipv4') return a.range() === 'unicast';
  const v6 = a as ipaddr.IPv6;
  if (v6.match(LOCAL_NAT64)) return false;
  const v4 = embeddedIpv4(v6);
  if (v4) return v4.range() === 'unicast';
  return v6.range() === 'unicast' && v6.match(GLOBAL_UNICAST);
}

function refuse(host: string, kind: 'mail' | 'http'): OutboundRefused {
  const setting =
    kind === 'mail' ? 'VORONKA_MAIL_PRIVATE_HOSTS=allow' : 'VORONKA_CHANNEL_API_OVERRIDES=on';
  return new OutboundRefused(`${host} is a private or local address; reaching it needs ${setting}`);
}

// Resolves a host typed by a workspace admin and returns an address that passed the check: the
// caller connects to that address (TLS still verifies the name).
export async function resolveOutbound(
  host: string,
  kind: 'mail' | 'http',
): Promise<{ address: string; servername: string | undefined }> {
  const name = host.trim().replace(/^\[|\]$/g, '');
  const servername = net.isIP(name) ? undefined : name;
  const addresses = net.isIP(name)
    ? [name]
    : (await dns.promises.lookup(name, { all: true, verbatim: true })).map((a) => a.address);
  if (!addresses.length) throw new OutboundRefused(`${host} does not resolve`);
  if (!privateAllowed(kind) && !addresses.every(isPublicAddress)) throw refuse(host, kind);
  return { address: addresses[0]!, servername };
}

// dns.lookup with the check in it, for the HTTP agent's connections.
const guardedLookup: net.LookupFunction = (hostname, options, callback) => {
  resolveOutbound(hostname, 'http').then(
    ({ address }) => {
      const family = net.isIPv6(address) ? 6 : 4;
      if ((options as dns.LookupAllOptions).all)
        (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, [
          { address, family },
        ]);
      else callback(null, address, family);
    },
    (err: Error) =>
      callback(Object.assign(err, { code: 'EACCES' }) as NodeJS.ErrnoException, '', 4),
  );
};

const agent = new Agent({ connect: { lookup: guardedLookup } });

// The one HTTP client for provider APIs: guarded connections, no redirects followed.
// A literal address never reaches a lookup (net.connect skips it), so it is judged here first.
export const outboundFetch = (async (input: string | URL, init: RequestInit = {}) => {
  const host = new URL(String(input)).hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) await resolveOutbound(host, 'http');
  return undiciFetch(input, { ...(init as object), redirect: 'error', dispatcher: agent } as never);
}) as unknown as typeof fetch;
