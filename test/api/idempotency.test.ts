import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../src/test/app.js';
import { addMember, bearer, expectProblem, signUp, type Browser } from '../../src/test/client.js';

let env: TestEnv;
let owner: Browser;
let keyCount = 0;
const newKey = () => `key-${process.pid}-${++keyCount}`;

beforeAll(async () => {
  env = await createTestApp();
  owner = await signUp(env.app, { companyName: 'ООО «Повтор»' });
});
afterAll(async () => env?.close());

const teamsNamed = async (browser: Browser, name: string) =>
  ((await browser.call('GET', '/api/v1/teams?limit=200')).body.items as { name: string }[]).filter(
    (t) => t.name === name,
  );

const createTeam = (browser: Browser, key: string, body: unknown) =>
  browser.call('POST', '/api/v1/teams', body, { 'idempotency-key': key });

describe('Idempotency-Key on POST', () => {
  it('creates one team for two requests with the same key, replaying the first answer', async () => {
    const key = newKey();
    const first = await createTeam(owner, key, { name: 'Отдел А' });
    const second = await createTeam(owner, key, { name: 'Отдел А' });
    expect(first.status).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await teamsNamed(owner, 'Отдел А')).toHaveLength(1);
  });

  it('refuses the same key with a different body', async () => {
    const key = newKey();
    expect((await createTeam(owner, key, { name: 'Отдел Б' })).status).toBe(201);
    expectProblem(
      await createTeam(owner, key, { name: 'Отдел В' }),
      422,
      'idempotency.key_reused',
      'Idempotency-Key',
    );
    expect(await teamsNamed(owner, 'Отдел В')).toHaveLength(0);
  });

  it('does not burn the key on a request that fails validation', async () => {
    const key = newKey();
    expectProblem(await createTeam(owner, key, { name: 42 }), 400, 'request.invalid', 'name');
    expectProblem(
      await createTeam(owner, key, { name: 'Отдел Г', extra: true }),
      400,
      'request.invalid',
    );
    const good = await createTeam(owner, key, { name: 'Отдел Г' });
    expect(good.status).toBe(201);
    expect(good.headers['idempotent-replayed']).toBeUndefined();
    expect(await teamsNamed(owner, 'Отдел Г')).toHaveLength(1);
  });

  it('releases the key when the request fails, so a corrected retry runs', async () => {
    const key = newKey();
    expectProblem(
      await createTeam(owner, key, { name: 'Отдел А' }),
      409,
      'team.name_taken',
      'name',
    );
    const retried = await createTeam(owner, key, { name: 'Отдел Д' });
    expect(retried.status).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
  });

  it('keeps keys per workspace: the same key in two workspaces makes two teams', async () => {
    const other = await signUp(env.app, { companyName: 'ООО «Другая»' });
    const key = newKey();
    const here = await createTeam(owner, key, { name: 'Общий ключ' });
    const there = await createTeam(other, key, { name: 'Общий ключ' });
    expect([here.status, there.status]).toEqual([201, 201]);
    expect(there.headers['idempotent-replayed']).toBeUndefined();
    expect(there.body.id).not.toBe(here.body.id);
    expect(await teamsNamed(owner, 'Общий ключ')).toHaveLength(1);
    expect(await teamsNamed(other, 'Общий ключ')).toHaveLength(1);
  });

  it('creates one team when two requests with one key race', async () => {
    const key = newKey();
    const answers = await Promise.all([
      createTeam(owner, key, { name: 'Гонка' }),
      createTeam(owner, key, { name: 'Гонка' }),
    ]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses[0]).toBe(201);
    expect([201, 409]).toContain(statuses[1]);
    expect(await teamsNamed(owner, 'Гонка')).toHaveLength(1);
  });

  it('refuses a key longer than 255 characters', async () => {
    expectProblem(
      await createTeam(owner, 'k'.repeat(256), { name: 'Длинный ключ' }),
      400,
      'request.invalid',
      'Idempotency-Key',
    );
    expect(await teamsNamed(owner, 'Длинный ключ')).toHaveLength(0);
  });

  it('does not create a second API token on a repeated request', async () => {
    const key = newKey();
    const created = await owner.call(
      'POST',
      '/api/v1/tokens',
      { name: 'Ключевой' },
      { 'idempotency-key': key },
    );
    const again = await owner.call(
      'POST',
      '/api/v1/tokens',
      { name: 'Ключевой' },
      { 'idempotency-key': key },
    );
    expect([created.status, again.status]).toEqual([201, 201]);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const tokens = (await owner.call('GET', '/api/v1/tokens')).body.items.filter(
      (t: { name: string }) => t.name === 'Ключевой',
    );
    expect(tokens).toHaveLength(1);
  });

  it("never replays one member's answer to another member who reuses the key", async () => {
    const key = newKey();
    const created = await owner.call(
      'POST',
      '/api/v1/tokens',
      { name: 'Токен владельца' },
      { 'idempotency-key': key },
    );
    expect(created.status).toBe(201);
    const manager = await addMember(env.app, owner, 'manager');
    const reused = await manager.browser.call(
      'POST',
      '/api/v1/tokens',
      { name: 'Токен владельца' },
      { 'idempotency-key': key },
    );
    expect(JSON.stringify(reused.body)).not.toContain(created.body.token);
    expectProblem(reused, 422, 'idempotency.key_reused');
    expect(
      (await bearer(env.app, created.body.token).call('GET', '/api/v1/me')).body.member.role,
    ).toBe('owner');
  });
});
