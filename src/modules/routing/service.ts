// The routing module's public surface. Today: the warm-first priority score and its re-fitting,
// and business-time arithmetic with the Russian production calendar, for the SLA timers to come.
export {
  DEFAULT_WEIGHTS, extractFeatures, featureCodes, scoreFeatures, scoreRequest,
  type ChannelKind, type FeatureCode, type PriorityInput, type PriorityReason, type PriorityScore, type PriorityWeights,
} from './priority.js';
export { fitWeights, type FitOptions, type FitResult, type Outcome } from './fit-weights.js';
export { prepareCatalog, type CatalogEntry } from './words.js';
export {
  addBusinessTime, businessMsBetween, OFFICE_HOURS,
  type BusinessSchedule, type ProductionCalendar, type TimeRange, type Weekday, type WorkingHours,
} from './business-time.js';
export { productionCalendar, RU_CALENDAR_YEARS, RU_PRODUCTION_CALENDAR, type CalendarYear } from './ru-calendar.js';
