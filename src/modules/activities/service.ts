// The activities module's public surface: tasks, the timeline and the calls on it.
// Declares how tasks and the timeline follow merges and stage changes (client-links.ts).
import './client-links.js';
export { listTasks, getTask, createTask, updateTask, completeTask, deleteTask } from './tasks.js';
export {
  listTimeline,
  logActivity,
  writeActivity,
  addTimelineSource,
  linkLeadRecords,
  type NewActivity,
  type TimelineSource,
  type TimelineSubject,
} from './timeline.js';
export { upsertCallActivity, patchCallActivity } from './call-activities.js';
export { seedActivities, type SeedActivity, type SeedTask } from './seed.js';
export { assertSubjectLinks, type SubjectLinks } from './links.js';
