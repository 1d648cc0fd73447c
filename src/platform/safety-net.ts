import { isDatabaseUnavailable, loggableError } from './db/outage.js';

// The process-level safety net of `voronka start` and `voronka worker`. Every known way for the
// database to fail is handled where it happens (a request answers 503, a loop backs off), so what
// reaches here was missed:
// - the database connection failing outside any request or loop (an 'error' event or a rejection
//   nobody awaited): an outage, not a bug in the process's state — logged, and the process keeps
//   serving, as it does for the same failure anywhere else;
// - anything else: a bug whose effects are unknown (an exception thrown through half-done work, a
//   rejection whose caller never learnt of it). It is logged with its stack as fatal and the process
//   exits with 1 for its supervisor (systemd, Docker, Kubernetes) to restart it, rather than
//   serving on in a state nobody reasoned about and hiding the bug. What was acknowledged is
//   committed already; requests in flight get a connection error, and their senders retry.
export type SafetyNetLog = {
  error(obj: object, msg: string): void;
  fatal(obj: object, msg: string): void;
};

export function processErrorHandler(
  kind: 'uncaught exception' | 'unhandled rejection',
  log: SafetyNetLog,
  exit: (code: number) => void,
) {
  return (err: unknown) => {
    if (isDatabaseUnavailable(err)) {
      log.error(
        { err: loggableError(err) },
        `${kind}: the database connection failed; the process keeps running and retries`,
      );
      return;
    }
    log.fatal(
      { err: loggableError(err) },
      `${kind}: exiting (a bug: the process's state is not known to be sound)`,
    );
    exit(1);
  };
}

export function installSafetyNet(
  log: SafetyNetLog,
  exit: (code: number) => void = (code) => process.exit(code),
) {
  process.on('uncaughtException', processErrorHandler('uncaught exception', log, exit));
  process.on('unhandledRejection', processErrorHandler('unhandled rejection', log, exit));
}

// For the loops' `log(msg, err?)`: an error is logged without query parameters; no error is news.
export const loopLog =
  (log: { info(msg: string): void; error(obj: object, msg: string): void }) =>
  (msg: string, err?: unknown): void =>
    err === undefined ? log.info(msg) : log.error({ err: loggableError(err) }, msg);
