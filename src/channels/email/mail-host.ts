import dns from 'node:dns/promises';
import net from 'node:net';

// A workspace admin types the IMAP and SMTP hosts Voronka connects to. Without a check that is a
// way to reach the server's own network (the database, metadata services) and to probe it through
// error messages. So the host is resolved once, every address it resolves to must be public, and
// the connection goes to that checked address (TLS still verifies the host name). An on-premises
// mail server on a private network is allowed only when the operator says so
// (VORONKA_MAIL_PRIVATE_HOSTS=allow, set at start-up through allowPrivateMailHosts).

export class MailHostRefused extends Error {}

let allowPrivate = false;
export function allowPrivateMailHosts(on: boolean): void {
  allowPrivate = on;
}

const blocked = new net.BlockList();
for (const [net4, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  blocked.addSubnet(net4, prefix, 'ipv4');
}
for (const [net6, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['100::', 64]] as const) {
  blocked.addSubnet(net6, prefix, 'ipv6');
}

// IPv4 carried in IPv6 (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96) is judged as the IPv4 it is.
function embeddedIpv4(address: string): string | null {
  const m = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (!m) return null;
  if (m[1]) return m[1];
  const hi = parseInt(m[2]!, 16);
  const lo = parseInt(m[3]!, 16);
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

export function isPublicAddress(address: string): boolean {
  const v4 = net.isIPv4(address) ? address : embeddedIpv4(address);
  if (v4) return !blocked.check(v4, 'ipv4');
  return net.isIPv6(address) && !blocked.check(address, 'ipv6');
}

export async function checkMailHost(host: string): Promise<{ address: string; servername: string | undefined }> {
  const name = host.trim().replace(/^\[|\]$/g, '');
  const servername = net.isIP(name) ? undefined : name;
  const addresses = net.isIP(name) ? [name] : (await dns.lookup(name, { all: true, verbatim: true })).map((a) => a.address);
  if (!addresses.length) throw new MailHostRefused(`${host} does not resolve`);
  if (!allowPrivate && !addresses.every(isPublicAddress)) {
    throw new MailHostRefused(`${host} is a private or local address; an on-premises mail server needs VORONKA_MAIL_PRIVATE_HOSTS=allow`);
  }
  return { address: addresses[0]!, servername };
}
