import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/rls.js';
import { expectProblem, signUp } from '../../test/client.js';
import {
  env,
  head,
  m1,
  m2,
  owner,
  resetRules,
  teamId,
  useRoutingWorld,
} from './routing.fixture.js';

// Routing rules as a resource and the dry run, through the API on the test database.

useRoutingWorld();

describe('routing rules as a resource', () => {
  it('creates, orders and deletes rules; refuses what cannot work, naming the field', async () => {
    await resetRules();
    expectProblem(
      await owner.call('POST', '/api/v1/routing-rules', { name: 'Анне', strategy: 'named' }),
      400,
      'routing_rule.invalid',
      'memberId',
    );
    expectProblem(
      await owner.call('POST', '/api/v1/routing-rules', {
        name: 'Команда',
        strategy: 'round_robin',
        teamId: '00000000-0000-4000-8000-000000000000',
      }),
      404,
      'team.not_found',
      'teamId',
    );
    expectProblem(
      await owner.call('POST', '/api/v1/routing-rules', {
        name: 'x',
        strategy: 'round_robin',
        conditions: { channels: ['fax'] },
      }),
      400,
      'request.invalid',
    );
    const a = (
      await owner.call('POST', '/api/v1/routing-rules', {
        name: 'A',
        strategy: 'round_robin',
        teamId,
      })
    ).body;
    const b = (
      await owner.call('POST', '/api/v1/routing-rules', {
        name: 'B',
        strategy: 'least_load',
        position: 0,
      })
    ).body;
    expect(
      (await owner.call('GET', '/api/v1/routing-rules')).body.items.map(
        (r: { name: string }) => r.name,
      ),
    ).toEqual(['B', 'A']);
    await owner.call('PATCH', `/api/v1/routing-rules/${b.id}`, { position: 1 });
    expect(
      (await owner.call('GET', '/api/v1/routing-rules')).body.items.map(
        (r: { name: string; position: number }) => `${r.name}${r.position}`,
      ),
    ).toEqual(['A0', 'B1']);
    expect((await owner.call('DELETE', `/api/v1/routing-rules/${a.id}`)).status).toBe(204);
    expect(
      (await owner.call('GET', '/api/v1/routing-rules')).body.items.map(
        (r: { name: string; position: number }) => `${r.name}${r.position}`,
      ),
    ).toEqual(['B0']);
  });

  it("refuses another workspace's form in a rule's conditions (422), on create and on change", async () => {
    await resetRules();
    const other = await signUp(env.app);
    const foreignForm = (
      await other.call('POST', '/api/v1/forms', {
        name: 'Чужая форма',
        fields: [{ key: 'phone', label: 'Телефон', type: 'phone' }],
      })
    ).body;
    const ownForm = (
      await owner.call('POST', '/api/v1/forms', {
        name: 'Своя форма',
        fields: [{ key: 'phone', label: 'Телефон', type: 'phone' }],
      })
    ).body;
    expectProblem(
      await owner.call('POST', '/api/v1/routing-rules', {
        name: 'С чужой формы',
        strategy: 'least_load',
        conditions: { formIds: [ownForm.id, foreignForm.id] },
      }),
      422,
      'routing_rule.unknown_reference',
      'conditions.formIds.1',
    );
    expect((await owner.call('GET', '/api/v1/routing-rules')).body.items).toEqual([]);
    const rule = (
      await owner.call('POST', '/api/v1/routing-rules', {
        name: 'Со своей формы',
        strategy: 'least_load',
        conditions: { formIds: [ownForm.id] },
      })
    ).body;
    expectProblem(
      await owner.call('PATCH', `/api/v1/routing-rules/${rule.id}`, {
        conditions: { formIds: [foreignForm.id] },
      }),
      422,
      'routing_rule.unknown_reference',
      'conditions.formIds.0',
    );
    expect(
      (await owner.call('GET', `/api/v1/routing-rules`)).body.items[0].conditions.formIds,
    ).toEqual([ownForm.id]);
  });

  it('lets managers read rules but not change them', async () => {
    expect((await m1.browser.call('GET', '/api/v1/routing-rules')).status).toBe(200);
    expectProblem(
      await m1.browser.call('POST', '/api/v1/routing-rules', { name: 'x', strategy: 'least_load' }),
      403,
      'auth.forbidden',
    );
    expectProblem(
      await m1.browser.call('POST', '/api/v1/sla-policies', { name: 'x', responseSeconds: 60 }),
      403,
      'auth.forbidden',
    );
  });
});

describe('dry run', () => {
  it('dry-runs a rule: who would get it and why, writing nothing', async () => {
    await resetRules();
    const rule = (
      await owner.call('POST', '/api/v1/routing-rules', {
        name: 'Кирпич',
        strategy: 'least_load',
        teamId,
        conditions: { mentions: ['кирпич'] },
      })
    ).body;
    await owner.call('POST', '/api/v1/sla-policies', {
      name: 'Сайт час',
      channels: ['web'],
      responseSeconds: 3600,
    });
    await owner.call('PUT', `/api/v1/availability/${m1.memberId}`, { away: true });
    const before = rowsOf<{ n: number }>(
      await env.database.db.execute(sql`select count(*)::int as n from lead_assignments`),
    )[0]!.n;
    const res = await head.browser.call('POST', '/api/v1/routing-rules/dry-run', {
      channel: 'web',
      text: 'Нужен кирпич, 500 штук',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      rule: { id: rule.id },
      assignee: { id: m2.memberId },
      queued: false,
      reason: { code: 'least_load' },
      sla: { policy: { name: 'Сайт час' } },
    });
    expect(res.body.candidates).toContainEqual(
      expect.objectContaining({ memberId: m1.memberId, eligible: false, reason: 'away' }),
    );
    expect(res.body.priority.reasons.length).toBeGreaterThan(0);
    const miss = await head.browser.call('POST', `/api/v1/routing-rules/${rule.id}/dry-run`, {
      channel: 'web',
      text: 'Добрый день',
    });
    expect(miss.body.rules[0]).toMatchObject({ matched: false, failed: ['mentions'] });
    expect(
      rowsOf<{ n: number }>(
        await env.database.db.execute(sql`select count(*)::int as n from lead_assignments`),
      )[0]!.n,
    ).toBe(before);
    expectProblem(
      await head.browser.call('POST', '/api/v1/routing-rules/dry-run', { channel: 'pigeon' }),
      400,
      'request.invalid',
      'channel',
    );
  });
});
