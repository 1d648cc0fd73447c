import { DomainError } from '../errors.js';

// Keyset cursors: opaque base64url of the last row's sort key. Never an offset, never a count.
export const encodeCursor = (parts: (string | number)[]): string =>
  Buffer.from(JSON.stringify(parts)).toString('base64url');

// What each position of a cursor holds. A cursor comes back from the client, so every part is
// checked against its kind here, once, before any of it reaches SQL (a crafted cursor was a 500:
// `[1e308,-1]` cast to uuid).
export type CursorPart =
  | 'uuid' // a row id
  | 'timestamp' // PostgreSQL's text of a timestamptz (microseconds kept), ISO 8601, or infinity
  | 'date' // yyyy-mm-dd
  | 'bigint' // a whole number in a bigint column (kopecks)
  | 'real' // a position on the board (float4)
  | 'offset' // a position in a queue
  | 'text'; // a text sort key

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP =
  /^(?:-?infinity|\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d{1,6})?(?:Z|[+-]\d\d(?::?\d\d)?)?)$/;
const DATE = /^\d{4}-\d\d-\d\d$/;
const MAX_REAL = 3.4e38;

export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

const valid: Record<CursorPart, (v: unknown) => boolean> = {
  uuid: isUuid,
  timestamp: (v) =>
    typeof v === 'string' &&
    TIMESTAMP.test(v) &&
    (v.endsWith('infinity') ||
      !Number.isNaN(Date.parse(v.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00')))),
  date: (v) => typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(v)),
  bigint: (v) => typeof v === 'string' && /^-?\d{1,18}$/.test(v),
  real: (v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) < MAX_REAL,
  offset: (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0,
  text: (v) => typeof v === 'string' && v.length <= 2000,
};

export function decodeCursor(
  cursor: string | undefined,
  shape: readonly CursorPart[],
): (string | number)[] | null {
  if (!cursor) return null;
  let parts: unknown;
  try {
    parts = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parts = null;
  }
  if (
    Array.isArray(parts) &&
    parts.length === shape.length &&
    shape.every((kind, i) => valid[kind](parts[i]))
  )
    return parts as (string | number)[];
  throw new DomainError('request.invalid', 'cursor is not valid', { field: 'cursor' });
}

// Fetch limit + 1 rows; the extra one tells whether a next page exists.
export function toPage<R, T>(
  rows: R[],
  limit: number,
  map: (r: R) => T,
  cursorOf: (r: R) => (string | number)[],
) {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows[pageRows.length - 1];
  return {
    items: pageRows.map(map),
    nextCursor: more && last ? encodeCursor(cursorOf(last)) : null,
  };
}
