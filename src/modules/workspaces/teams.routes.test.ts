import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestEnv } from '../../test/app.js';
import { addMember, signUp } from '../../test/client.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestApp();
});
afterAll(async () => env?.close());

describe('teams', () => {
  it('counts the active members of each team', async () => {
    const owner = await signUp(env.app);
    const moscow = (await owner.call('POST', '/api/v1/teams', { name: 'Москва' })).body;
    const kazan = (await owner.call('POST', '/api/v1/teams', { name: 'Казань' })).body;
    await addMember(env.app, owner, 'manager', moscow.id);
    const leaving = await addMember(env.app, owner, 'manager', moscow.id);
    await addMember(env.app, owner, 'head', kazan.id);
    await owner.call('POST', `/api/v1/users/${leaving.memberId}/deactivate`);
    const list = await owner.call('GET', '/api/v1/teams');
    const counts = Object.fromEntries(
      list.body.items.map((t: { name: string; memberCount: number }) => [t.name, t.memberCount]),
    );
    expect(counts).toEqual({ Москва: 1, Казань: 1 });
  });

  it('keeps the members of a deleted team, without a team', async () => {
    const owner = await signUp(env.app);
    const team = (await owner.call('POST', '/api/v1/teams', { name: 'Временный' })).body;
    const m = await addMember(env.app, owner, 'assistant', team.id);
    expect((await owner.call('DELETE', `/api/v1/teams/${team.id}`)).status).toBe(204);
    const user = await owner.call('GET', `/api/v1/users/${m.memberId}`);
    expect(user.body).toMatchObject({ status: 'active', teamId: null });
  });

  it('refuses a second team with the same name in any letter case', async () => {
    const owner = await signUp(env.app);
    await owner.call('POST', '/api/v1/teams', { name: 'Отдел продаж' });
    const again = await owner.call('POST', '/api/v1/teams', { name: 'ОТДЕЛ ПРОДАЖ' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'team.name_taken', field: 'name' });
  });
});
