// A worker loop around one `tick` that claims and handles what is due and says how many it handled:
// polled every `pollMs` while idle, at once again while it `busy(n)`; `stop` waits for the tick in
// flight; `drain` (tests, CLI) ticks until nothing is due. The jobs runner and the SLA clock share it.
export type PollLoop = { stop(): Promise<void>; drain(): Promise<number> };

export function startPollLoop(tick: () => Promise<number>, opts: { pollMs: number; busy?: (handled: number) => boolean; onError: (err: unknown) => void }): PollLoop {
  const busy = opts.busy ?? ((n) => n > 0);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> = Promise.resolve(0);

  const loop = async () => {
    if (stopped) return;
    running = tick().catch((err) => {
      opts.onError(err);
      return 0;
    });
    const n = await running;
    if (!stopped) timer = setTimeout(loop, busy(n) ? 0 : opts.pollMs);
  };
  timer = setTimeout(loop, 0);

  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    // A background tick in flight is waited for first and last: it may have claimed something due,
    // which SKIP LOCKED hides from this call's own tick (under load, drain returned before it ran).
    async drain() {
      let total = 0;
      for (;;) {
        await running;
        const n = await tick();
        total += n;
        if (n === 0) break;
      }
      await running;
      return total;
    },
  };
}
