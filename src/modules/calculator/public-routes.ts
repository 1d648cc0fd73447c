import {
  CalculatorKeyParams,
  CalculatorSubmissionAccepted,
  CalculatorSubmissionBody,
  Estimate,
  isOriginAllowed,
  PublicCalculator,
  PublicEvaluateBody,
} from '@voronka/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { v5 as uuidv5 } from 'uuid';
import { inSystemWorkspace } from '../../platform/context.js';
import type { Db } from '../../platform/db/types.js';
import { DomainError } from '../../platform/errors.js';
import { sendProblem } from '../../platform/http/problem.js';
import * as forms from '../forms/service.js';
import type { ModuleDeps } from '../deps.js';
import {
  findCalculatorByKey,
  publicEstimate,
  submitCalculation,
  toPublicCalculator,
  type PublicFound,
} from './public.js';

// The public calculator API under /api/public/calculators: the published definition, evaluation
// (the server's number is the only one), and the visitor's result with contacts → a request. The
// calculator's website form decides the allowed sites, the consent and the submissions' rate limit.

const publicAccess = { access: 'public' } as const;
const EVALUATIONS_PER_MINUTE = 240;
const EVAL_NS = '0b6c7f4e-5c1a-4c55-8a39-2f0d6f3e9a21';
type Found = { calc: PublicFound; form: forms.IntakeForm | null };

async function find(db: Db, key: string): Promise<Found> {
  const calc = await findCalculatorByKey(db, key);
  if (!calc) throw new DomainError('calculator.not_found', 'no such calculator');
  const form = calc.formKey ? await forms.findFormByKey(db, calc.formKey) : null;
  return { calc, form };
}

// A site may use the calculator when its form allows it (no form: the CRM's own pages only). Sets
// CORS for an allowed site, even on errors, so the widget can read them.
function gate(req: FastifyRequest, reply: FastifyReply, publicOrigin: string, found: Found) {
  const origin = req.headers.origin;
  reply.header('vary', 'Origin');
  if (!origin) return;
  const own = [publicOrigin, `${req.protocol}://${req.host}`].includes(origin);
  if (own || isOriginAllowed(origin, found.form?.allowedDomains ?? [])) {
    reply.header('access-control-allow-origin', origin);
    return;
  }
  if (req.method !== 'GET')
    throw new DomainError(
      'form.origin_not_allowed',
      "this calculator may not be used from this site: add it to its form's allowed domains",
    );
}

export const publicCalculatorRoutes: FastifyPluginAsyncZod<ModuleDeps> = async (
  app,
  { db, config },
) => {
  const tags = ['public calculators'];
  const preflight = async (_req: FastifyRequest, reply: FastifyReply) =>
    reply
      .headers({
        'access-control-allow-origin': '*',
        'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': 'content-type, idempotency-key',
        'access-control-max-age': '600',
      })
      .code(204)
      .send();
  for (const path of ['/:key', '/:key/evaluate', '/:key/submissions'])
    app.options(path, { config: publicAccess, schema: { hide: true } }, preflight);

  app.get(
    '/:key',
    {
      config: publicAccess,
      schema: {
        tags,
        summary:
          "A published calculator's definition (and its form's contact fields), for the widget",
        params: CalculatorKeyParams,
        response: { 200: PublicCalculator },
      },
    },
    async (req, reply) => {
      const found = await find(db, req.params.key);
      gate(req, reply, config.publicUrl, found);
      return reply
        .header('cache-control', 'no-cache')
        .send(toPublicCalculator(found.calc, found.form));
    },
  );

  app.post(
    '/:key/evaluate',
    {
      config: publicAccess,
      bodyLimit: 32 * 1024,
      schema: {
        tags,
        summary:
          'Evaluate the published calculator: the itemised estimate with VAT (no cost prices)',
        params: CalculatorKeyParams,
        body: PublicEvaluateBody,
        response: { 200: Estimate },
      },
    },
    async (req, reply) => {
      const found = await find(db, req.params.key);
      gate(req, reply, config.publicUrl, found);
      const { calc } = found;
      const counted = await forms.countSubmission(
        db,
        {
          workspaceId: calc.workspaceId,
          id: uuidv5(calc.id, EVAL_NS),
          rateLimitPerMinute: EVALUATIONS_PER_MINUTE,
        },
        req.ip,
      );
      if (!counted.allowed)
        throw new DomainError(
          'request.rate_limited',
          `too many evaluations: at most ${EVALUATIONS_PER_MINUTE} a minute`,
          {
            retryAfter: counted.retryAfter,
          },
        );
      return inSystemWorkspace(db, calc.workspaceId, (ctx) =>
        publicEstimate(ctx, calc, req.body.values),
      );
    },
  );

  submissionRoute(app, db, config.publicUrl);
};

type Api = Parameters<FastifyPluginAsyncZod<ModuleDeps>>[0];

function submissionRoute(app: Api, db: Db, publicUrl: string) {
  const tags = ['public calculators'];
  app.post(
    '/:key/submissions',
    {
      config: publicAccess,
      bodyLimit: 64 * 1024,
      schema: {
        tags,
        summary:
          'Leave contacts with the result: the server computes the estimate again and raises a request carrying it',
        params: CalculatorKeyParams,
        body: CalculatorSubmissionBody,
        response: { 200: CalculatorSubmissionAccepted, 201: CalculatorSubmissionAccepted },
      },
    },
    async (req, reply) => {
      const found = await find(db, req.params.key);
      gate(req, reply, publicUrl, found);
      const { calc } = found;
      if (!calc.formKey)
        throw new DomainError(
          'calculator.no_form',
          'this calculator takes no requests: give it a website form',
        );
      // The form's own rate limit, counted as its posts are.
      const limited = await forms.findFormForSubmission(db, calc.formKey, req.ip);
      if (!limited) throw new DomainError('calculator.no_form', 'the calculator’s form is gone');
      if (!limited.allowed)
        throw new DomainError(
          'request.rate_limited',
          `too many submissions: at most ${limited.form.rateLimitPerMinute} a minute`,
          {
            retryAfter: limited.retryAfter,
          },
        );
      const read = forms.readSubmission(limited.form, req.body.contact, {
        referer: req.headers.referer,
        idempotencyKey:
          typeof req.headers['idempotency-key'] === 'string'
            ? req.headers['idempotency-key']
            : undefined,
      });
      if (!read.ok) {
        const [first] = read.errors;
        return sendProblem(reply, 'request.invalid', `contact.${first!.field}: ${first!.reason}`, {
          field: `contact.${first!.field}`,
          errors: read.errors.map((e) => ({ ...e, field: `contact.${e.field}` })),
        });
      }
      const meta = {
        ip: req.ip ?? null,
        userAgent: req.headers['user-agent']?.slice(0, 500) ?? null,
      };
      // A bot that filled the honeypot gets a thank-you and nothing is stored.
      if (read.submission.isSpam)
        return reply.code(200).send({ thankYou: limited.form.thankYou, totalKopecks: 0 });
      const result = await inSystemWorkspace(
        db,
        calc.workspaceId,
        (ctx) => submitCalculation(ctx, calc, limited.form, read.submission, req.body.values, meta),
        { ip: meta.ip, requestId: String(req.id) },
      );
      return reply.code(result.duplicate ? 200 : 201).send({
        thankYou: limited.form.thankYou,
        totalKopecks: result.estimate.totals.totalKopecks,
      });
    },
  );
}
