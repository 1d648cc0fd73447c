import { describe, expect, it } from 'vitest';
import { paymentQrPayload, paymentQrPng } from './service.js';
import { scanQr } from './test-tools.js';
import { invoice245 } from './test-snapshots.js';

// RU-DOCUMENTS.md §12: the expected payload of счёт № 245, byte for byte.
const EXPECTED =
  'ST00012|Name=ООО «Ромашка-Софт»|PersonalAcc=40702810500000012345|BankName=АО «ТЕСТ-БАНК»|BIC=044525987|CorrespAcc=30101810145250000987|PayeeINN=7704123450|KPP=770401001|Sum=3490000|Purpose=Оплата по счёту № 245 от 01.12.2026. В т.ч. НДС (22%) 6293,45 руб.';

describe('paymentQrPayload', () => {
  it('is the ГОСТ Р 56042-2014 string: mandatory block first, sum in kopecks, no trailing separator', () => {
    const payload = paymentQrPayload(invoice245);
    expect(payload).toBe(EXPECTED);
    expect(Buffer.byteLength(payload)).toBe(309);
  });

  it('strips the separator and line breaks from values and leaves out empty optional fields', () => {
    const payload = paymentQrPayload({
      ...invoice245,
      seller: { ...invoice245.seller, name: 'ИП Иванов | Ко\nмпания', kpp: null },
      paymentPurpose: 'Оплата | счёта\n№ 1',
    });
    expect(payload).toContain('|Name=ИП Иванов Ко мпания|');
    expect(payload).toContain('|Purpose=Оплата счёта № 1');
    expect(payload).not.toContain('KPP=');
    expect(payload.split('|')).toHaveLength(9); // header, 5 mandatory, INN, Sum, Purpose
  });

  it('cuts values to the standard lengths', () => {
    const payload = paymentQrPayload({
      ...invoice245,
      seller: {
        ...invoice245.seller,
        bank: { ...invoice245.seller.bank!, bankName: 'Б'.repeat(60) },
      },
      paymentPurpose: 'П'.repeat(300),
    });
    expect(payload).toContain(`|BankName=${'Б'.repeat(45)}|`);
    expect(payload).toMatch(new RegExp(`\\|Purpose=П{210}$`));
  });

  it('refuses a seller without a bank account', () => {
    expect(() =>
      paymentQrPayload({ ...invoice245, seller: { ...invoice245.seller, bank: null } }),
    ).toThrow(/bank account/);
  });
});

describe('paymentQrPng', () => {
  it('is a PNG that a scanner reads back to exactly the payload', async () => {
    const png = await paymentQrPng(EXPECTED);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect(scanQr(png)).toBe(EXPECTED);
  });
});
