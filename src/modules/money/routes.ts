import {
  BankStatement,
  BankStatementUploadQuery,
  IdParams,
  InvoicePayment,
  MoneySettings,
  Payment,
  PaymentAllocateBody,
  PaymentCreateBody,
  PaymentListQuery,
  PaymentReverseBody,
  PaymentTerms,
  PaymentTermsBody,
  StatementLine,
  StatementLineConfirmBody,
  StatementLineListQuery,
  page,
} from '@voronka/contract';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { attachmentHeader } from '../../platform/export/export.js';
import { inRequestWorkspace } from '../../platform/http/tenant.js';
import type { ModuleDeps } from '../deps.js';
import { receivableRoutes } from './receivables/routes.js';
import * as money from './service.js';
import { dunningRoutes } from './dunning/routes.js';

type App = FastifyInstance<any, any, any, any, ZodTypeProvider>;
type Run = <T>(req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>) => Promise<T>;
const can = (action: 'read' | 'create' | 'update') =>
  ({ access: { entity: 'finance', action } }) as const;
// A statement of 50,000 documents is about 40 MiB; a bigger body is refused (413) before parsing.
export const STATEMENT_LIMIT = 32 * 1024 * 1024;

export const moneyRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (app, { db }) => {
  const run: Run = (req, fn) => inRequestWorkspace(db, req, fn);
  // The statement is bytes (its encoding is decoded here), so text/plain is not read as a string.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser(
    /^(text\/plain|application\/octet-stream)/,
    { parseAs: 'buffer', bodyLimit: STATEMENT_LIMIT },
    (_req, body, done) => done(null, body),
  );
  paymentRoutes(app, run);
  termsRoutes(app, run);
  statementRoutes(app, run);
  lineRoutes(app, run);
  receivableRoutes(app, run);
  dunningRoutes(app, run);
};

function paymentRoutes(app: App, run: Run) {
  const tags = ['payments'];
  app.get(
    '/payments',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'Payments, newest first (filters companyId, invoiceId)',
        querystring: PaymentListQuery,
        response: { 200: page(Payment) },
      },
    },
    async (req) => run(req, (ctx) => money.listPayments(ctx, req.query as PaymentListQuery)),
  );
  app.post(
    '/payments',
    {
      config: can('create'),
      schema: {
        tags,
        summary:
          'Enter a payment by hand, allocated to invoices; what is left stays the client’s credit',
        body: PaymentCreateBody,
        response: { 201: Payment },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await run(req, (ctx) => money.createPayment(ctx, req.body))),
  );
  app.get(
    '/payments/:id',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'A payment with its allocations',
        params: IdParams,
        response: { 200: Payment },
      },
    },
    async (req) => run(req, (ctx) => money.getPayment(ctx, req.params.id)),
  );
  app.post(
    '/payments/:id/allocations',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Spend what the payment has left (the client’s credit) on invoices',
        params: IdParams,
        body: PaymentAllocateBody,
        response: { 200: Payment },
      },
    },
    async (req) =>
      run(req, (ctx) => money.allocatePayment(ctx, req.params.id, req.body.allocations)),
  );
  app.post(
    '/payments/:id/reverse',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Reverse a payment (kept on record, audited): invoices it paid reopen',
        params: IdParams,
        body: PaymentReverseBody,
        response: { 200: Payment },
      },
    },
    async (req) => run(req, (ctx) => money.reversePayment(ctx, req.params.id, req.body.reason)),
  );
}

function termsRoutes(app: App, run: Run) {
  const tags = ['payments'];
  app.get(
    '/payments/invoices/:id',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'An invoice’s money: paid, open, state, due date, days overdue',
        params: IdParams,
        response: { 200: InvoicePayment },
      },
    },
    async (req) => run(req, (ctx) => money.invoicePayment(ctx, req.params.id)),
  );
  app.get(
    '/payments/terms',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'Payment terms of companies and deals',
        response: { 200: z.object({ items: z.array(PaymentTerms) }) },
      },
    },
    async (req) => run(req, (ctx) => money.listTerms(ctx)),
  );
  app.put(
    '/payments/terms',
    {
      config: can('update'),
      schema: {
        tags,
        summary:
          'Set a company’s or a deal’s payment terms (prepayment, N days after the invoice or the act) and credit limit',
        body: PaymentTermsBody,
        response: { 200: PaymentTerms },
      },
    },
    async (req) => run(req, (ctx) => money.putTerms(ctx, req.body)),
  );
  app.get(
    '/payments/settings',
    {
      config: can('read'),
      schema: { tags, summary: 'The workspace’s money settings', response: { 200: MoneySettings } },
    },
    async (req) => run(req, (ctx) => money.getSettings(ctx)),
  );
  app.put(
    '/payments/settings',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'The stage a deal moves to when its invoice is paid (null: none)',
        body: MoneySettings,
        response: { 200: MoneySettings },
      },
    },
    async (req) => run(req, (ctx) => money.putSettings(ctx, req.body)),
  );
}

function statementRoutes(app: App, run: Run) {
  const tags = ['bank-statements'];
  app.get(
    '/bank-statements',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'Imported bank statements, newest first',
        response: { 200: z.object({ items: z.array(BankStatement) }) },
      },
    },
    async (req) => run(req, (ctx) => money.listStatements(ctx)),
  );
  app.post(
    '/bank-statements',
    {
      config: can('create'),
      schema: {
        tags,
        summary:
          'Upload a 1CClientBankExchange file (raw body, text/plain or application/octet-stream; Windows-1251, DOS or UTF-8): incoming payments matched to invoices; the same file again answers 200 with the statement it made',
        querystring: BankStatementUploadQuery,
        response: { 200: BankStatement, 201: BankStatement },
      },
    },
    async (req, reply) => {
      if (!Buffer.isBuffer(req.body))
        throw new DomainError(
          'request.unsupported_media_type',
          'send the file as the body with Content-Type text/plain or application/octet-stream',
        );
      const file = req.body;
      // Decoded and checked outside the transaction; any problem names its line, nothing stored.
      const parsed = money.parseStatement(file);
      const { statement, created } = await run(req, (ctx) =>
        money.importStatement(ctx, file, req.query.fileName, parsed),
      );
      return reply.code(created ? 201 : 200).send(statement);
    },
  );
  app.get(
    '/bank-statements/:id',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'A bank statement and its counts',
        params: IdParams,
        response: { 200: BankStatement },
      },
    },
    async (req) => run(req, (ctx) => money.getStatement(ctx, req.params.id)),
  );
  app.get(
    '/bank-statements/:id/file',
    {
      config: can('read'),
      schema: { tags, summary: 'The statement file as it was uploaded', params: IdParams },
    },
    async (req, reply) => {
      const file = await run(req, (ctx) => money.statementFile(ctx, req.params.id));
      return reply
        .header('content-type', 'application/octet-stream')
        .header('content-disposition', attachmentHeader(file.fileName))
        .header('x-content-type-options', 'nosniff')
        .send(file.raw);
    },
  );
}

function lineRoutes(app: App, run: Run) {
  const tags = ['bank-statements'];
  app.get(
    '/bank-statements/lines',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'Statement lines and their matches (status=review: the queue a person works)',
        querystring: StatementLineListQuery,
        response: { 200: page(StatementLine) },
      },
    },
    async (req) => run(req, (ctx) => money.listLines(ctx, req.query as StatementLineListQuery)),
  );
  app.get(
    '/bank-statements/lines/:id',
    {
      config: can('read'),
      schema: {
        tags,
        summary: 'A statement line with its candidates',
        params: IdParams,
        response: { 200: StatementLine },
      },
    },
    async (req) => run(req, (ctx) => money.getLine(ctx, req.params.id)),
  );
  app.post(
    '/bank-statements/lines/:id/confirm',
    {
      config: can('create'),
      schema: {
        tags,
        summary: 'Apply a line to invoices (one, or split); the rest stays the client’s credit',
        params: IdParams,
        body: StatementLineConfirmBody,
        response: { 200: StatementLine },
      },
    },
    async (req) => run(req, (ctx) => money.confirmLine(ctx, req.params.id, req.body)),
  );
  app.post(
    '/bank-statements/lines/:id/ignore',
    {
      config: can('update'),
      schema: {
        tags,
        summary: 'Take a line out of the review queue (not a payment for an invoice)',
        params: IdParams,
        response: { 200: StatementLine },
      },
    },
    async (req) => run(req, (ctx) => money.ignoreLine(ctx, req.params.id)),
  );
}
