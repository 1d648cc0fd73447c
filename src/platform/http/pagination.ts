import { DomainError } from '../errors.js';

// Keyset cursors: opaque base64url of the last row's sort key. Never an offset, never a count.
export const encodeCursor = (parts: (string | number)[]): string => Buffer.from(JSON.stringify(parts)).toString('base64url');

export function decodeCursor(cursor: string | undefined, arity: number): (string | number)[] | null {
  if (!cursor) return null;
  try {
    const parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && parts.length === arity && parts.every((p) => typeof p === 'string' || typeof p === 'number')) return parts;
  } catch {
    // fall through
  }
  throw new DomainError('request.invalid', 'cursor is not valid', { field: 'cursor' });
}

// Fetch limit + 1 rows; the extra one tells whether a next page exists.
export function toPage<R, T>(rows: R[], limit: number, map: (r: R) => T, cursorOf: (r: R) => (string | number)[]) {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return { items: pageRows.map(map), nextCursor: more && last ? encodeCursor(cursorOf(last)) : null };
}
