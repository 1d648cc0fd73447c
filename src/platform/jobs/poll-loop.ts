import { backoffMs, outageReporter, type Log } from '../db/outage.js';

// A worker loop around one `tick` that claims and handles what is due and says how many it handled:
// polled every `pollMs` while idle, at once again while it `busy(n)`; `stop` waits for the tick in
// flight; `drain` (tests, CLI) ticks until nothing is due. The jobs runner and the SLA clock share it.
// A failing tick never ends the loop: it is tried again with back-off (pollMs doubling up to
// `maxBackoffMs`), and while the database is away that is logged once, not at every try.
export type PollLoop = { stop(): Promise<void>; drain(): Promise<number> };

export function startPollLoop(
  tick: () => Promise<number>,
  opts: {
    name: string;
    pollMs: number;
    maxBackoffMs?: number;
    busy?: (handled: number) => boolean;
    log?: Log;
  },
): PollLoop {
  const busy = opts.busy ?? ((n) => n > 0);
  const outage = outageReporter(opts.name, opts.log ?? (() => undefined));
  let stopped = false;
  let draining = 0;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> = Promise.resolve(0);

  const loop = async () => {
    if (stopped || draining > 0) return;
    let failed = false;
    running = tick().then(
      (n) => {
        outage.succeeded();
        return n;
      },
      (err) => {
        failed = true;
        outage.failed(err);
        return 0;
      },
    );
    const n = await running;
    if (stopped) return;
    timer = setTimeout(
      loop,
      failed
        ? backoffMs(outage.failures, opts.pollMs, Math.max(opts.pollMs, opts.maxBackoffMs ?? 5000))
        : busy(n)
          ? 0
          : opts.pollMs,
    );
  };
  timer = setTimeout(loop, 0);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    // The background loop is paused while draining, and its tick in flight is waited for first: it
    // may have claimed something due, which SKIP LOCKED would hide from this call's own tick, and
    // what it handled may have enqueued more (under load, drain returned before a follow-up job ran).
    async drain() {
      draining += 1;
      let total = 0;
      try {
        await running;
        for (;;) {
          const n = await tick();
          total += n;
          if (n === 0) break;
        }
      } finally {
        draining -= 1;
        if (!stopped && draining === 0) {
          if (timer) clearTimeout(timer);
          timer = setTimeout(loop, 0);
        }
      }
      return total;
    },
  };
}
