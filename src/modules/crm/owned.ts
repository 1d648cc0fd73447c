import { registerOwned, visibleTo } from '../workspaces/service.js';
import { companies, contacts, deals, tasks } from './tables.js';

// The crm's owned records under the one visibility rule (workspaces/visibility.ts): each by its owner.
registerOwned('companies', {
  table: companies,
  id: companies.id,
  workspaceId: companies.workspaceId,
  scope: (ctx) => visibleTo(ctx, 'companies', companies.ownerId),
  notFound: 'company.not_found',
  what: 'company',
});
registerOwned('contacts', {
  table: contacts,
  id: contacts.id,
  workspaceId: contacts.workspaceId,
  scope: (ctx) => visibleTo(ctx, 'contacts', contacts.ownerId),
  notFound: 'contact.not_found',
  what: 'contact',
});
registerOwned('deals', {
  table: deals,
  id: deals.id,
  workspaceId: deals.workspaceId,
  scope: (ctx) => visibleTo(ctx, 'deals', deals.ownerId),
  notFound: 'deal.not_found',
  what: 'deal',
});
registerOwned('tasks', {
  table: tasks,
  id: tasks.id,
  workspaceId: tasks.workspaceId,
  scope: (ctx) => visibleTo(ctx, 'tasks', tasks.ownerId),
  notFound: 'task.not_found',
  what: 'task',
});
