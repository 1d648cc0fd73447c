import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, toVCard } from './vcard.js';

const buildContact = (
  over: Partial<Parameters<typeof toVCard>[0]> = {},
): Parameters<typeof toVCard>[0] => ({
  id: '0190d6c2-0000-7000-8000-000000000001',
  fullName: 'Иванова Анна Сергеевна',
  firstName: 'Анна',
  lastName: 'Иванова',
  middleName: 'Сергеевна',
  position: 'Директор; закупки',
  companyName: 'ООО «Ромашка», филиал',
  phones: [{ number: '+79123456789', label: 'work' }],
  emails: [{ address: 'anna@romashka.ru', label: null }],
  birthday: '1985-03-08',
  updatedAt: '2026-11-27T10:11:12.345Z',
  ...over,
});

describe('vCard 4.0', () => {
  it('escapes backslash, comma, semicolon and newlines in text values', () => {
    expect(escapeText('a\\b,c;d\ne\r\nf')).toBe('a\\\\b\\,c\\;d\\ne\\nf');
  });

  it('folds lines at 75 octets without splitting a Cyrillic letter', () => {
    const folded = foldLine(`NOTE:${'я'.repeat(100)}`);
    const lines = folded.split('\r\n');
    expect(lines.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(lines.slice(1).every((l) => l.startsWith(' '))).toBe(true);
    expect(lines.map((l, i) => (i ? l.slice(1) : l)).join('')).toBe(`NOTE:${'я'.repeat(100)}`);
  });

  it('writes the name parts, organisation, phones as tel: URIs, e-mails and birthday', () => {
    const card = toVCard(buildContact());
    expect(card.split('\r\n')).toEqual([
      'BEGIN:VCARD',
      'VERSION:4.0',
      'UID:urn:uuid:0190d6c2-0000-7000-8000-000000000001',
      'FN:Иванова Анна Сергеевна',
      'N:Иванова;Анна;Сергеевна;;',
      'ORG:ООО «Ромашка»\\, филиал',
      'TITLE:Директор\\; закупки',
      'TEL;VALUE=uri;TYPE="work":tel:+79123456789',
      'EMAIL:anna@romashka.ru',
      'BDAY:19850308',
      'REV:20261127T101112Z',
      'END:VCARD',
      '',
    ]);
  });

  it('leaves out what the contact does not have', () => {
    const card = toVCard(
      buildContact({
        companyName: null,
        position: null,
        phones: [],
        emails: [],
        birthday: null,
        firstName: null,
        middleName: null,
        lastName: null,
        fullName: 'Анна',
      }),
    );
    expect(card).not.toMatch(/ORG|TITLE|TEL|EMAIL|BDAY/);
    expect(card).toContain('N:;;;;\r\n');
  });
});
