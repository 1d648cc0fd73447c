import QRCode from 'qrcode';
import type { DocumentSnapshot } from './snapshot.js';

// The payment QR code of ГОСТ Р 56042-2014 (RU-DOCUMENTS.md §7): «ST00012» (UTF-8), then
// Key=Value records separated by «|». The mandatory block comes first, in the standard's order;
// values lose any «|» and line breaks and are cut to the standard's lengths.

const SEPARATOR = '|';
const MANDATORY_BLOCK_MAX_BYTES = 300;

function clean(value: string, maxChars: number): string {
  const flat = value.replaceAll(SEPARATOR, '').replace(/\s+/g, ' ').trim();
  return [...flat].slice(0, maxChars).join('');
}

/** The payload for the invoice's seller bank account and total; throws when there is no bank. */
export function paymentQrPayload(snapshot: DocumentSnapshot): string {
  const { seller } = snapshot;
  const bank = seller.bank;
  if (!bank) throw new RangeError('the seller has no bank account to pay to');
  const mandatory: [string, string][] = [
    ['Name', clean(seller.name, 160)],
    ['PersonalAcc', clean(bank.settlementAccount, 20)],
    ['BankName', clean(bank.bankName, 45)],
    ['BIC', clean(bank.bik, 9)],
    ['CorrespAcc', clean(bank.correspondentAccount, 20)],
  ];
  const mandatoryText = mandatory.map(([k, v]) => `${k}=${v}`).join(SEPARATOR);
  if (Buffer.byteLength(mandatoryText) > MANDATORY_BLOCK_MAX_BYTES) {
    throw new RangeError('the payee block of the payment QR code is over 300 bytes');
  }
  const optional: [string, string][] = [
    ['PayeeINN', clean(seller.inn ?? '', 12)],
    ['KPP', clean(seller.kpp ?? '', 9)],
    ['Sum', String(snapshot.totals.totalKopecks)],
    ['Purpose', clean(snapshot.paymentPurpose, 210)],
  ];
  const records = [...mandatory, ...optional.filter(([, v]) => v !== '')];
  return ['ST00012', ...records.map(([k, v]) => `${k}=${v}`)].join(SEPARATOR);
}

/** The payload as a PNG QR code: byte mode (UTF-8, no BOM), error correction M. */
export function paymentQrPng(payload: string): Promise<Buffer> {
  return QRCode.toBuffer(payload, { errorCorrectionLevel: 'M', type: 'png', margin: 2, scale: 4 });
}
