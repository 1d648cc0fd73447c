import { lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineSystemJob } from '../../platform/jobs/jobs.js';
import { idempotencyKeys } from '../../platform/http/tables.js';
import { purgeOldAttempts } from './limiter.js';
import { passwordResets, sessions } from './tables.js';

// Hourly housekeeping: expired sessions and reset links, credential attempts and idempotency keys past 24 h.
export const purgeExpired = defineSystemJob({
  name: 'workspaces.purge-expired',
  payload: z.object({}),
  async run(tx) {
    await tx.delete(sessions).where(lt(sessions.expiresAt, sql`now()`));
    await purgeOldAttempts(tx);
    await tx
      .delete(passwordResets)
      .where(lt(passwordResets.expiresAt, sql`now() - interval '1 day'`));
    await tx
      .delete(idempotencyKeys)
      .where(lt(idempotencyKeys.createdAt, sql`now() - interval '24 hours'`));
  },
});
