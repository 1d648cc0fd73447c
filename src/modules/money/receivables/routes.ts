import {
  Aging,
  CompanyBalance,
  CreditCheck,
  CreditCheckQuery,
  CreditLimitBody,
  IdParams,
  ReceivableInvoices,
  ReceivableInvoicesQuery,
  ReceivablesExportQuery,
  ReceivablesQuery,
  ReconciliationAct,
  ReconciliationActQuery,
} from '@voronka/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Ctx } from '../../../platform/context.js';
import { attachmentHeader } from '../../../platform/export/export.js';
import { renderReconciliationActPdf } from '../../print/service.js';
import { agingReport, exportReceivables, receivableInvoices } from './aging.js';
import { companyBalance, creditCheck, setCreditLimit } from './balance.js';
import { reconciliationAct } from './reconciliation.js';

// Receivables: the aging report, its invoices and export, a client's balance and credit limit, the
// reconciliation act. Registered by money/routes.ts; rights are the finance entity's.

type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;
type Run = <T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>) => Promise<T>;
const can = (action: 'read' | 'update' | 'export') =>
  ({ access: { entity: 'finance', action } }) as const;
const tags = ['receivables'];

export function receivableRoutes(app: App, run: Run) {
  agingRoutes(app, run);
  companyRoutes(app, run);
}

function agingRoutes(app: App, run: Run) {
  app.get(
    '/receivables',
    {
      config: can('read'),
      schema: {
        tags,
        summary:
          'Aging of what clients owe (not yet due, 1–30, 31–60, 61–90, 90+ days past due) by client, manager or legal entity, with totals',
        querystring: ReceivablesQuery,
        response: { 200: Aging },
      },
    },
    async (req) => run(req, (ctx) => agingReport(ctx, req.query as ReceivablesQuery)),
  );
  app.get(
    '/receivables/invoices',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'The open invoices behind the aging report (filter by bucket), most overdue first',
        querystring: ReceivableInvoicesQuery,
        response: { 200: ReceivableInvoices },
      },
    },
    async (req) => run(req, (ctx) => receivableInvoices(ctx, req.query as ReceivableInvoicesQuery)),
  );
  app.get(
    '/receivables/export',
    {
      config: can('export'),
      schema: {
        tags,
        summary: 'The open invoices of the aging report as XLSX or CSV (UTF-8, «;»)',
        querystring: ReceivablesExportQuery,
      },
    },
    async (req, reply) => {
      const { asOf, file } = await run(req, (ctx) =>
        exportReceivables(ctx, req.query as ReceivablesExportQuery),
      );
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', attachmentHeader(`receivables-${asOf}.${file.extension}`))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
}

function companyRoutes(app: App, run: Run) {
  app.get(
    '/receivables/companies/:id',
    {
      config: can('read'),
      schema: {
        tags,
        summary:
          'A client’s balance: invoiced, paid, open, overdue, credit (overpayment), average days late, credit limit',
        params: IdParams,
        response: { 200: CompanyBalance },
      },
    },
    async (req) => run(req, (ctx) => companyBalance(ctx, req.params.id)),
  );
  app.put(
    '/receivables/companies/:id/credit-limit',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Set or remove (null) a client’s credit limit (audited)',
        params: IdParams,
        body: CreditLimitBody,
        response: { 200: CompanyBalance },
      },
    },
    async (req) =>
      run(req, (ctx) => setCreditLimit(ctx, req.params.id, req.body.creditLimitKopecks)),
  );
  app.get(
    '/receivables/companies/:id/credit-check',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'Would a new invoice of this amount take the client past their credit limit?',
        params: IdParams,
        querystring: CreditCheckQuery,
        response: { 200: CreditCheck },
      },
    },
    async (req) =>
      run(req, (ctx) =>
        creditCheck(ctx, req.params.id, (req.query as { amountKopecks: number }).amountKopecks),
      ),
  );
  app.get(
    '/companies/:id/reconciliation-act',
    {
      config: can('read'),
      schema: {
        tags,
        summary:
          'The reconciliation act (акт сверки) with the client for a period and one of our legal entities, as JSON or PDF',
        params: IdParams,
        querystring: ReconciliationActQuery,
        response: { 200: ReconciliationAct },
      },
    },
    async (req, reply) => {
      const q = req.query as ReconciliationActQuery;
      const act = await run(req, (ctx) => reconciliationAct(ctx, req.params.id, q));
      if (q.format === 'json') return act;
      const pdf = await renderReconciliationActPdf(act);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', attachmentHeader(`akt-sverki-${act.from}-${act.to}.pdf`))
        .header('x-content-type-options', 'nosniff')
        .send(pdf as never);
    },
  );
}
