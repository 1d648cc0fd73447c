import {
  OutboundRefused,
  allowPrivateOutbound,
  isPublicAddress,
  resolveOutbound,
} from '../../platform/net/outbound.js';

// A workspace admin types the IMAP and SMTP hosts Voronka connects to. Without a check that is a
// way to reach the server's own network (the database, metadata services) and to probe it through
// error messages. So the host is resolved once, every address it resolves to must be public
// (platform/net/outbound.ts judges them), and the connection goes to that checked address (TLS
// still verifies the host name). An on-premises mail server on a private network is allowed only
// when the operator says so (VORONKA_MAIL_PRIVATE_HOSTS=allow).

export { isPublicAddress };
export const MailHostRefused = OutboundRefused;

export function allowPrivateMailHosts(on: boolean): void {
  allowPrivateOutbound('mail', on);
}

export const checkMailHost = (host: string) => resolveOutbound(host, 'mail');
