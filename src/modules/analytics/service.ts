// The analytics module's public surface: reports over other modules' facts, sales plans, win-back.
export { analyticsRoutes } from './routes.js';
export { funnelReport, funnelDeals } from './funnel.js';
export { planFact } from './plan-fact.js';
export { activityReport } from './activity.js';
export { dashboard } from './dashboard.js';
export { winBackList, winBack } from './win-back.js';
export { rollup, rollupWorkspace, rollupAll } from './rollup.js';
