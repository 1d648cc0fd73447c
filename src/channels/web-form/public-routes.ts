import fastifyFormbody from '@fastify/formbody';
import {
  FormKeyParams,
  FormSubmissionAccepted,
  FormSubmissionBody,
  PublicForm,
} from '@voronka/contract';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { inSystemWorkspace } from '../../platform/context.js';
import type { Db } from '../../platform/db/types.js';
import { sendProblem } from '../../platform/http/problem.js';
import * as forms from '../../modules/forms/service.js';
import { judgeOrigin, pageLocale, PREFLIGHT_HEADERS } from './cors.js';
import { thankYouPage } from './pages.js';

// The public form API under /api/public/forms: a form's definition and the submission intake.

const SUBMISSION_BODY_LIMIT = 64 * 1024;
const publicAccess = { access: 'public' } as const;
type FormOf = WeakMap<FastifyRequest, forms.IntakeForm>;
// Not the zod type provider: the answer is JSON or, for a plain HTML form, a page.
type Api = FastifyInstance;

export const publicFormRoutes: FastifyPluginAsyncZod<{
  db: Db;
  publicOrigin: string;
}> = async (api, { db, publicOrigin }) => {
  // url-encoded bodies (a site's own <form>, or no JavaScript) are parsed here and nowhere else.
  await api.register(fastifyFormbody, { bodyLimit: SUBMISSION_BODY_LIMIT });
  const formOf: FormOf = new WeakMap();
  api.addHook('onRequest', formGate(db, publicOrigin, formOf));

  const preflight = async (_req: FastifyRequest, reply: FastifyReply) =>
    reply.headers(PREFLIGHT_HEADERS).code(204).send();
  api.options('/:key', { config: publicAccess, schema: { hide: true } }, preflight);
  api.options('/:key/submissions', { config: publicAccess, schema: { hide: true } }, preflight);

  // Not cached: a change the owner makes shows on the site at the next page view.
  api.get(
    '/:key',
    {
      config: publicAccess,
      schema: {
        tags: ['public forms'],
        summary: "A form's definition, for the widget",
        params: FormKeyParams,
        response: { 200: PublicForm },
      },
    },
    async (req, reply) =>
      reply.header('cache-control', 'no-cache').send(forms.toPublicForm(formOf.get(req)!)),
  );
  submissionRoute(api, db, formOf);
};

// Before the body is read: the form, the origin check (CORS headers for an allowed site, even on
// errors, so the widget can read them), and for a post its count in the rate limit.
function formGate(db: Db, publicOrigin: string, formOf: FormOf) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const { key = '' } = req.params as { key?: string };
    // A post is counted in the rate limit with the same statement that finds the form.
    const found =
      req.method === 'POST'
        ? await forms.findFormForSubmission(db, key, req.ip)
        : await forms
            .findFormByKey(db, key)
            .then((form) => form && { form, allowed: true, retryAfter: 0 });
    if (!found) return sendProblem(reply, 'form.not_found', 'no such form');
    const { form } = found;
    const verdict = judgeOrigin(
      req.headers.origin,
      [publicOrigin, `${req.protocol}://${req.host}`],
      form.allowedDomains,
    );
    reply.header('vary', 'Origin');
    if (verdict === 'allowed' || verdict === 'same')
      reply.header('access-control-allow-origin', req.headers.origin!);
    if (verdict === 'refused' && req.method !== 'GET')
      return sendProblem(
        reply,
        'form.origin_not_allowed',
        "this form may not be used from this site: add it to the form's allowed domains",
      );
    if (!found.allowed)
      return sendProblem(
        reply.header('retry-after', String(found.retryAfter)),
        'request.rate_limited',
        `too many submissions from this address: at most ${form.rateLimitPerMinute} a minute`,
      );
    formOf.set(req, form);
  };
}

function submissionRoute(api: Api, db: Db, formOf: FormOf) {
  api.post(
    '/:key/submissions',
    {
      config: publicAccess,
      bodyLimit: SUBMISSION_BODY_LIMIT,
      schema: {
        tags: ['public forms'],
        summary:
          'Send a form (JSON or url-encoded): it becomes an inbox conversation and a request',
        params: FormKeyParams,
        body: FormSubmissionBody.optional(),
        response: { 200: FormSubmissionAccepted, 201: FormSubmissionAccepted },
      },
    },
    async (req, reply) => {
      const form = formOf.get(req)!;
      const read = forms.readSubmission(form, (req.body ?? {}) as Record<string, unknown>, {
        referer: req.headers.referer,
        idempotencyKey: headerOf(req, 'idempotency-key'),
      });
      if (!read.ok) {
        const [first] = read.errors;
        return sendProblem(reply, 'request.invalid', `${first!.field}: ${first!.reason}`, {
          field: first!.field,
          errors: read.errors,
        });
      }
      const sub = read.submission;
      const answer = (status: 200 | 201) =>
        wantsHtml(req)
          ? reply
              .code(status)
              .type('text/html; charset=utf-8')
              .send(thankYouPage(pageLocale(req.headers['accept-language']), form, sub.pageUrl))
          : reply.code(status).send({ thankYou: form.thankYou });
      // The honeypot (a field people never see) was filled: a bot. It gets the same thank-you a
      // person gets, so it learns nothing, and nothing is stored.
      if (sub.isSpam) return answer(200);
      const meta = { ip: req.ip ?? null, userAgent: headerOf(req, 'user-agent') ?? null };
      const result = await inSystemWorkspace(
        db,
        form.workspaceId,
        (ctx) => forms.acceptSubmission(ctx, form, sub, meta),
        { ip: meta.ip, requestId: String(req.id) },
      );
      // A repeat of an accepted submission (same token) answers as the first did, minus the 201.
      return answer(result.duplicate ? 200 : 201);
    },
  );
}

const headerOf = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

// A browser that posted a plain <form> (no widget) navigates to the answer: it gets a page.
const wantsHtml = (req: FastifyRequest) =>
  String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') &&
  /text\/html/.test(String(req.headers.accept ?? ''));
