// The activities module's public surface: tasks, the timeline and the calls on it (a PBX call's
// event planned into an inbox item, filed on the timeline, its recording attached).
// Declares how tasks and the timeline follow merges and stage changes (client-links.ts).
import './client-links.js';
import './transfer.js';
export {
  listTasks,
  getTask,
  createTask,
  updateTask,
  completeTask,
  deleteTask,
  onTaskSchedule,
  tasksDueBetween,
  overdueTasks,
} from './tasks.js';
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
export {
  planCall,
  describeCall,
  noManager,
  type CallEvent,
  type CallEventKind,
  type CallFacts,
  type CallManager,
  type PlannedCall,
} from './calls.js';
export { routeCall, parseExtensionMap, extensionKey, type CallRoute } from './call-routing.js';
export { recordCall, type RecordedCall } from './call-records.js';
export {
  acceptRecording,
  attachRecording,
  useCallLog,
  type CallLog,
  type RecordingOutcome,
} from './call-recordings.js';
export { lastDealActivity } from './last-activity.js';
export { seedActivities, type SeedActivity, type SeedTask } from './seed.js';
export { assertSubjectLinks, type SubjectLinks } from './links.js';
export {
  getExtension,
  setExtension,
  memberByExtension,
  beginOutgoingCall,
  failOutgoingCall,
  linkOutgoingCall,
  toOutgoingCall,
  type NewOutgoingCall,
  type OutgoingLink,
} from './outgoing-calls.js';
export { callJournal, callStats } from './call-journal.js';
