import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';
import { ok, ourEntity } from '../documents/test-helpers.js';

// Discount control over real HTTP on the test database: limits per role (manager 5 %, head 15 %
// by default, set by an admin), a discount beyond one's limit becomes a request to the head, and a
// quote or invoice carrying an unapproved discount is not issued; every step audited.

let env: TestEnv;
let owner: Browser;
let head: { browser: Browser; memberId: string };
let manager: { browser: Browser; memberId: string };
let entityId: string;
let events: { type: string; memberIds?: string[]; approvalId?: string }[];
beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app, { companyName: 'ООО «Скидки»' });
  const team = (await owner.call('POST', '/api/v1/teams', { name: 'Продажи' })).body;
  head = await addMember(env.app, owner, 'head', team.id);
  manager = await addMember(env.app, owner, 'manager', team.id);
  entityId = (await ok(await owner.call('POST', '/api/v1/legal-entities', ourEntity), 201)).id;
  events = [];
  env.runtime.events.subscribe(owner.info.me!.workspace.id, (e) => {
    if (e.type.startsWith('discount.')) events.push(e as (typeof events)[number]);
  });
});
afterAll(async () => env?.close());

const line = (percent: string | null) => ({
  name: 'Генеральная уборка',
  quantity: '2',
  okei: '796',
  priceKopecks: 1_000_000,
  vatRate: 22,
  discount: percent ? { kind: 'percent', value: percent } : null,
});

async function dealWith(percent: string | null, b = manager.browser) {
  const deal = await ok(await b.call('POST', '/api/v1/deals', { title: `Сделка ${percent}` }), 201);
  await ok(
    await b.call('PUT', `/api/v1/deals/${deal.id}/lines`, {
      vatMode: 'included',
      lines: [line(null), line(percent)],
    }),
  );
  return deal as { id: string };
}

const quote = async (dealId: string, b = manager.browser, type = 'quote') =>
  (await ok(
    await b.call('POST', '/api/v1/documents', { type, dealId, legalEntityId: entityId }),
    201,
  )) as { id: string };
const issue = (b: Browser, id: string) =>
  b.call('POST', `/api/v1/documents/${id}/status`, { status: 'issued' });
const approvals = async (b: Browser, q: string) =>
  (await ok(await b.call('GET', `/api/v1/discount-approvals?${q}`))).items as {
    id: string;
    status: string;
    percent: string;
    requestedBy: string;
    decisionComment: string | null;
    title: string;
  }[];

describe('discount limits and approvals', () => {
  it('has the default limits; only a role that changes roles sets them', async () => {
    const limits = await ok(await manager.browser.call('GET', '/api/v1/discount-limits'));
    expect(limits.items).toEqual(
      expect.arrayContaining([
        { role: 'manager', maxPercent: '5.00' },
        { role: 'head', maxPercent: '15.00' },
      ]),
    );
    expectProblem(
      await manager.browser.call('PUT', '/api/v1/discount-limits', {
        items: [{ role: 'manager', maxPercent: '50' }],
      }),
      403,
      'auth.forbidden',
    );
    expectProblem(
      await owner.call('PUT', '/api/v1/discount-limits', {
        items: [{ role: 'manager', maxPercent: '101' }],
      }),
      400,
      'request.invalid',
      'items.0.maxPercent',
    );
  });

  it('lets a manager issue within 5 %, without any request', async () => {
    const deal = await dealWith('5');
    expect(await approvals(owner, `dealId=${deal.id}`)).toEqual([]);
    const doc = await quote(deal.id);
    expect((await issue(manager.browser, doc.id)).status).toBe(200);
  });

  it('blocks a manager above 5 % until the head approves; a rejection keeps it blocked', async () => {
    events.length = 0;
    const deal = await dealWith('10');
    // The lines were saved, and the discount became a request to the head.
    const [req] = await approvals(head.browser, `dealId=${deal.id}`);
    expect(req).toMatchObject({
      status: 'pending',
      percent: '10.00',
      requestedBy: manager.memberId,
      title: 'Сделка 10',
    });
    // Realtime events arrive after the commit (on PostgreSQL through NOTIFY): waited for.
    await vi.waitFor(() =>
      expect(events.find((e) => e.type === 'discount.approval_requested')?.memberIds).toEqual([
        head.memberId,
      ]),
    );
    // The deal's quote waits for it: 409 naming the lines, nothing issued.
    const doc = await quote(deal.id);
    const refused = await issue(manager.browser, doc.id);
    expectProblem(refused, 409, 'discount.approval_required', 'lines');
    expect(refused.body.detail).toContain('10.00 %');
    expect(
      (await ok(await manager.browser.call('GET', `/api/v1/documents/${doc.id}`))).status,
    ).toBe('draft');
    // The manager cannot decide it (their limit), nor can anyone decide their own.
    expectProblem(
      await manager.browser.call('POST', `/api/v1/discount-approvals/${req!.id}/approve`, {}),
      403,
      'discount.beyond_limit',
    );
    // The head rejects with a comment: still blocked, the requester told.
    const rejected = await ok(
      await head.browser.call('POST', `/api/v1/discount-approvals/${req!.id}/reject`, {
        comment: 'Не больше 7 %',
      }),
    );
    expect(rejected).toMatchObject({ status: 'rejected', decisionComment: 'Не больше 7 %' });
    await vi.waitFor(() =>
      expect(
        events.find((e) => e.type === 'discount.approval_decided' && e.approvalId === req!.id)
          ?.memberIds,
      ).toEqual([manager.memberId]),
    );
    expectProblem(await issue(manager.browser, doc.id), 409, 'discount.approval_required');
    expectProblem(
      await head.browser.call('POST', `/api/v1/discount-approvals/${req!.id}/approve`, {}),
      409,
      'discount_approval.not_pending',
    );
    // Asked again for the document itself; the head approves; the quote issues.
    const again = await ok(
      await manager.browser.call('POST', '/api/v1/discount-approvals', {
        documentId: doc.id,
        comment: 'Клиент постоянный',
      }),
      201,
    );
    expect(again).toMatchObject({ status: 'pending', percent: '10.00' });
    await ok(
      await head.browser.call('POST', `/api/v1/discount-approvals/${again.id}/approve`, {
        comment: 'Согласовано',
      }),
    );
    const issued = await ok(await issue(manager.browser, doc.id));
    expect(issued).toMatchObject({ status: 'issued', number: expect.any(String) });
    // Audited: asked, rejected, asked, approved — with the comments.
    const audit = await ok(
      await owner.call('GET', `/api/v1/audit?entity=discount_approvals&limit=50`),
    );
    const mine = audit.items.filter((a: { entityId: string }) =>
      [req!.id, again.id].includes(a.entityId),
    );
    expect(mine.map((a: { action: string }) => a.action).sort()).toEqual([
      'discount_approval.approved',
      'discount_approval.rejected',
      'discount_approval.requested',
      'discount_approval.requested',
    ]);
    expect(
      mine.find((a: { action: string }) => a.action === 'discount_approval.rejected').after,
    ).toMatchObject({ comment: 'Не больше 7 %' });
  });

  it('an approval on the deal covers its invoice up to the approved discount, not beyond', async () => {
    const deal = await dealWith('8');
    const [req] = await approvals(head.browser, `dealId=${deal.id}&status=pending`);
    await ok(await head.browser.call('POST', `/api/v1/discount-approvals/${req!.id}/approve`, {}));
    const invoice = await quote(deal.id, manager.browser, 'invoice');
    expect((await issue(manager.browser, invoice.id)).status).toBe(200);
    // Raised to 12 % afterwards: a new request, and the next quote is blocked again.
    await ok(
      await manager.browser.call('PUT', `/api/v1/deals/${deal.id}/lines`, {
        vatMode: 'included',
        lines: [line('12')],
      }),
    );
    const pending = await approvals(head.browser, `dealId=${deal.id}&status=pending`);
    expect(pending.map((p) => p.percent)).toEqual(['12.00']);
    const next = await quote(deal.id);
    expectProblem(await issue(manager.browser, next.id), 409, 'discount.approval_required');
  });

  it('the head issues within 15 % alone; beyond it only a higher limit approves', async () => {
    const own = await dealWith('15', head.browser);
    expect((await issue(head.browser, (await quote(own.id, head.browser)).id)).status).toBe(200);
    const deal = await dealWith('20');
    const [req] = await approvals(owner, `dealId=${deal.id}&status=pending`);
    expect(req!.percent).toBe('20.00');
    expectProblem(
      await head.browser.call('POST', `/api/v1/discount-approvals/${req!.id}/approve`, {}),
      403,
      'discount.beyond_limit',
    );
    await ok(await owner.call('POST', `/api/v1/discount-approvals/${req!.id}/approve`, {}));
    expect((await issue(manager.browser, (await quote(deal.id)).id)).status).toBe(200);
  });

  it('an admin lowers the manager limit: 5 % now needs approval; within the limit nothing is asked', async () => {
    await ok(
      await owner.call('PUT', '/api/v1/discount-limits', {
        items: [{ role: 'manager', maxPercent: '3' }],
      }),
    );
    const deal = await dealWith('5');
    expect((await approvals(head.browser, `dealId=${deal.id}`)).map((a) => a.status)).toEqual([
      'pending',
    ]);
    expectProblem(
      await issue(manager.browser, (await quote(deal.id)).id),
      409,
      'discount.approval_required',
    );
    // Lines brought within the limit withdraw the request.
    await ok(
      await manager.browser.call('PUT', `/api/v1/deals/${deal.id}/lines`, {
        vatMode: 'included',
        lines: [line('2')],
      }),
    );
    expect((await approvals(head.browser, `dealId=${deal.id}`)).map((a) => a.status)).toEqual([
      'withdrawn',
    ]);
    expectProblem(
      await manager.browser.call('POST', '/api/v1/discount-approvals', { dealId: deal.id }),
      409,
      'discount_approval.not_needed',
      'dealId',
    );
    await ok(
      await owner.call('PUT', '/api/v1/discount-limits', {
        items: [{ role: 'manager', maxPercent: '5' }],
      }),
    );
  });
});
