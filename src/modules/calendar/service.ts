// The calendar module's public surface (DESIGN.md): members' events (meetings, calls, tasks,
// internal events with recurrence), when members are busy, reminders and the ICS feed.
import * as activities from '../activities/service.js';
import { afterTaskChange } from './reminders.js';

// A task with a reminder time is reminded of like an event (activities' registry).
activities.onTaskSchedule(afterTaskChange);
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
export { remindJob, afterTaskChange } from './reminders.js';
export { reminderMail, useReminderMailer, reminderText } from './reminder-delivery.js';
export { calendarRoutes } from './routes.js';
