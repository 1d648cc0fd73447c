import { entities, type Me, type PermissionMatrix } from '@voronka/contract';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { MeContext } from './session';
import { useCanWrite } from './use-can-write';

const none = {
  read: false,
  create: false,
  update: false,
  delete: false,
  export: false,
  visibility: 'own',
} as const;

function buildMe(
  overrides: { isReadOnly?: boolean; teams?: Partial<PermissionMatrix['teams']> } = {},
): Me {
  const permissions = Object.fromEntries(entities.map((e) => [e, { ...none }])) as PermissionMatrix;
  permissions.teams = { ...none, read: true, create: true, ...overrides.teams };
  return {
    user: {
      id: '00000000-0000-4000-8000-000000000001',
      name: 'Анна',
      email: 'anna@example.ru',
      twoFactorEnabled: false,
      locale: 'ru',
    },
    member: { id: '00000000-0000-4000-8000-000000000002', role: 'manager', teamId: null },
    workspace: {
      id: '00000000-0000-4000-8000-000000000003',
      slug: 'romashka',
      name: 'Ромашка',
      plan: 'trial',
      trialEndsAt: '2026-12-04T00:00:00Z',
      trialDaysLeft: 7,
      isReadOnly: overrides.isReadOnly ?? false,
      timezone: 'Europe/Moscow',
      locale: 'ru',
      requireTwoFactor: false,
      createdAt: '2026-11-27T00:00:00Z',
    },
    permissions,
    workspaces: [{ slug: 'romashka', name: 'Ромашка' }],
  };
}

function canWrite(me: Me, action: 'create' | 'update' | 'delete') {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <MeContext.Provider value={me}>{children}</MeContext.Provider>
  );
  return renderHook(() => useCanWrite('teams', action), { wrapper }).result.current;
}

describe('useCanWrite', () => {
  it('allows what the role grants', () => {
    expect(canWrite(buildMe(), 'create')).toBe(true);
  });

  it('refuses what the role does not grant', () => {
    expect(canWrite(buildMe(), 'delete')).toBe(false);
  });

  it('refuses every write in a read-only workspace, whatever the role grants', () => {
    const me = buildMe({ isReadOnly: true, teams: { update: true, delete: true } });
    expect(canWrite(me, 'create')).toBe(false);
    expect(canWrite(me, 'update')).toBe(false);
    expect(canWrite(me, 'delete')).toBe(false);
  });
});
