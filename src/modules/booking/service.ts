// The booking module's public surface (DESIGN.md): meeting types, their slots, public bookings
// with their cancel and reschedule links, and the confirmation job.
export {
  listMeetingTypes,
  getMeetingType,
  createMeetingType,
  updateMeetingType,
  deleteMeetingType,
} from './meeting-types.js';
export { bookingConfirm } from './confirm.js';
export { bookingFacts } from './book.js';
export { bookingRemind, bookingCancelMail } from './client-letters.js';
export { bookingRoutes } from './routes.js';
export { publicBookingRoutes } from './public-routes.js';
export { bookingPageRoutes } from './pages.js';
