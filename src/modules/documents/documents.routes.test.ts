import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp } from '../../test/client.js';
import { dealWorld, lines, ok, ourEntity, PNG, upload } from './test-helpers.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

describe('legal entities', () => {
  it('stores our requisites, bank accounts and signers and reads them back', async () => {
    const owner = await signUp(env.app);
    const created = await ok(
      await owner.call('POST', '/api/v1/legal-entities', { ...ourEntity, inn: '7707 083 893' }),
      201,
    );
    expect(created).toMatchObject({ ...ourEntity, inn: '7707083893', images: [] });
    const list = await ok(await owner.call('GET', '/api/v1/legal-entities'));
    expect(list.items.map((e: { id: string }) => e.id)).toEqual([created.id]);
  });

  it.each([
    ['inn', { inn: '7707083894' }],
    ['kpp', { kpp: '7736' }],
    ['ogrn', { ogrn: '1027700132194' }],
    ['bankAccounts.0.bik', { bankAccounts: [{ ...ourEntity.bankAccounts[0], bik: '04452522' }] }],
    [
      'bankAccounts.0.settlementAccount',
      // One digit off: the control key against the BIK no longer matches.
      {
        bankAccounts: [{ ...ourEntity.bankAccounts[0], settlementAccount: '40702810938000060473' }],
      },
    ],
    [
      'bankAccounts.0.corrAccount',
      { bankAccounts: [{ ...ourEntity.bankAccounts[0], corrAccount: '30101810400000000226' }] },
    ],
  ])('refuses a wrong %s, naming it, and stores nothing', async (field, patch) => {
    const owner = await signUp(env.app);
    expectProblem(
      await owner.call('POST', '/api/v1/legal-entities', { ...ourEntity, ...patch }),
      400,
      'legal_entity.invalid_requisite',
      field,
    );
    expect((await owner.call('GET', '/api/v1/legal-entities')).body.items).toEqual([]);
  });

  it('takes a PNG logo and refuses an SVG with a script, a fake PNG and an oversized image', async () => {
    const owner = await signUp(env.app);
    const e = await ok(await owner.call('POST', '/api/v1/legal-entities', ourEntity), 201);
    const url = `/api/v1/legal-entities/${e.id}/image`;
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const svgRes = await upload(env.app, owner, 'PUT', `${url}?kind=logo`, 'image/svg+xml', svg);
    expectProblem(svgRes, 415, 'image.unsupported_type', 'logo');
    // An SVG that claims to be a PNG is sniffed by its bytes.
    expectProblem(
      await upload(env.app, owner, 'PUT', `${url}?kind=stamp`, 'image/png', svg),
      415,
      'image.unsupported_type',
      'stamp',
    );
    const big = Buffer.concat([PNG, Buffer.alloc(1024 * 1024)]);
    expectProblem(
      await upload(env.app, owner, 'PUT', `${url}?kind=signature`, 'image/png', big),
      413,
      'file.too_large',
      'signature',
    );
    expect((await owner.call('GET', `/api/v1/legal-entities/${e.id}`)).body.images).toEqual([]);

    expect((await upload(env.app, owner, 'PUT', `${url}?kind=logo`, 'image/png', PNG)).status).toBe(
      204,
    );
    const back = await env.app.inject({
      method: 'GET',
      url: `${url}?kind=logo`,
      headers: { cookie: owner.cookie },
    });
    expect(back.statusCode).toBe(200);
    expect(back.headers['content-type']).toBe('image/png');
    expect(back.rawPayload.equals(PNG)).toBe(true);
    expect((await owner.call('GET', `/api/v1/legal-entities/${e.id}`)).body.images).toEqual([
      'logo',
    ]);
  });

  it('is changed by admins only; a manager reads it', async () => {
    const owner = await signUp(env.app);
    const manager = await addMember(env.app, owner, 'manager');
    const e = await ok(await owner.call('POST', '/api/v1/legal-entities', ourEntity), 201);
    expect((await manager.browser.call('GET', `/api/v1/legal-entities/${e.id}`)).status).toBe(200);
    expectProblem(
      await manager.browser.call('PATCH', `/api/v1/legal-entities/${e.id}`, { name: 'Другое' }),
      403,
      'auth.forbidden',
    );
  });
});

describe('documents', () => {
  it('makes a draft from a deal, issues it with a number and freezes the client’s requisites', async () => {
    const owner = await signUp(env.app);
    const { entity, company, deal } = await dealWorld(owner);
    const draft = await ok(
      await owner.call('POST', '/api/v1/documents', {
        dealId: deal.id,
        type: 'invoice',
        legalEntityId: entity.id,
      }),
      201,
    );
    // Until the catalog's line items: the deal's amount as one line.
    expect(draft).toMatchObject({
      status: 'draft',
      number: null,
      dealId: deal.id,
      companyId: company.id,
      totalKopecks: 1_234_500,
      buyerName: 'Лютик',
    });
    const issued = await ok(
      await owner.call('POST', `/api/v1/documents/${draft.id}/status`, { status: 'issued' }),
    );
    expect(issued).toMatchObject({ status: 'issued', number: '1' });
    // Later edits of the client and of our entity change nothing printed.
    await ok(
      await owner.call('PATCH', `/api/v1/companies/${company.id}`, { name: 'Лютик-2', inn: null }),
    );
    await ok(await owner.call('PATCH', `/api/v1/legal-entities/${entity.id}`, { name: 'Другое' }));
    const again = await ok(await owner.call('GET', `/api/v1/documents/${draft.id}`));
    expect(again).toMatchObject({ buyerName: 'ООО «Лютик»', legalEntityName: 'ООО «Ромашка»' });
    // And an issued document is not edited or deleted.
    expectProblem(
      await owner.call('PATCH', `/api/v1/documents/${draft.id}`, { notes: 'x' }),
      409,
      'document.not_editable',
    );
    expectProblem(
      await owner.call('DELETE', `/api/v1/documents/${draft.id}`),
      409,
      'document.not_editable',
    );
  });

  it('takes explicit lines (a company without a deal) and computes money by contract/money', async () => {
    const owner = await signUp(env.app);
    const { entity, company } = await dealWorld(owner);
    const doc = await ok(
      await owner.call('POST', '/api/v1/documents', {
        type: 'act',
        legalEntityId: entity.id,
        companyId: company.id,
        lines,
        vatMode: 'on_top',
      }),
      201,
    );
    // 2 × 5 000 + 1.5 × 3 000 = 14 500 ₽ net, VAT 22 % on top = 3 190 ₽.
    expect(doc.totalKopecks).toBe(1_769_000);
    expect(doc.lines[1]).toMatchObject({ unit: 'час', quantity: '1.5' });
  });

  it('refuses bad input with the field named and stores nothing', async () => {
    const owner = await signUp(env.app);
    const { entity, company, deal } = await dealWorld(owner);
    const base = { type: 'invoice', legalEntityId: entity.id, companyId: company.id };
    const missing = '00000000-0000-4000-8000-000000000001';
    expectProblem(
      await owner.call('POST', '/api/v1/documents', { ...base, legalEntityId: missing }),
      404,
      'legal_entity.not_found',
      'legalEntityId',
    );
    expectProblem(
      await owner.call('POST', '/api/v1/documents', { ...base, dealId: missing }),
      404,
      'deal.not_found',
      'dealId',
    );
    expectProblem(
      await owner.call('POST', '/api/v1/documents', { ...base, type: 'receipt' }),
      400,
      'request.invalid',
      'type',
    );
    expectProblem(
      await owner.call('POST', '/api/v1/documents', {
        ...base,
        lines: [{ ...lines[0], discount: { kind: 'amount', kopecks: 2_000_000 } }],
      }),
      422,
      'document.invalid_line',
      'lines.0',
    );
    expect((await owner.call('GET', '/api/v1/documents')).body.items).toEqual([]);
    // A draft without lines is not issued.
    const empty = await ok(
      await owner.call('POST', '/api/v1/documents', { ...base, dealId: deal.id, lines: [] }),
      201,
    );
    expectProblem(
      await owner.call('POST', `/api/v1/documents/${empty.id}/status`, { status: 'issued' }),
      422,
      'document.no_lines',
      'lines',
    );
  });

  it('moves through the statuses; a cancelled document keeps its number and the next is not reused', async () => {
    const owner = await signUp(env.app);
    const { entity, company } = await dealWorld(owner);
    const make = async () =>
      ok(
        await owner.call('POST', '/api/v1/documents', {
          type: 'invoice',
          legalEntityId: entity.id,
          companyId: company.id,
          lines,
        }),
        201,
      );
    const status = (id: string, s: string) =>
      owner.call('POST', `/api/v1/documents/${id}/status`, { status: s });
    const a = await make();
    expectProblem(await status(a.id, 'paid'), 409, 'document.invalid_transition', 'status');
    await ok(await status(a.id, 'issued'));
    await ok(await status(a.id, 'sent'));
    await ok(await status(a.id, 'paid'));
    const cancelled = await ok(await status(a.id, 'cancelled'));
    expect(cancelled).toMatchObject({ status: 'cancelled', number: '1' });
    expectProblem(await status(a.id, 'issued'), 409, 'document.invalid_transition', 'status');
    const b = await make();
    expect((await ok(await status(b.id, 'issued'))).number).toBe('2');
    // Another type counts on its own.
    const act = await ok(
      await owner.call('POST', '/api/v1/documents', {
        type: 'act',
        legalEntityId: entity.id,
        lines,
      }),
      201,
    );
    expect((await ok(await status(act.id, 'issued'))).number).toBe('1');
    const list = await ok(
      await owner.call('GET', '/api/v1/documents?type=invoice&status=cancelled'),
    );
    expect(list.items.map((d: { id: string }) => d.id)).toEqual([a.id]);
  });

  it('gives 50 concurrent issues the numbers 1..50, no gap and no duplicate', async () => {
    const owner = await signUp(env.app);
    const { entity, company } = await dealWorld(owner);
    const drafts = [];
    for (let i = 0; i < 50; i++)
      drafts.push(
        await ok(
          await owner.call('POST', '/api/v1/documents', {
            type: 'invoice',
            legalEntityId: entity.id,
            companyId: company.id,
            lines,
          }),
          201,
        ),
      );
    const issued = await Promise.all(
      drafts.map((d) =>
        owner.call('POST', `/api/v1/documents/${d.id}/status`, { status: 'issued' }),
      ),
    );
    expect(issued.map((r) => r.status)).toEqual(drafts.map(() => 200));
    const numbers = issued.map((r) => Number(r.body.number)).sort((x, y) => x - y);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  }, 180_000);

  it('shows a manager their own documents only', async () => {
    const owner = await signUp(env.app);
    const a = await addMember(env.app, owner, 'manager');
    const b = await addMember(env.app, owner, 'manager');
    const entity = await ok(await owner.call('POST', '/api/v1/legal-entities', ourEntity), 201);
    const mine = await ok(
      await a.browser.call('POST', '/api/v1/documents', {
        type: 'quote',
        legalEntityId: entity.id,
        lines,
      }),
      201,
    );
    expectProblem(
      await b.browser.call('GET', `/api/v1/documents/${mine.id}`),
      404,
      'document.not_found',
    );
    expect((await b.browser.call('GET', '/api/v1/documents')).body.items).toEqual([]);
    expect((await a.browser.call('GET', '/api/v1/documents')).body.items).toHaveLength(1);
  });
});
