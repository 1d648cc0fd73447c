// The routing module's public surface: request routing, response SLAs with automatic reassignment,
// warm-first priority (see DESIGN.md), and business-time arithmetic with the Russian production calendar.
export {
  DEFAULT_WEIGHTS,
  extractFeatures,
  featureCodes,
  scoreFeatures,
  scoreRequest,
  type ChannelKind,
  type FeatureCode,
  type PriorityInput,
  type PriorityReason,
  type PriorityScore,
  type PriorityWeights,
} from './priority.js';
export { fitWeights, type FitOptions, type FitResult, type Outcome } from './fit-weights.js';
export { prepareCatalog, type CatalogEntry } from './words.js';
export {
  addBusinessTime,
  businessMsBetween,
  dayRanges,
  weekdays,
  OFFICE_HOURS,
  type BusinessSchedule,
  type ProductionCalendar,
  type TimeRange,
  type Weekday,
  type WorkingHours,
} from './business-time.js';
export {
  productionCalendar,
  RU_CALENDAR_YEARS,
  RU_PRODUCTION_CALENDAR,
  type CalendarYear,
} from './ru-calendar.js';
export { startLeadTimers, type TimerLoop } from './timers.js';
// Loading routing installs its view of requests into leads (lead-state.ts).
export { routingOfLeads } from './lead-state.js';
export { refitWorkspace, refitAll } from './refit.js';
export { routingRoutes } from './routes.js';
export { chooseAssignee, assignLeadTo, type Chosen } from './assign.js';
export { completeTelegramLink, telegramNotice, telegramChatsOf } from './telegram.js';
export {
  seedRuleList,
  seedRouting,
  seedAssignments,
  seedLeadRouting,
  type SeedLeadRouting,
  type SeedRoutingRule,
  type SeedSlaPolicy,
  type SeedAvailability,
  type SeedAssignment,
} from './seed.js';
// Wall-clock time in a zone, for the calendar's recurrence and working-hour windows.
export { localParts, zonedToUtc, localDateOf, addDays, isoDate, dayOfWeek } from './zoned-time.js';
export { memberWorkingWindows, type WorkingWindow } from './working-windows.js';
export { hostSchedules, type HostSchedule } from './host-schedules.js';
export type { LocalDate } from './zoned-time.js';
