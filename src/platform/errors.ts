import type { ErrorCode } from '@voronka/contract';

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  // Seconds until a refused caller may try again (429): sent as Retry-After.
  readonly retryAfter: number | undefined;
  constructor(
    code: ErrorCode,
    detail: string,
    options: { field?: string; retryAfter?: number } = {},
  ) {
    super(detail);
    this.name = 'DomainError';
    this.code = code;
    this.field = options.field;
    this.retryAfter = options.retryAfter;
  }
}

export const notFound = (code: ErrorCode, what: string) =>
  new DomainError(code, `${what} not found`);
