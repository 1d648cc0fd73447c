import { documentMoney } from '@voronka/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { signUp, type Browser } from '../../test/client.js';
import { dealWorld, ok, ourEntity } from './test-helpers.js';

// A deal without line items gives one line «<deal title>» for its amount, VAT included at the
// general rate catalog's vat_rates has in force on the document's date — or «без НДС» for an
// entity that does not pay VAT.

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

async function invoice(b: Browser, legalEntityId: string, dealId: string, date: string) {
  return ok(
    await b.call('POST', '/api/v1/documents', { dealId, type: 'invoice', legalEntityId, date }),
    201,
  );
}

describe('the one line of a deal without line items', () => {
  it('takes the general VAT rate in force on the document date (20 % in 2025, 22 % from 2026)', async () => {
    const owner = await signUp(env.app);
    const { entity, deal } = await dealWorld(owner, 1_220_000);
    const before = await invoice(owner, entity.id, deal.id, '2025-12-31');
    expect(before.lines).toMatchObject([
      { name: 'Внедрение CRM', quantity: '1', priceKopecks: 1_220_000, vatRate: 20 },
    ]);
    // 12 200 ₽ with 20 % inside: 12 200 × 20 / 120 = 2 033.33 ₽.
    expect(before.totalKopecks).toBe(1_220_000);
    expect(documentMoney(before.lines, before.vatMode).vatKopecks).toBe(203_333);
    const after = await invoice(owner, entity.id, deal.id, '2026-01-01');
    expect(after.lines[0].vatRate).toBe(22);
    // 12 200 × 22 / 122 = 2 200 ₽.
    expect(documentMoney(after.lines, after.vatMode).vatKopecks).toBe(220_000);
  });

  it('is «без НДС» when our legal entity does not pay VAT', async () => {
    const owner = await signUp(env.app);
    const { deal } = await dealWorld(owner, 500_000);
    const simplified = await ok(
      await owner.call('POST', '/api/v1/legal-entities', {
        ...ourEntity,
        name: 'ИП Ромашкин',
        vatPayer: false,
      }),
      201,
    );
    const doc = await invoice(owner, simplified.id, deal.id, '2026-03-02');
    expect(doc.lines[0].vatRate).toBeNull();
    expect(doc.totalKopecks).toBe(500_000);
    expect(documentMoney(doc.lines, doc.vatMode).vatKopecks).toBe(0);
  });
});
