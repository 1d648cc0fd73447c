import { registerOwned, visibleTo } from '../workspaces/service.js';
import { tasks } from './tables.js';

// Tasks under the one visibility rule (workspaces/visibility.ts): each by its owner.
registerOwned('tasks', {
  table: tasks,
  id: tasks.id,
  workspaceId: tasks.workspaceId,
  scope: (ctx) => visibleTo(ctx, 'tasks', tasks.ownerId),
  notFound: 'task.not_found',
  what: 'task',
});
