import { lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineSystemJob } from '../../platform/jobs/jobs.js';
import { formRateCounters } from './tables.js';

// Hourly: rate counters of windows long past (a visitor who came once leaves one row behind).
export const purgeFormRateCounters = defineSystemJob({
  name: 'forms.purge-rate-counters',
  payload: z.object({}),
  async run(tx) {
    await tx
      .delete(formRateCounters)
      .where(lt(formRateCounters.windowStart, sql`now() - interval '5 minutes'`));
  },
});
