import type { Entity, EntityRights, Me, RoleKey, Visibility } from '@voronka/contract';
import { entities } from '@voronka/contract';

// Members as the server's default matrix makes them (src/modules/workspaces/rules.ts), for tests
// of what each role sees: rights written as letters (r c u d e) with a visibility.
const CRM: Entity[] = ['companies', 'contacts', 'leads', 'deals', 'tasks', 'documents'];
const rights = (letters: string, visibility: Visibility): EntityRights => ({
  read: letters.includes('r'),
  create: letters.includes('c'),
  update: letters.includes('u'),
  delete: letters.includes('d'),
  export: letters.includes('e'),
  visibility,
});
const none = rights('', 'own');
const defaults: Record<RoleKey, (e: Entity) => EntityRights> = {
  owner: () => rights('rcude', 'all'),
  admin: (e) => (e === 'roles' ? rights('r', 'all') : rights('rcude', 'all')),
  head: (e) => {
    if (CRM.includes(e)) return rights('rcude', 'team');
    if (e === 'teams') return rights('ru', 'team');
    if (e === 'routing' || e === 'automation' || e === 'messaging' || e === 'plans')
      return rights('rcud', 'all');
    if (e === 'catalog') return rights('rcude', 'all');
    if (e === 'margin') return rights('r', 'all');
    if (e === 'audit') return rights('re', 'team');
    if (e === 'tokens') return rights('rcd', 'own');
    if (e === 'roles' || e === 'users' || e === 'workspace') return rights('r', 'all');
    return none;
  },
  manager: (e) => {
    if (e === 'plans') return rights('r', 'own');
    if (CRM.includes(e)) return rights('rcud', 'own');
    if (e === 'tokens') return rights('rcd', 'own');
    if (e === 'messaging') return rights('rcud', 'own');
    if (e === 'users' || e === 'teams' || e === 'workspace' || e === 'routing' || e === 'catalog')
      return rights('r', 'all');
    return none;
  },
  assistant: (e) => {
    if (CRM.includes(e)) return rights('rcu', 'team');
    if (e === 'messaging') return rights('rcu', 'own');
    if (e === 'users' || e === 'teams' || e === 'workspace' || e === 'routing' || e === 'catalog')
      return rights('r', 'all');
    return none;
  },
};

export function memberAs(role: RoleKey, name = 'Олег Петров'): Me {
  return {
    user: {
      id: `u-${role}`,
      name,
      email: `${role}@example.ru`,
      twoFactorEnabled: false,
      locale: 'ru',
    },
    member: { id: `m-${role}`, role, teamId: 't1' },
    workspace: {
      id: 'w1',
      slug: 'demo',
      name: 'ООО «Демо»',
      plan: 'active',
      trialEndsAt: null,
      isReadOnly: false,
    },
    permissions: Object.fromEntries(entities.map((e) => [e, defaults[role](e)])),
    workspaces: [{ slug: 'demo', name: 'ООО «Демо»' }],
  } as unknown as Me;
}
