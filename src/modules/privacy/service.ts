// The privacy module's public surface (DESIGN.md): personal data under 152-FZ — the consent log,
// data-subject requests with their legal clock, access export and erasure, the access log of cards
// (loading access-log.js installs its listener into clients), and hand-over of a leaving member's book.
import './access-log.js';
export { privacyRoutes } from './routes.js';
export { privacyExport } from './export.js';
export { retentionRun, retentionRunAll, runRetention } from './retention.js';
export { listConsents, recordConsent } from './consents.js';
export { addWorkingDays, dueDate, extendedDue } from './clock.js';
