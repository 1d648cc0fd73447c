import type { Action, RoleKey } from '@voronka/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPermissions } from '../../src/modules/workspaces/rules.js';
import { createTestApp, type TestEnv } from '../../src/test/app.js';
import {
  addMember,
  expectProblem,
  signUp,
  snapshotWorkspace,
  type Browser,
} from '../../src/test/client.js';

// The catalog's cells of the permission matrix, role by role (the style of rights.test.ts): who may
// read and edit products and price lists, download the catalog, and see cost prices and margins.
let env: TestEnv;
let owner: Browser;
let people: Record<RoleKey, Browser>;
let productId: string;
let dealId: string;
const roles = ['owner', 'admin', 'head', 'manager', 'assistant'] as const;

beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app, { companyName: 'ООО «Права каталога»' });
  const team = (await owner.call('POST', '/api/v1/teams', { name: 'Отдел' })).body.id;
  people = {
    owner,
    admin: (await addMember(env.app, owner, 'admin')).browser,
    head: (await addMember(env.app, owner, 'head', team)).browser,
    manager: (await addMember(env.app, owner, 'manager', team)).browser,
    assistant: (await addMember(env.app, owner, 'assistant', team)).browser,
  };
  productId = (
    await owner.call('POST', '/api/v1/products', {
      name: 'Профнастил',
      priceKopecks: 90000,
      costKopecks: 61000,
    })
  ).body.id;
  dealId = (await owner.call('POST', '/api/v1/deals', { title: 'Кровля' })).body.id;
  await owner.call('PUT', `/api/v1/deals/${dealId}/lines`, {
    vatMode: 'included',
    lines: [{ productId, name: 'Профнастил', quantity: '10', priceKopecks: 90000, vatRate: 22 }],
  });
});
afterAll(async () => env?.close());

type Request = { method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'; url: string; body?: unknown };
const cases: { action: Action; what: string; request(): Promise<Request> }[] = [
  {
    action: 'read',
    what: 'list products',
    request: async () => ({ method: 'GET', url: '/api/v1/products' }),
  },
  {
    action: 'read',
    what: 'list price lists',
    request: async () => ({ method: 'GET', url: '/api/v1/price-lists' }),
  },
  {
    action: 'create',
    what: 'add a product',
    request: async () => ({ method: 'POST', url: '/api/v1/products', body: { name: 'Новый' } }),
  },
  {
    action: 'update',
    what: 'edit a product',
    request: async () => ({
      method: 'PATCH',
      url: `/api/v1/products/${productId}`,
      body: { category: 'Кровля' },
    }),
  },
  {
    action: 'delete',
    what: 'delete a price list',
    request: async () => ({
      method: 'DELETE',
      url: `/api/v1/price-lists/${(await owner.call('POST', '/api/v1/price-lists', { name: 'Лишний' })).body.id}`,
    }),
  },
  {
    action: 'export',
    what: 'download the catalog',
    request: async () => ({ method: 'GET', url: '/api/v1/products/export?format=csv' }),
  },
];

describe('the catalog in the default permission matrix', () => {
  for (const role of roles) {
    for (const c of cases) {
      const allowed = defaultPermissions(role).catalog[c.action];
      it(`${role} ${allowed ? 'may' : 'may not'} ${c.what}`, async () => {
        const req = await c.request();
        const before = allowed ? null : await snapshotWorkspace(owner);
        const res = await people[role].call(req.method, req.url, req.body);
        if (allowed) {
          expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(200);
          expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
        } else {
          expectProblem(res, 403, 'auth.forbidden');
          expect(await snapshotWorkspace(owner)).toEqual(before);
        }
      });
    }
  }

  it('gives cost prices and margins to owner, admin and head only, by default', () => {
    expect(roles.filter((r) => defaultPermissions(r).margin.read)).toEqual([
      'owner',
      'admin',
      'head',
    ]);
  });

  for (const role of roles) {
    const sees = defaultPermissions(role).margin.read;
    it(`${role} ${sees ? 'sees' : 'does not see'} cost prices and margins`, async () => {
      const p = (await people[role].call('GET', `/api/v1/products/${productId}`)).body;
      expect('costKopecks' in p).toBe(sees);
      if (sees) expect(p.costKopecks).toBe(61000);
      const res = await people[role].call('GET', `/api/v1/deals/${dealId}/lines`);
      // The deal is the owner's: roles that see all deals read its lines.
      if (defaultPermissions(role).deals.visibility !== 'all') {
        expectProblem(res, 404, 'deal.not_found');
        return;
      }
      expect(res.status).toBe(200);
      expect('marginKopecks' in res.body.totals).toBe(sees);
      expect('costKopecks' in res.body.lines[0]).toBe(sees);
      if (sees) expect(res.body.totals.marginKopecks).toBe(127705); // net 9000.00 − 1622.95 VAT − cost 6100.00;
    });
  }

  it('refuses a cost price from a role without the margin right, storing nothing', async () => {
    // The head edits the catalog; give a manager the catalog but not the margin to check the cell.
    const matrix = (await owner.call('GET', '/api/v1/roles')).body.items.find(
      (r: { key: string }) => r.key === 'manager',
    ).permissions;
    await owner.call('PUT', '/api/v1/roles/manager', {
      permissions: { ...matrix, catalog: { ...matrix.catalog, create: true, update: true } },
    });
    const res = await people.manager.call('PATCH', `/api/v1/products/${productId}`, {
      costKopecks: 1,
    });
    expectProblem(res, 403, 'auth.forbidden', 'costKopecks');
    expect((await owner.call('GET', `/api/v1/products/${productId}`)).body.costKopecks).toBe(61000);
    await owner.call('PUT', '/api/v1/roles/manager', { permissions: matrix });
  });
});
