import type { ErrorCode } from '@voronka/contract';

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  constructor(code: ErrorCode, detail: string, options: { field?: string } = {}) {
    super(detail);
    this.name = 'DomainError';
    this.code = code;
    this.field = options.field;
  }
}

export const notFound = (code: ErrorCode, what: string) => new DomainError(code, `${what} not found`);
