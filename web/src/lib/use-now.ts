import { useSyncExternalStore } from 'react';

// One 1-second ticker for the whole tab, running only while some countdown is on screen: every
// subscriber reads the same "now", so fifty rows cost one interval, not fifty.
const subscribers = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | null = null;
let now = Date.now();

function subscribe(notify: () => void): () => void {
  subscribers.add(notify);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const s of subscribers) s();
    }, 1000);
  }
  return () => {
    subscribers.delete(notify);
    if (!subscribers.size && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

const noSubscription = () => () => {};

const snapshot = () => now;

// The current time in ms, re-rendering each second while `ticking` (when not, nothing on screen
// counts down and the last tick's time is good enough).
export function useNow(ticking = true): number {
  return useSyncExternalStore(ticking ? subscribe : noSubscription, snapshot);
}
