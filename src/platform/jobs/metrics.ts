import { sql } from 'drizzle-orm';
import { Gauge, type Registry } from 'prom-client';
import { rowsOf } from '../db/rls.js';
import type { Db } from '../db/types.js';

// The queue as a scraper sees it, read from the jobs table at each scrape (any worker's jobs, not
// only this process's): how many wait, run and have failed (kept for 30 days, jobs.ts), and how long
// the oldest due job has waited — the number that says the workers do not keep up.
export function installJobMetrics(registry: Registry, db: Db): void {
  let read: Promise<Counts | null> | null = null;
  // One query per scrape, shared by both gauges; with the database away the gauges are left out.
  const counts = () =>
    (read ??= readCounts(db)
      .catch(() => null)
      .finally(() => setTimeout(() => (read = null), 0).unref()));
  new Gauge({
    name: 'voronka_jobs',
    help: 'Background jobs by state: queued (due or scheduled), running, failed',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const c = await counts();
      if (!c) return;
      this.set({ state: 'queued' }, c.queued);
      this.set({ state: 'running' }, c.running);
      this.set({ state: 'failed' }, c.failed);
    },
  });
  new Gauge({
    name: 'voronka_jobs_oldest_due_age_seconds',
    help: 'How long the oldest due queued job has waited to run (0 when none waits)',
    registers: [registry],
    async collect() {
      const c = await counts();
      if (c) this.set(c.oldestDueAge);
    },
  });
}

type Counts = { queued: number; running: number; failed: number; oldestDueAge: number };

async function readCounts(db: Db): Promise<Counts> {
  const [row] = rowsOf<Counts>(
    await db.execute(sql`
      select count(*) filter (where state = 'queued')::int as "queued",
             count(*) filter (where state = 'active')::int as "running",
             count(*) filter (where state = 'failed')::int as "failed",
             coalesce(extract(epoch from now() - min(run_at) filter (
               where state = 'queued' and run_at <= now())), 0)::float8 as "oldestDueAge"
      from jobs`),
  );
  return row ?? { queued: 0, running: 0, failed: 0, oldestDueAge: 0 };
}
