// The calendar module's public surface (DESIGN.md): members' events (meetings, calls, tasks,
// internal events with recurrence), when members are busy, reminders and the ICS feed.
export {
  createEvent,
  getEvent,
  updateEvent,
  moveEvent,
  cancelEvent,
  type NewEvent,
} from './events.js';
export { busyIntervals, type BusyInterval } from './busy.js';
export { occurrences, type Occurrence } from './recurrence.js';
