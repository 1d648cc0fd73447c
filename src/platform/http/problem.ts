import { errorStatus, type ErrorCode, type Problem } from '@voronka/contract';
import type { FastifyBaseLogger, FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { DrizzleQueryError } from 'drizzle-orm';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError } from '../errors.js';
import { isDatabaseUnavailable, loggableError } from '../db/outage.js';

// While the database is away every request fails the same way: the first failure is logged, then
// at most one a minute (with how many were answered 503 meanwhile), not one line per request.
let lastLogged = 0;
let since = 0;
function noteUnavailable(log: FastifyBaseLogger, err: unknown) {
  since++;
  if (Date.now() - lastLogged < 60_000) return;
  log.error(
    { err: loggableError(err), unavailableAnswers: since },
    'database unavailable: answering 503',
  );
  lastLogged = Date.now();
  since = 0;
}

type FieldError = { field: string; reason: string };

export function problemBody(
  code: ErrorCode,
  detail: string,
  extra: { field?: string; errors?: FieldError[] } = {},
): Problem {
  const status = errorStatus[code];
  return {
    type: `https://voronka.dev/problems/${code.replace('.', '/')}`,
    title: code,
    status,
    detail,
    code,
    ...(extra.field ? { field: extra.field } : {}),
    ...(extra.errors ? { errors: extra.errors } : {}),
  };
}

export function sendProblem(
  reply: FastifyReply,
  code: ErrorCode,
  detail: string,
  extra: { field?: string; errors?: FieldError[] } = {},
) {
  return reply
    .code(errorStatus[code])
    .type('application/problem+json; charset=utf-8')
    .send(problemBody(code, detail, extra));
}

// Fastify's own client-error codes, each mapped to our stable code.
const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.malformed_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.invalid',
  FST_ERR_CTP_INVALID_TYPE: 'request.unsupported_media_type',
};

// PostgreSQL SQLSTATEs that mean the client sent something the database refused: 4xx. The database
// not being there (platform/db/outage.ts) is a 503 with Retry-After, so a sender retries.
const pgClientErrors: Record<string, ErrorCode> = {
  '22P02': 'request.invalid',
  '22021': 'request.invalid',
  '22001': 'request.invalid',
  '54000': 'request.invalid',
};

// Seconds a client is told to wait while the database is away (a restart takes a few).
export const RETRY_AFTER_SECONDS = 5;

export function sendUnavailable(reply: FastifyReply) {
  return sendProblem(
    reply.header('retry-after', String(RETRY_AFTER_SECONDS)),
    'server.unavailable',
    'the service is temporarily unavailable, retry later',
  );
}

export function fieldErrorsFromValidation(
  validation: { instancePath: string; message?: string; params?: Record<string, unknown> }[],
  context?: string,
): FieldError[] {
  return validation.map((v) => {
    const keys = (v.params?.keys as string[] | undefined) ?? [];
    const path = v.instancePath.replace(/^\//, '').split('/').filter(Boolean);
    if (keys.length) path.push(keys[0]!);
    const field = path.join('.') || context || 'body';
    return { field, reason: v.message ?? 'invalid' };
  });
}

export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof DomainError) {
      if (err.retryAfter !== undefined)
        reply.header('retry-after', String(Math.max(1, Math.ceil(err.retryAfter))));
      return sendProblem(reply, err.code, err.message, err.field ? { field: err.field } : {});
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const errors = fieldErrorsFromValidation(err.validation, err.validationContext);
      return sendProblem(reply, 'request.invalid', `${errors[0]?.field}: ${errors[0]?.reason}`, {
        field: errors[0]?.field ?? 'body',
        errors,
      });
    }
    const mapped = err.code ? fastifyCodes[err.code] : undefined;
    if (mapped) return sendProblem(reply, mapped, err.message);
    // Drizzle wraps the driver's error; the SQLSTATE (or connection error code) is on its cause.
    const dbErr = (err instanceof DrizzleQueryError && err.cause ? err.cause : err) as {
      code?: string;
      message?: string;
    };
    if (dbErr.code && pgClientErrors[dbErr.code])
      return sendProblem(reply, pgClientErrors[dbErr.code]!, 'a value is not acceptable');
    if (err.statusCode === 429)
      return sendProblem(reply, 'request.rate_limited', 'too many requests, try again later');
    if (isDatabaseUnavailable(err)) {
      noteUnavailable(req.log, err);
      return sendUnavailable(reply);
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
      return sendProblem(reply, 'request.invalid', err.message);
    // Drizzle puts the query's parameters in its message (and so in the stack's first lines):
    // personal data stays out of the log.
    req.log.error({ err: loggableError(err) }, 'unhandled error');
    return sendProblem(reply, 'server.internal', 'internal error');
  });
}
