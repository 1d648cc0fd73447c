import { z } from 'zod';
import { NoContent, type Endpoint } from './endpoint-kit.js';
import {
  ActivityQuery,
  ActivityReport,
  Dashboard,
  DrillDeals,
  FunnelDrillQuery,
  FunnelReport,
  PlanFactQuery,
  PlanFactReport,
  ReportFilter,
  SalesPlan,
  SalesPlanBody,
  SalesPlanQuery,
  SalesPlanUpdateBody,
  WinBackActionBody,
  WinBackActionResult,
  WinBackList,
  WinBackQuery,
} from './analytics.js';

// Analytics: reports, sales plans, win-back (joined into endpoints.ts). The XLSX export
// (GET /reports/funnel/export) is a download, not JSON.
export const analyticsEndpoints = {
  'GET /reports/funnel': { query: ReportFilter, response: FunnelReport },
  'GET /reports/funnel/deals': { query: FunnelDrillQuery, response: DrillDeals },
  'GET /reports/plan-fact': { query: PlanFactQuery, response: PlanFactReport },
  'GET /reports/activity': { query: ActivityQuery, response: ActivityReport },
  'GET /reports/dashboard': { response: Dashboard },
  'GET /reports/win-back': { query: WinBackQuery, response: WinBackList },
  'POST /reports/win-back/:id': { body: WinBackActionBody, response: WinBackActionResult },
  'GET /plans': { query: SalesPlanQuery, response: z.object({ items: z.array(SalesPlan) }) },
  'POST /plans': { body: SalesPlanBody, response: SalesPlan },
  'PATCH /plans/:id': { body: SalesPlanUpdateBody, response: SalesPlan },
  'DELETE /plans/:id': { response: NoContent },
} as const satisfies Record<string, Endpoint>;
