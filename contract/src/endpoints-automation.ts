import { z } from 'zod';
import { page } from './common.js';
import { NoContent, type Endpoint } from './endpoint-kit.js';
import {
  Automation,
  AutomationCreateBody,
  AutomationDryRun,
  AutomationDryRunBody,
  AutomationListQuery,
  AutomationRun,
  AutomationRunQuery,
  AutomationUpdateBody,
} from './automation.js';

// Automation rules and their run log (joined into endpoints.ts).
export const automationEndpoints = {
  'GET /automations': {
    query: AutomationListQuery,
    response: z.object({ items: z.array(Automation) }),
  },
  'POST /automations': { body: AutomationCreateBody, response: Automation },
  'PATCH /automations/:id': { body: AutomationUpdateBody, response: Automation },
  'DELETE /automations/:id': { response: NoContent },
  'GET /automations/:id/runs': { query: AutomationRunQuery, response: page(AutomationRun) },
  'POST /automations/:id/dry-run': { body: AutomationDryRunBody, response: AutomationDryRun },
  'GET /automations/:id/webhook-secret': { response: z.object({ secret: z.string() }) },
} as const satisfies Record<string, Endpoint>;
