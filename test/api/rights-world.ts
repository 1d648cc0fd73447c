import type { RoleKey } from '@voronka/contract';
import { createTestApp, type TestEnv } from '../../src/test/app.js';
import { addMember, signUp, type Browser } from '../../src/test/client.js';

// The workspace both rights suites (rights.test.ts, rights-visibility.test.ts) work in: an owner,
// one member of every role in the first team, and a manager and an assistant in the second.
export type Member = { browser: Browser; memberId: string; email: string; password: string };
export type RightsWorld = {
  env: TestEnv;
  owner: Browser;
  people: Record<RoleKey, Member>;
  team1: string;
  team2: string;
  otherTeamManager: Member;
  victim: Member;
};

export async function openRightsWorld(): Promise<RightsWorld> {
  const env = await createTestApp();
  const owner = await signUp(env.app, { companyName: 'ООО «Права»' });
  const team1 = (await owner.call('POST', '/api/v1/teams', { name: 'Первый отдел' })).body.id;
  const team2 = (await owner.call('POST', '/api/v1/teams', { name: 'Второй отдел' })).body.id;
  const asOwner = {
    browser: owner,
    memberId: owner.info.me!.member.id,
    email: owner.info.me!.user.email,
    password: 'correct-horse-battery',
  };
  const people = {
    owner: asOwner,
    admin: await addMember(env.app, owner, 'admin'),
    head: await addMember(env.app, owner, 'head', team1),
    manager: await addMember(env.app, owner, 'manager', team1),
    assistant: await addMember(env.app, owner, 'assistant', team1),
  };
  const otherTeamManager = await addMember(env.app, owner, 'manager', team2);
  const victim = await addMember(env.app, owner, 'assistant', team2);
  return { env, owner, people, team1, team2, otherTeamManager, victim };
}
