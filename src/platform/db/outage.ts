import { DrizzleQueryError, sql } from 'drizzle-orm';
import type { Db } from './types.js';

// The database going away (a restart, a failover, the network) is an operating condition, not a
// bug: requests answer 503 and are retried by their senders, background loops wait and try again.
// This module says which errors mean "the database is not there" and how they are logged: once
// per outage, with the driver's code and words only (never the query or its parameters, which
// may hold personal data, nor the connection string).

// SQLSTATE classes and codes: 08 connection exception; 57P01 admin shutdown, 57P02 crash shutdown,
// 57P03 cannot connect now (starting up or shutting down), 57P05 idle session timeout; 53300 too
// many connections; 25P03 idle-in-transaction timeout (the server closed the session).
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '57P05', '53300', '25P03']);
// The socket and name-resolution errors of a server that is down or unreachable.
const ERRNOS = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ECONNABORTED',
]);
// What node-postgres, its pool and PGlite say when the connection is gone (they set no code).
const MESSAGES =
  /Connection terminated|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|timeout exceeded when trying to connect|Cannot use a pool after calling end|PGlite is closed/i;

type ErrLike = { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };

// The driver's error under Drizzle's wrapper (which puts the query and its parameters in its message).
export function driverError(err: unknown): ErrLike {
  let e = err as ErrLike | null | undefined;
  for (
    let i = 0;
    i < 5 &&
    e &&
    (e instanceof DrizzleQueryError || (!e.code && e.cause && typeof e.cause === 'object'));
    i++
  )
    e = e.cause as ErrLike;
  return e ?? {};
}

export function isDatabaseUnavailable(err: unknown): boolean {
  const e = driverError(err);
  const code = typeof e.code === 'string' ? e.code : '';
  if (code.startsWith('08') || SQLSTATES.has(code) || ERRNOS.has(code)) return true;
  // net.connect to a name with several addresses fails with an AggregateError of each attempt.
  if (Array.isArray(e.errors) && e.errors.length && e.errors.every((x) => isDatabaseUnavailable(x)))
    return true;
  return MESSAGES.test(String(e.message ?? ''));
}

// Whether `err` came from the database being away rather than from another server a loop talks
// to (an IMAP or SMTP host refusing connections looks the same): the database is asked.
export async function databaseIsDown(db: Db, err: unknown): Promise<boolean> {
  if (!isDatabaseUnavailable(err)) return false;
  return db.execute(sql`select 1`).then(
    () => false,
    (probe: unknown) => isDatabaseUnavailable(probe),
  );
}

// An error as it may be logged: its type, code and first line of message without Drizzle's query
// and parameters, and a short stack for what is not an outage (a bug needs one to be found).
export function loggableError(err: unknown): {
  type?: string;
  code?: string;
  message: string;
  stack?: string;
} {
  const outage = isDatabaseUnavailable(err);
  const e = (outage ? driverError(err) : err) as ErrLike & { name?: unknown; stack?: unknown };
  const cause = driverError(err);
  const code =
    typeof e.code === 'string' ? e.code : typeof cause.code === 'string' ? cause.code : undefined;
  const raw = String(e.message ?? e ?? '');
  // "Failed query: <sql>\nparams: …": the query says where, the parameters stay out.
  const message = raw.split('\nparams:')[0]!.slice(0, 2000);
  // Frames only: a stack begins with the message, parameters included.
  const stack =
    !outage && typeof e.stack === 'string'
      ? e.stack
          .split('\n')
          .filter((l) => /^\s+at /.test(l))
          .slice(0, 7)
          .join('\n')
      : undefined;
  return {
    ...(typeof e.name === 'string' ? { type: e.name } : {}),
    ...(code ? { code } : {}),
    message,
    ...(stack ? { stack } : {}),
  };
}

export type Log = (msg: string, err?: unknown) => void;

// For a loop that touches the database: `failed(err)` logs the first failure of an outage (and
// every failure that is not one), `succeeded()` logs once when the database answers again. The
// `attempts` count drives the loop's back-off.
export function outageReporter(what: string, log: Log) {
  let failures = 0;
  let down = false;
  return {
    get failures() {
      return failures;
    },
    failed(err: unknown, context?: string) {
      failures++;
      if (!isDatabaseUnavailable(err))
        return log(context ? `${what}: ${context}` : `${what} failed`, err);
      if (down) return;
      down = true;
      log(
        `${what}: the database is unavailable; retrying with back-off (logged once until it is back)`,
        err,
      );
    },
    succeeded() {
      if (down)
        log(
          `${what}: the database is available again after ${failures} failed attempt${failures === 1 ? '' : 's'}`,
        );
      down = false;
      failures = 0;
    },
  };
}

// Exponential back-off from `baseMs`, at most `maxMs`: base, 2·base, 4·base, …
export const backoffMs = (failures: number, baseMs: number, maxMs: number) =>
  failures <= 0 ? baseMs : Math.min(maxMs, baseMs * 2 ** Math.min(failures - 1, 20));
