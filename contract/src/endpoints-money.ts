import { z } from 'zod';
import { page } from './common.js';
import { NoContent, type Endpoint } from './endpoint-kit.js';
import {
  BankStatement,
  Payment,
  PaymentCreateBody,
  PaymentListQuery,
  PaymentReverseBody,
  StatementLine,
  StatementLineConfirmBody,
  StatementLineListQuery,
} from './payments.js';
import {
  DunningPauseBody,
  DunningPolicy,
  DunningPolicyBody,
  DunningPolicyList,
  DunningPreview,
  DunningPreviewBody,
  DunningState,
} from './dunning.js';
import {
  Aging,
  CompanyBalance,
  CreditCheck,
  CreditCheckQuery,
  CreditLimitBody,
  ReceivableInvoices,
  ReceivableInvoicesQuery,
  ReceivablesQuery,
  ReconciliationAct,
  ReconciliationActQuery,
} from './receivables.js';

// Money: payments, bank statements, receivables, dunning (joined into endpoints.ts).
export const moneyEndpoints = {
  'GET /receivables': { query: ReceivablesQuery, response: Aging },
  'GET /receivables/invoices': { query: ReceivableInvoicesQuery, response: ReceivableInvoices },
  'GET /receivables/companies/:id': { response: CompanyBalance },
  'PUT /receivables/companies/:id/credit-limit': {
    body: CreditLimitBody,
    response: CompanyBalance,
  },
  'GET /receivables/companies/:id/credit-check': { query: CreditCheckQuery, response: CreditCheck },
  'GET /companies/:id/reconciliation-act': {
    query: ReconciliationActQuery,
    response: ReconciliationAct,
  },
  'GET /payments': { query: PaymentListQuery, response: page(Payment) },
  'POST /payments': { body: PaymentCreateBody, response: Payment },
  'POST /payments/:id/reverse': { body: PaymentReverseBody, response: Payment },
  'GET /dunning-policies': { response: DunningPolicyList },
  'POST /dunning-policies': { body: DunningPolicyBody, response: DunningPolicy },
  'PUT /dunning-policies/:id': { body: DunningPolicyBody, response: DunningPolicy },
  'DELETE /dunning-policies/:id': { response: NoContent },
  'POST /dunning-policies/preview': { body: DunningPreviewBody, response: DunningPreview },
  'GET /companies/:id/dunning-pause': { response: DunningState },
  'POST /companies/:id/dunning-pause': { body: DunningPauseBody, response: DunningState },
  'DELETE /companies/:id/dunning-pause': { response: DunningState },
  'GET /bank-statements': { response: z.object({ items: z.array(BankStatement) }) },
  'GET /bank-statements/lines': { query: StatementLineListQuery, response: page(StatementLine) },
  'POST /bank-statements/lines/:id/confirm': {
    body: StatementLineConfirmBody,
    response: StatementLine,
  },
  'POST /bank-statements/lines/:id/ignore': { response: StatementLine },
} as const satisfies Record<string, Endpoint>;
