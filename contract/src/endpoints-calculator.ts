import { z } from 'zod';
import { NoContent, type Endpoint } from './endpoint-kit.js';
import { DealLines } from './catalog.js';
import {
  Calculator,
  CalculatorApplyBody,
  CalculatorCreateBody,
  CalculatorEvaluateBody,
  CalculatorPreviewBody,
  CalculatorUpdateBody,
  Estimate,
} from './calculator.js';
import {
  DiscountApproval,
  DiscountApprovalCreateBody,
  DiscountApprovalListQuery,
  DiscountDecisionBody,
  DiscountLimits,
  DiscountLimitsBody,
} from './discounts.js';

// Service cost calculators (joined into endpoints.ts).
export const calculatorEndpoints = {
  'GET /calculators': { response: z.object({ items: z.array(Calculator) }) },
  'GET /calculators/:id': { response: Calculator },
  'POST /calculators': { body: CalculatorCreateBody, response: Calculator },
  'PATCH /calculators/:id': { body: CalculatorUpdateBody, response: Calculator },
  'DELETE /calculators/:id': { response: NoContent },
  'POST /calculators/:id/publish': { response: Calculator },
  'POST /calculators/preview': { body: CalculatorPreviewBody, response: Estimate },
  'POST /calculators/:id/evaluate': { body: CalculatorEvaluateBody, response: Estimate },
  'POST /calculators/:id/apply': { body: CalculatorApplyBody, response: DealLines },
  'GET /discount-limits': { response: DiscountLimits },
  'PUT /discount-limits': { body: DiscountLimitsBody, response: DiscountLimits },
  'GET /discount-approvals': {
    query: DiscountApprovalListQuery,
    response: z.object({ items: z.array(DiscountApproval) }),
  },
  'POST /discount-approvals': { body: DiscountApprovalCreateBody, response: DiscountApproval },
  'POST /discount-approvals/:id/approve': {
    body: DiscountDecisionBody,
    response: DiscountApproval,
  },
  'POST /discount-approvals/:id/reject': { body: DiscountDecisionBody, response: DiscountApproval },
} as const satisfies Record<string, Endpoint>;
