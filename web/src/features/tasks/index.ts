// The tasks feature as other features see it: import from here, never from its files.
export { TaskDialog } from './TaskDialog';
export { TaskList } from './TaskList';
export { dayBounds, useTasks } from './use-tasks';
