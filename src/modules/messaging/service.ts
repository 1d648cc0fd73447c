// The messaging module's public surface (DESIGN.md): letter and message templates rendered in the
// platform's sandboxed Liquid engine, their preview for a real record, and the routes. Later
// modules (automation) render their texts through the same engine, reached from here.
export { messagingRoutes } from './routes.js';
export { renderTemplate, parseTemplate, rub, TemplateProblem } from './engine.js';
export {
  renderTemplate as renderText,
  renderTemplateSync,
  parseTemplate as parseText,
} from '../../platform/templates/liquid.js';
export { renderDataFor } from './render-context.js';
export { publicUnsubscribeRoutes } from './campaign-routes.js';
export { useCampaignRuntime, type CampaignRuntime } from './unsubscribe.js';
export { campaignFill, campaignBatch } from './campaign-send.js';
