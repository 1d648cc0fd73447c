// The automation module's public surface (DESIGN.md): rules as versioned data, the engine that
// hears every module's domain events (loading engine.js installs its listener on platform/events),
// the time scans, the durable act, message and webhook jobs, the timeline entries and the routes.
import './engine.js';
import './deliveries.js';
export {
  automationAct,
  staleScanAll,
  staleScanWorkspace,
  scanStale,
  scanOverdue,
  useAutomationThrottle,
} from './engine.js';
export { automationMessage } from './actions.js';
export { runEntries } from './runs.js';
export { listenRuleCache } from './automations.js';
export { webhookDelivery, signature } from './webhooks.js';
export { webhookSend, useWebhookPolicy } from './deliveries.js';
export { useAutomationSealer } from './secrets.js';
export { automationRoutes, publicAutomationRoutes } from './routes.js';
