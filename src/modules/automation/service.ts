// The automation module's public surface (DESIGN.md): rules as versioned data, the engine that
// hears deal events through pipeline's registries (loading engine.js installs the listeners), the
// stale-deal scan, the durable act and webhook jobs, and the routes.
import './engine.js';
export { automationAct, staleScanAll, staleScanWorkspace, scanStale } from './engine.js';
export { webhookDelivery, signature } from './webhooks.js';
export { useAutomationSealer } from './secrets.js';
export { automationRoutes } from './routes.js';
