import { errorStatus, type ErrorCode, type Problem } from '@voronka/contract';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { DrizzleQueryError } from 'drizzle-orm';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError } from '../errors.js';

type FieldError = { field: string; reason: string };

export function problemBody(code: ErrorCode, detail: string, extra: { field?: string; errors?: FieldError[] } = {}): Problem {
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

export function sendProblem(reply: FastifyReply, code: ErrorCode, detail: string, extra: { field?: string; errors?: FieldError[] } = {}) {
  return reply.code(errorStatus[code]).type('application/problem+json; charset=utf-8').send(problemBody(code, detail, extra));
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

// PostgreSQL SQLSTATEs that mean the client sent something the database refused, or that the
// database is not there: the first are 4xx, the second 503 so a sender retries.
const pgClientErrors: Record<string, ErrorCode> = { '22P02': 'request.invalid', '22021': 'request.invalid', '22001': 'request.invalid', '54000': 'request.invalid' };
const isUnavailable = (err: { code?: string; message?: string }) =>
  ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P03', '53300', '08006', '08001', '08003'].includes(err.code ?? '') ||
  /PGlite is closed|Connection terminated|Cannot use a pool after calling end|timeout exceeded when trying to connect/i.test(err.message ?? '');

export function fieldErrorsFromValidation(validation: { instancePath: string; message?: string; params?: Record<string, unknown> }[], context?: string): FieldError[] {
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
      if (err.retryAfter !== undefined) reply.header('retry-after', String(Math.max(1, Math.ceil(err.retryAfter))));
      return sendProblem(reply, err.code, err.message, err.field ? { field: err.field } : {});
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const errors = fieldErrorsFromValidation(err.validation, err.validationContext);
      return sendProblem(reply, 'request.invalid', `${errors[0]?.field}: ${errors[0]?.reason}`, { field: errors[0]?.field ?? 'body', errors });
    }
    const mapped = err.code ? fastifyCodes[err.code] : undefined;
    if (mapped) return sendProblem(reply, mapped, err.message);
    // Drizzle wraps the driver's error; the SQLSTATE (or connection error code) is on its cause.
    const dbErr = (err instanceof DrizzleQueryError && err.cause ? err.cause : err) as { code?: string; message?: string };
    if (dbErr.code && pgClientErrors[dbErr.code]) return sendProblem(reply, pgClientErrors[dbErr.code]!, 'a value is not acceptable');
    if (err.statusCode === 429) return sendProblem(reply, 'request.rate_limited', 'too many requests, try again later');
    if (isUnavailable(dbErr)) {
      req.log.error({ err: { message: dbErr.message, code: dbErr.code } }, 'database unavailable');
      return sendProblem(reply, 'server.unavailable', 'the service is temporarily unavailable, retry later');
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return sendProblem(reply, 'request.invalid', err.message);
    // Drizzle puts the query's parameters in its message: personal data stays out of the log.
    const message = String(err.message ?? '').split('\nparams:')[0];
    req.log.error({ err: { type: err.name, code: err.code, message, stack: err.stack?.split('\n').slice(1, 8).join('\n') } }, 'unhandled error');
    return sendProblem(reply, 'server.internal', 'internal error');
  });
}
