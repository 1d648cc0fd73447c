import type { PollLoop } from '../platform/jobs/poll-loop.js';

// Runs what is due through a loop started for it, then stops it: a loop left polling in the
// background could take a later test's work while that test's own drain had already returned.
export async function drainAndStop(loop: PollLoop): Promise<number> {
  try {
    return await loop.drain();
  } finally {
    await loop.stop();
  }
}
