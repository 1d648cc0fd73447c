import { lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineJob } from '../../platform/jobs/jobs.js';
import { idempotencyKeys } from '../../platform/http/tables.js';
import { sessions, signInFailures } from './tables.js';

// Hourly housekeeping: expired sessions, old sign-in failures and idempotency keys past 24 h.
export const purgeExpired = defineJob({
  name: 'workspaces.purge-expired',
  payload: z.object({}),
  async run(ctx) {
    await ctx.tx.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
    await ctx.tx.delete(signInFailures).where(lt(signInFailures.at, sql`now() - interval '1 day'`));
    await ctx.tx.delete(idempotencyKeys).where(lt(idempotencyKeys.createdAt, sql`now() - interval '24 hours'`));
  },
});
