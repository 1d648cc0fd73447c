import {
  entities,
  type Entity,
  type EntityRights,
  type PermissionMatrix,
  type RoleKey,
  type Visibility,
} from '@voronka/contract';
import slugify from 'slugify';

export const TRIAL_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export const trialEndFrom = (now: Date) => new Date(now.getTime() + TRIAL_DAYS * DAY_MS);

// Days left, rounded up: a trial ending in 30 hours has 2 days left; an ended one has 0.
export function trialDaysLeft(trialEndsAt: Date | null, now: Date): number | null {
  if (!trialEndsAt) return null;
  return Math.max(0, Math.ceil((trialEndsAt.getTime() - now.getTime()) / DAY_MS));
}

const CRM: Entity[] = ['companies', 'contacts', 'leads', 'deals', 'tasks', 'documents'];

const rights = (flags: string, visibility: Visibility): EntityRights => ({
  read: flags.includes('r'),
  create: flags.includes('c'),
  update: flags.includes('u'),
  delete: flags.includes('d'),
  export: flags.includes('e'),
  visibility,
});

const none = rights('', 'own');

// The default matrix, written as the brief describes the roles: the head sees the team and
// approves, a manager works their own clients, an assistant helps the team without deletion or export.
const defaults: Record<RoleKey, (entity: Entity) => EntityRights> = {
  owner: () => rights('rcude', 'all'),
  admin: (e) => (e === 'roles' ? rights('r', 'all') : rights('rcude', 'all')),
  head: (e) => {
    if (e === 'legal_entities') return rights('r', 'all');
    if (e === 'finance') return rights('rcue', 'all');
    // The head sets the department's robots: stage rules, stale deals, notices.
    if (e === 'automation') return rights('rcud', 'all');
    // Templates (shared ones too), segments and campaigns of the department.
    if (e === 'messaging') return rights('rcud', 'all');
    // The head sets the sales plans.
    if (e === 'plans') return rights('rcud', 'all');
    if (CRM.includes(e)) return rights('rcude', 'team');
    if (e === 'teams') return rights('ru', 'team');
    // The head runs the department's queue: rules, SLAs, hours.
    if (e === 'routing') return rights('rcud', 'all');
    if (e === 'catalog') return rights('rcude', 'all');
    if (e === 'margin') return rights('r', 'all');
    if (e === 'audit') return rights('re', 'team');
    if (e === 'tokens') return rights('rcd', 'own');
    if (e === 'roles') return rights('r', 'all');
    if (e === 'users' || e === 'workspace') return rights('r', 'all');
    return none;
  },
  manager: (e) => {
    if (e === 'legal_entities') return rights('r', 'all');
    if (e === 'finance') return rights('r', 'own');
    if (e === 'plans') return rights('r', 'own');
    if (CRM.includes(e)) return rights('rcud', 'own');
    if (e === 'tokens') return rights('rcd', 'own');
    // Their own templates and segments; shared templates are read, not changed.
    if (e === 'messaging') return rights('rcud', 'own');
    if (e === 'users' || e === 'teams' || e === 'workspace' || e === 'routing' || e === 'catalog')
      return rights('r', 'all');
    return none;
  },
  assistant: (e) => {
    if (e === 'legal_entities') return rights('r', 'all');
    if (CRM.includes(e)) return rights('rcu', 'team');
    if (e === 'messaging') return rights('rcu', 'own');
    if (e === 'users' || e === 'teams' || e === 'workspace' || e === 'routing' || e === 'catalog')
      return rights('r', 'all');
    return none;
  },
};

export const defaultPermissions = (role: RoleKey): PermissionMatrix =>
  Object.fromEntries(entities.map((e) => [e, defaults[role](e)])) as PermissionMatrix;

// A matrix stored before an entity existed gets that entity's default, so upgrades add rights safely.
export const completePermissions = (
  role: RoleKey,
  stored: Partial<PermissionMatrix> | null | undefined,
): PermissionMatrix =>
  Object.fromEntries(
    entities.map((e) => [e, stored?.[e] ?? defaults[role](e)]),
  ) as PermissionMatrix;

export const isRoleEditable = (role: RoleKey) => role !== 'owner';

// Only an owner hands out or takes away ownership.
export const canAssignRole = (actorRole: RoleKey | null, from: RoleKey | null, to: RoleKey) =>
  actorRole === null || actorRole === 'owner' || (to !== 'owner' && from !== 'owner');

export function slugBase(name: string): string {
  const base = slugify(name, { lower: true, strict: true, locale: 'ru' })
    .slice(0, 40)
    .replace(/-+$/, '');
  return base || 'workspace';
}
