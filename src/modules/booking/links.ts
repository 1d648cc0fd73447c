import type { Sealer } from '../../platform/crypto.js';
import { DomainError } from '../../platform/errors.js';

// The signed, single-purpose links in a confirmation letter: sealed with the instance secret
// (AES-GCM, as documents' links are), naming the workspace, the booking, the purpose (cancel or
// reschedule) and the booking's link nonce. A forged or altered token does not open (400); a token
// for the other purpose is refused (400); once a link was used the booking is no longer confirmed
// or its nonce changed, so the same token again is 409 (the caller checks that part).
export type LinkPurpose = 'cancel' | 'reschedule';
export type LinkClaim = { workspaceId: string; bookingId: string; nonce: string };

export const sealBookingLink = (sealer: Sealer, purpose: LinkPurpose, c: LinkClaim): string =>
  sealer.seal(
    JSON.stringify({ k: 'booking', p: purpose, w: c.workspaceId, b: c.bookingId, n: c.nonce }),
  );

export function openBookingLink(sealer: Sealer, purpose: LinkPurpose, token: string): LinkClaim {
  let claim: { k?: string; p?: string; w?: string; b?: string; n?: string };
  try {
    claim = JSON.parse(sealer.open(token));
  } catch {
    throw new DomainError('booking.link_invalid', 'the link is not valid', { field: 'token' });
  }
  if (claim.k !== 'booking' || !claim.w || !claim.b || !claim.n)
    throw new DomainError('booking.link_invalid', 'the link is not valid', { field: 'token' });
  if (claim.p !== purpose)
    throw new DomainError('booking.link_invalid', `this link is not for ${purpose}`, {
      field: 'token',
    });
  return { workspaceId: claim.w, bookingId: claim.b, nonce: claim.n };
}

export const manageUrl = (publicUrl: string, purpose: LinkPurpose, token: string) =>
  `${publicUrl.replace(/\/$/, '')}/book/${purpose}?t=${encodeURIComponent(token)}`;
