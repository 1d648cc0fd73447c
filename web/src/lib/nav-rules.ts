import type { Entity, Me } from '@voronka/contract';

// Who may use what, read from the session's permission matrix (GET /auth/session → me.permissions).
// The navigation shows a member only the pages they can use: a page of records needs the right to
// read them; the department's pages (queue, SLA report) need a view wider than one's own requests;
// a settings page needs the right to change something on it (reading a settings form one cannot
// save is no use). The routes themselves stay guarded by the server and by RequirePermission.

type Rights = Me['permissions'][Entity];
const rights = (me: Me, e: Entity): Rights | undefined => me.permissions[e];
export const canRead = (me: Me, e: Entity) => rights(me, e)?.read === true;
export const canChange = (me: Me, e: Entity) => {
  const r = rights(me, e);
  return r?.create === true || r?.update === true || r?.delete === true;
};

// Runs the department: sees more than their own requests and reads the routing (a head, an admin).
export const runsDepartment = (me: Me) =>
  canRead(me, 'routing') && canRead(me, 'leads') && rights(me, 'leads')?.visibility !== 'own';

// After sign-in: a manager (one who sees only their own requests) starts in the inbox, where the
// work is; whoever runs the department starts on the home page with its queue and breaches.
export function landingPath(me: Me | null | undefined): string {
  if (!me) return '/';
  return canRead(me, 'leads') && !runsDepartment(me) ? '/inbox' : '/';
}

export type NavKey =
  | 'inbox'
  | 'home'
  | 'leads'
  | 'companies'
  | 'contacts'
  | 'duplicates'
  | 'deals'
  | 'pipeline'
  | 'tasks'
  | 'callLists'
  | 'calls'
  | 'calendar'
  | 'documents'
  | 'payments'
  | 'receivables'
  | 'dunning'
  | 'legalEntities'
  | 'automations'
  | 'webhooks'
  | 'messageTemplates'
  | 'privacy'
  | 'queue'
  | 'slaReport'
  | 'discounts'
  | 'analytics'
  | 'availability'
  | 'audit'
  | 'workspace'
  | 'users'
  | 'teams'
  | 'channels'
  | 'pipelines'
  | 'forms'
  | 'meetingTypes'
  | 'calculators'
  | 'routing'
  | 'catalog'
  | 'priceLists'
  | 'customFields'
  | 'roles'
  | 'tokens'
  | 'security';

export const mainNav: readonly { key: NavKey; to: string; can: (me: Me) => boolean }[] = [
  { key: 'inbox', to: '/inbox', can: (me) => canRead(me, 'leads') },
  { key: 'home', to: '/', can: () => true },
  { key: 'leads', to: '/leads', can: (me) => canRead(me, 'leads') },
  { key: 'companies', to: '/companies', can: (me) => canRead(me, 'companies') },
  { key: 'contacts', to: '/contacts', can: (me) => canRead(me, 'contacts') },
  // Merging duplicates changes contacts.
  {
    key: 'duplicates',
    to: '/duplicates',
    can: (me) => canRead(me, 'contacts') && rights(me, 'contacts')?.update === true,
  },
  { key: 'deals', to: '/deals', can: (me) => canRead(me, 'deals') },
  { key: 'pipeline', to: '/pipeline', can: (me) => canRead(me, 'deals') },
  { key: 'tasks', to: '/tasks', can: (me) => canRead(me, 'tasks') },
  { key: 'calendar', to: '/calendar', can: (me) => canRead(me, 'tasks') },
  // Call lists (обзвон) and the call journal with statistics.
  { key: 'callLists', to: '/call-lists', can: (me) => canRead(me, 'contacts') },
  { key: 'calls', to: '/calls', can: (me) => canRead(me, 'leads') },
  { key: 'catalog', to: '/catalog', can: (me) => canRead(me, 'catalog') },
  { key: 'priceLists', to: '/price-lists', can: (me) => canRead(me, 'catalog') },
  { key: 'documents', to: '/documents', can: (me) => canRead(me, 'documents') },
  { key: 'payments', to: '/payments', can: (me) => canRead(me, 'finance') },
  { key: 'receivables', to: '/receivables', can: (me) => canRead(me, 'finance') },
  { key: 'queue', to: '/queue', can: runsDepartment },
  { key: 'slaReport', to: '/reports/sla', can: runsDepartment },
  // Discount approvals: the head decides the department's requests (managers see theirs on the deal).
  { key: 'discounts', to: '/discounts', can: (me) => runsDepartment(me) && canRead(me, 'deals') },
  // Funnel, plan vs fact, activity, win-back: over the deals one sees (a manager: their own).
  { key: 'analytics', to: '/reports/funnel', can: (me) => canRead(me, 'deals') },
  // One's own working hours, away and vacations.
  { key: 'availability', to: '/availability', can: () => true },
  { key: 'audit', to: '/audit', can: (me) => canRead(me, 'audit') },
];

export const settingsNav: readonly { key: NavKey; to: string; can: (me: Me) => boolean }[] = [
  { key: 'workspace', to: '/settings/workspace', can: (me) => canChange(me, 'workspace') },
  { key: 'users', to: '/settings/users', can: (me) => canChange(me, 'users') },
  { key: 'teams', to: '/settings/teams', can: (me) => canChange(me, 'teams') },
  { key: 'channels', to: '/settings/channels', can: (me) => canChange(me, 'workspace') },
  // Pipelines, stages and lost reasons are workspace settings (the server asks for workspace:update).
  {
    key: 'pipelines',
    to: '/settings/pipelines',
    can: (me) => canChange(me, 'workspace') && canRead(me, 'deals'),
  },
  // Our company: the legal entities documents are issued from.
  {
    key: 'legalEntities',
    to: '/settings/legal-entities',
    can: (me) => canChange(me, 'legal_entities'),
  },
  // The dunning ladder: reminders about unpaid invoices (finance).
  { key: 'dunning', to: '/settings/dunning', can: (me) => canChange(me, 'finance') },
  { key: 'forms', to: '/settings/forms', can: (me) => canChange(me, 'workspace') },
  // Booking pages: meeting types are workspace settings (the server asks for workspace:update).
  { key: 'meetingTypes', to: '/settings/meeting-types', can: (me) => canChange(me, 'workspace') },
  // Service cost calculators: part of the catalog (the server asks for catalog:update to change).
  { key: 'calculators', to: '/settings/calculators', can: (me) => canChange(me, 'catalog') },
  { key: 'routing', to: '/settings/routing', can: (me) => canChange(me, 'routing') },
  // Robots and rules: what happens by itself when deals move or go quiet.
  { key: 'automations', to: '/settings/automations', can: (me) => canRead(me, 'automation') },
  // Outgoing webhooks carry the workspace's records out: a workspace setting.
  { key: 'webhooks', to: '/settings/webhooks', can: (me) => canChange(me, 'workspace') },
  // Letter and message templates: a member's own and the shared ones (quick replies in the inbox).
  { key: 'messageTemplates', to: '/settings/templates', can: (me) => canRead(me, 'messaging') },
  // Personal data (152-FZ): owner, admin, whoever the matrix makes responsible for it.
  { key: 'privacy', to: '/settings/privacy', can: (me) => canRead(me, 'privacy') },
  { key: 'customFields', to: '/settings/custom-fields', can: (me) => canChange(me, 'workspace') },
  // The matrix is read by whoever manages people, even where only the owner may change it.
  {
    key: 'roles',
    to: '/settings/roles',
    can: (me) => canChange(me, 'roles') || (canRead(me, 'roles') && canChange(me, 'users')),
  },
  { key: 'tokens', to: '/settings/tokens', can: (me) => canChange(me, 'tokens') },
  // One's own password and two-factor sign-in.
  { key: 'security', to: '/settings/security', can: () => true },
];
