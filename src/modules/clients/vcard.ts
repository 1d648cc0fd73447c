import type { Contact } from '@voronka/contract';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';

// vCard 4.0 (RFC 6350), written by hand: the maintained npm libraries write 3.0 or pull in a DOM.
// The rules that matter: text values escape \ , ; and newlines (§3.4); lines are CRLF and folded
// at 75 octets with CRLF + space, never inside a UTF-8 character (§3.2).

export const escapeText = (v: string) =>
  v
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;')
    .replace(/\r\n|\r|\n/g, '\\n');

export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    // The first line holds 75 octets; continuation lines 74 after their leading space.
    if (octets + size > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

type Card = Pick<
  Contact,
  | 'id'
  | 'fullName'
  | 'firstName'
  | 'lastName'
  | 'middleName'
  | 'position'
  | 'companyName'
  | 'phones'
  | 'emails'
  | 'birthday'
  | 'updatedAt'
>;

const typeParam = (label: string | null) =>
  label ? `;TYPE="${label.replace(/["\\\r\n]/g, '')}"` : '';

export function toVCard(c: Card): string {
  const lines = [
    'BEGIN:VCARD',
    'VERSION:4.0',
    `UID:urn:uuid:${c.id}`,
    `FN:${escapeText(c.fullName)}`,
    `N:${[c.lastName, c.firstName, c.middleName, '', ''].map((p) => escapeText(p ?? '')).join(';')}`,
    ...(c.companyName ? [`ORG:${escapeText(c.companyName)}`] : []),
    ...(c.position ? [`TITLE:${escapeText(c.position)}`] : []),
    ...c.phones.map((p) => `TEL;VALUE=uri${typeParam(p.label)}:tel:${p.number}`),
    ...c.emails.map((e) => `EMAIL${typeParam(e.label)}:${escapeText(e.address)}`),
    ...(c.birthday ? [`BDAY:${c.birthday.replace(/-/g, '')}`] : []),
    `REV:${c.updatedAt.replace(/[-:]/g, '').replace(/\.\d+/, '')}`,
    'END:VCARD',
  ];
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

export async function* toVCards(records: AsyncIterable<Contact[]>): AsyncGenerator<string> {
  for await (const items of records) yield items.map(toVCard).join('');
}

// One contact's card: reading it is an export too.
export async function contactVCard(ctx: Ctx, contact: Contact): Promise<string> {
  await recordAudit(ctx, {
    action: 'export',
    entity: 'contacts',
    entityId: contact.id,
    after: { format: 'vcf', rows: 1 },
  });
  return toVCard(contact);
}
