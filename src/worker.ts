import type { Db } from './platform/db/types.js';
import { enqueue, startJobRunner, type JobRunner } from './platform/jobs/jobs.js';
import { purgeExpired } from './modules/workspaces/jobs.js';
import { importChunk } from './modules/crm/import-jobs.js';

// Every module's jobs, registered explicitly.
export const jobDefinitions = [importChunk, purgeExpired];

type Log = (msg: string, err?: unknown) => void;

// The hourly job is keyed by its hour, so any number of workers enqueue it once.
async function scheduleHousekeeping(db: Db) {
  const hour = new Date().toISOString().slice(0, 13);
  await enqueue(db, purgeExpired, {}, { workspaceId: null, key: hour });
}

export function startWorker(db: Db, log: Log): JobRunner {
  const runner = startJobRunner(db, jobDefinitions, { log });
  const tick = () => scheduleHousekeeping(db).catch((err) => log('scheduling failed', err));
  void tick();
  const timer = setInterval(tick, 10 * 60 * 1000);
  timer.unref();
  return {
    drain: runner.drain,
    async stop() {
      clearInterval(timer);
      await runner.stop();
    },
  };
}
