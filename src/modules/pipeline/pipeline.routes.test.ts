import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, expectProblem, signUp, type Browser } from '../../test/client.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

type Stage = { id: string; name: string; kind: string; probability: number };
async function salesPipeline(owner: Browser) {
  const res = await owner.call('GET', '/api/v1/pipelines');
  expect(res.status).toBe(200);
  return res.body.items[0] as { id: string; name: string; stages: Stage[] };
}
const buildDeal = (owner: Browser, overrides: Record<string, unknown> = {}) =>
  owner.call('POST', '/api/v1/deals', {
    title: 'Поставка станков',
    amount: 123_456_700,
    ...overrides,
  });

describe('pipelines', () => {
  it('creates the default «Продажи» pipeline once, even when first touched concurrently', async () => {
    const owner = await signUp(env.app);
    const answers = await Promise.all([
      owner.call('GET', '/api/v1/pipelines'),
      owner.call('GET', '/api/v1/pipelines'),
      owner.call('GET', '/api/v1/lost-reasons'),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const list = await owner.call('GET', '/api/v1/pipelines');
    expect(list.body.items).toHaveLength(1);
    const p = list.body.items[0];
    expect(p).toMatchObject({ name: 'Продажи', isDefault: true });
    expect(p.stages.map((s: Stage) => s.name)).toEqual([
      'Новая',
      'Переговоры',
      'Выявление потребностей',
      'Коммерческое предложение',
      'Согласование договора',
      'Счёт выставлен',
      'Оплата',
      'Отгрузка/доставка',
      'Успешно',
      'Проиграно',
    ]);
    expect(p.stages.at(-2).kind).toBe('won');
    expect(p.stages.at(-1).kind).toBe('lost');
    const reasons = await owner.call('GET', '/api/v1/lost-reasons');
    expect(reasons.body.items.map((r: { name: string }) => r.name)).toEqual([
      'Дорого',
      'Выбрали конкурента',
      'Нет бюджета',
      'Не отвечает',
      'Неактуально',
    ]);
  });

  it('names the default stages in English for an English workspace', async () => {
    const owner = await signUp(env.app);
    await owner.call('PATCH', '/api/v1/workspace', { locale: 'en' });
    const p = await salesPipeline(owner);
    expect(p.name).toBe('Sales');
    expect(p.stages[0]!.name).toBe('New');
  });

  it('replaces the stage list, keeping listed ids and refusing to drop a stage that holds deals', async () => {
    const owner = await signUp(env.app);
    const p = await salesPipeline(owner);
    const [first, second] = p.stages;
    await buildDeal(owner, { stageId: second!.id });
    const dropBusy = await owner.call('PUT', `/api/v1/pipelines/${p.id}/stages`, {
      stages: [{ id: first!.id, name: 'Входящие', probability: 5, kind: 'open' }],
    });
    expectProblem(dropBusy, 409, 'stage.has_deals', 'stages');
    const kept = p.stages
      .filter((s) => s.id !== first!.id)
      .map(({ id, name, probability, kind }) => ({ id, name, probability, kind }));
    const ok = await owner.call('PUT', `/api/v1/pipelines/${p.id}/stages`, {
      stages: [...kept, { name: 'Отложено', probability: 0, kind: 'open' }],
    });
    expect(ok.status).toBe(200);
    expect(ok.body.stages[0].id).toBe(second!.id);
    expect(ok.body.stages.at(-1)).toMatchObject({ name: 'Отложено', position: kept.length });
    const noOpen = await owner.call('PUT', `/api/v1/pipelines/${p.id}/stages`, {
      stages: [{ name: 'Только успех', probability: 100, kind: 'won' }],
    });
    expectProblem(noOpen, 400, 'stage.invalid_set', 'stages');
  });

  it('names the busy stage when it is removed or changes kind, and changes an empty one freely', async () => {
    const owner = await signUp(env.app);
    const p = await salesPipeline(owner);
    const busy = p.stages[2]!;
    await buildDeal(owner, { stageId: busy.id });
    await buildDeal(owner, { stageId: busy.id });
    const all = p.stages.map(({ id, name, probability, kind }) => ({
      id,
      name,
      probability,
      kind,
    }));
    const removing = await owner.call('PUT', `/api/v1/pipelines/${p.id}/stages`, {
      stages: all.filter((s) => s.id !== busy.id),
    });
    expectProblem(removing, 409, 'stage.has_deals', 'stages');
    expect(removing.body.detail).toContain(`"${busy.name}" holds 2 deal(s)`);
    const rekinding = await owner.call('PUT', `/api/v1/pipelines/${p.id}/stages`, {
      stages: all.map((s) => (s.id === busy.id ? { ...s, kind: 'won' } : s)),
    });
    expectProblem(rekinding, 409, 'stage.has_deals', 'stages');
    expect(rekinding.body.detail).toContain(busy.name);
    // Nothing changed, and the deals are still in their stage.
    expect((await salesPipeline(owner)).stages.map((s) => [s.id, s.kind])).toEqual(
      p.stages.map((s) => [s.id, s.kind]),
    );
    expect((await owner.call('GET', `/api/v1/deals?stageId=${busy.id}`)).body.items).toHaveLength(
      2,
    );
    const empty = p.stages[3]!;
    const ok = await owner.call('PUT', `/api/v1/pipelines/${p.id}/stages`, {
      stages: all
        .filter((s) => s.id !== p.stages[1]!.id)
        .map((s) => (s.id === empty.id ? { ...s, kind: 'lost' } : s)),
    });
    expect(ok.status).toBe(200);
    expect(ok.body.stages.find((s: Stage) => s.id === empty.id).kind).toBe('lost');
    expect(ok.body.stages).toHaveLength(p.stages.length - 1);
  });

  it('refuses to delete the only pipeline and a pipeline with deals', async () => {
    const owner = await signUp(env.app);
    const p = await salesPipeline(owner);
    expectProblem(await owner.call('DELETE', `/api/v1/pipelines/${p.id}`), 409, 'pipeline.last');
    const second = (await owner.call('POST', '/api/v1/pipelines', { name: 'Тендеры' })).body;
    await buildDeal(owner, { pipelineId: second.id });
    expectProblem(
      await owner.call('DELETE', `/api/v1/pipelines/${second.id}`),
      409,
      'pipeline.has_deals',
    );
  });
});

describe('deals on the board', () => {
  it('moves a deal between stages: history, timeline, audit and closed_at', async () => {
    const owner = await signUp(env.app);
    const p = await salesPipeline(owner);
    const deal = (await buildDeal(owner)).body;
    expect(deal).toMatchObject({
      stageId: p.stages[0]!.id,
      amount: 123_456_700,
      currency: 'RUB',
      closedAt: null,
    });
    const moved = await owner.call('POST', `/api/v1/deals/${deal.id}/move`, {
      stageId: p.stages[1]!.id,
    });
    expect(moved.status).toBe(200);
    const won = await owner.call('POST', `/api/v1/deals/${deal.id}/move`, {
      stageId: p.stages.find((s) => s.kind === 'won')!.id,
    });
    expect(won.body.closedAt).not.toBeNull();
    const full = (await owner.call('GET', `/api/v1/deals/${deal.id}`)).body;
    expect(full.stageHistory.map((h: { stageId: string }) => h.stageId)).toEqual([
      p.stages[0]!.id,
      p.stages[1]!.id,
      won.body.stageId,
    ]);
    expect(full.stageHistory[0].leftAt).not.toBeNull();
    expect(full.stageHistory[2].leftAt).toBeNull();
    expect(full.stageHistory[0].durationSeconds).toBeGreaterThanOrEqual(0);
    const timeline = (await owner.call('GET', `/api/v1/timeline?dealId=${deal.id}`)).body.items;
    expect(
      timeline.map((a: { kind: string; data: { toStageName: string } }) => [
        a.kind,
        a.data.toStageName,
      ]),
    ).toEqual([
      ['stage_change', 'Успешно'],
      ['stage_change', 'Переговоры'],
    ]);
    const audit = (await owner.call('GET', '/api/v1/audit?limit=20')).body.items.map(
      (e: { action: string }) => e.action,
    );
    expect(audit.filter((a: string) => a === 'deal.moved')).toHaveLength(2);
  });

  it('asks for a lost reason when a deal moves to a lost stage', async () => {
    const owner = await signUp(env.app);
    const p = await salesPipeline(owner);
    const lost = p.stages.find((s) => s.kind === 'lost')!;
    const deal = (await buildDeal(owner)).body;
    expectProblem(
      await owner.call('POST', `/api/v1/deals/${deal.id}/move`, { stageId: lost.id }),
      400,
      'deal.lost_reason_required',
      'lostReasonId',
    );
    expectProblem(
      await owner.call('PATCH', `/api/v1/deals/${deal.id}`, { stageId: lost.id }),
      400,
      'deal.lost_reason_required',
      'lostReasonId',
    );
    const reason = (await owner.call('GET', '/api/v1/lost-reasons')).body.items[0];
    const ok = await owner.call('PATCH', `/api/v1/deals/${deal.id}`, {
      stageId: lost.id,
      lostReasonId: reason.id,
    });
    expect(ok.body).toMatchObject({ stageId: lost.id, lostReasonId: reason.id });
    expect(ok.body.closedAt).not.toBeNull();
  });

  it('orders cards by the drop position, between and around neighbours', async () => {
    const owner = await signUp(env.app);
    const p = await salesPipeline(owner);
    const stageId = p.stages[1]!.id;
    const ids: string[] = [];
    for (const title of ['А', 'Б', 'В'])
      ids.push((await buildDeal(owner, { title, stageId })).body.id);
    const column = async () =>
      (await owner.call('GET', `/api/v1/pipelines/${p.id}/board/stages/${stageId}`)).body.items.map(
        (d: { title: string }) => d.title,
      );
    expect(await column()).toEqual(['В', 'Б', 'А']);
    await owner.call('POST', `/api/v1/deals/${ids[0]}/move`, { stageId, beforeId: ids[2] });
    expect(await column()).toEqual(['А', 'В', 'Б']);
    await owner.call('POST', `/api/v1/deals/${ids[2]}/move`, { stageId, afterId: ids[1] });
    expect(await column()).toEqual(['А', 'Б', 'В']);
    // Many drops into the same gap exhaust a 4-byte real: the column is renumbered, order holds.
    for (let i = 0; i < 30; i++)
      await owner.call('POST', `/api/v1/deals/${i % 2 ? ids[1] : ids[2]}/move`, {
        stageId,
        afterId: ids[0],
        beforeId: i % 2 ? ids[2] : ids[1],
      });
    expect((await column())[0]).toBe('А');
    expect(await column()).toHaveLength(3);
    expectProblem(
      await owner.call('POST', `/api/v1/deals/${ids[0]}/move`, {
        stageId: p.stages[2]!.id,
        beforeId: ids[1],
      }),
      404,
      'deal.not_found',
      'beforeId',
    );
  });

  it('shows board columns with totals and pages a long column', async () => {
    const owner = await signUp(env.app);
    const p = await salesPipeline(owner);
    for (let i = 0; i < 5; i++) await buildDeal(owner, { title: `Сделка ${i}`, amount: 100_00 });
    const board = await owner.call('GET', `/api/v1/pipelines/${p.id}/board?perStage=2`);
    expect(board.status).toBe(200);
    const first = board.body.columns[0];
    expect(first).toMatchObject({ count: 5, countCapped: false, amount: '50000' });
    expect(first.deals).toHaveLength(2);
    const seen = first.deals.map((d: { id: string }) => d.id);
    let cursor = first.nextCursor;
    while (cursor) {
      const more = await owner.call(
        'GET',
        `/api/v1/pipelines/${p.id}/board/stages/${first.stage.id}?limit=2&cursor=${cursor}`,
      );
      seen.push(...more.body.items.map((d: { id: string }) => d.id));
      cursor = more.body.nextCursor;
    }
    expect(new Set(seen).size).toBe(5);
    expect(board.body.columns[1]).toMatchObject({ count: 0, amount: '0', deals: [] });
  });

  it('sums a column exactly past 2^53 kopecks', async () => {
    const owner = await signUp(env.app);
    const p = await salesPipeline(owner);
    for (const amount of [9_000_000_000_000_000, 9_000_000_000_000_000, 1])
      await buildDeal(owner, { title: `Крупная ${amount}`, amount });
    const board = await owner.call('GET', `/api/v1/pipelines/${p.id}/board`);
    // As a float this total would read 18000000000000000: the last kopeck lost.
    expect(board.body.columns[0].amount).toBe('18000000000000001');
  });

  it('lists deals with filters and keyset pages in amount order', async () => {
    const owner = await signUp(env.app);
    const company = (await owner.call('POST', '/api/v1/companies', { name: 'ООО «Станкомаш»' }))
      .body;
    for (const amount of [500, 100, 300, 200, 400])
      await buildDeal(owner, {
        title: `Заказ ${amount}`,
        amount,
        ...(amount >= 300 ? { companyId: company?.id } : {}),
        tags: amount === 100 ? ['vip'] : [],
      });
    const pages: number[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { amount: number }[]; nextCursor: string | null } } =
        await owner.call(
          'GET',
          `/api/v1/deals?sort=amount&order=asc&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
      pages.push(...res.body.items.map((d) => d.amount));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(pages).toEqual([100, 200, 300, 400, 500]);
    expect(
      (await owner.call('GET', '/api/v1/deals?amountMin=250&amountMax=450')).body.items,
    ).toHaveLength(2);
    expect(
      (await owner.call('GET', '/api/v1/deals?tag=vip')).body.items.map(
        (d: { amount: number }) => d.amount,
      ),
    ).toEqual([100]);
    expect(
      (await owner.call('GET', '/api/v1/deals?q=заказ 200')).body.items.map(
        (d: { amount: number }) => d.amount,
      ),
    ).toEqual([200]);
    if (company?.id)
      expect(
        (await owner.call('GET', `/api/v1/deals?companyId=${company.id}`)).body.items,
      ).toHaveLength(3);
  });

  it('lets a manager with "own" visibility see and move only their own deals', async () => {
    const owner = await signUp(env.app);
    const p = await salesPipeline(owner);
    const manager = await addMember(env.app, owner, 'manager');
    const roles = (await owner.call('GET', '/api/v1/roles')).body.items;
    const matrix = roles.find((r: { key: string }) => r.key === 'manager').permissions;
    await owner.call('PUT', '/api/v1/roles/manager', {
      permissions: { ...matrix, deals: { ...matrix.deals, visibility: 'own' } },
    });
    const ownersDeal = (await buildDeal(owner, { title: 'Чужая' })).body;
    const mine = (await buildDeal(manager.browser, { title: 'Моя' })).body;
    expect(mine.ownerId).toBe(manager.memberId);
    const list = await manager.browser.call('GET', '/api/v1/deals');
    expect(list.body.items.map((d: { title: string }) => d.title)).toEqual(['Моя']);
    const board = await manager.browser.call('GET', `/api/v1/pipelines/${p.id}/board`);
    expect(board.body.columns[0].count).toBe(1);
    expectProblem(
      await manager.browser.call('GET', `/api/v1/deals/${ownersDeal.id}`),
      404,
      'deal.not_found',
    );
    expectProblem(
      await manager.browser.call('POST', `/api/v1/deals/${ownersDeal.id}/move`, {
        stageId: p.stages[1]!.id,
      }),
      404,
      'deal.not_found',
    );
    expectProblem(
      await manager.browser.call('GET', `/api/v1/timeline?dealId=${ownersDeal.id}`),
      404,
      'deal.not_found',
    );
  });
});
