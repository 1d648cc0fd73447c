// The messaging module's public surface (DESIGN.md): letter and message templates rendered in a
// sandboxed Liquid engine, their preview for a real record, and the routes.
export { messagingRoutes } from './routes.js';
export { renderTemplate, parseTemplate, rub, TemplateProblem } from './engine.js';
export { renderDataFor } from './render-context.js';
