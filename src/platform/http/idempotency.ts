import { createHash } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Sealer } from '../crypto.js';
import type { Db } from '../db/types.js';
import { sendProblem } from './problem.js';
import { idempotencyKeys } from './tables.js';

const HEADER = 'idempotency-key';
const IN_FLIGHT_SECONDS = 60;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency: { workspaceId: string; key: string } | null;
  }
}

// The caller is part of the parameters: another member reusing a key is refused, never handed the
// first caller's stored answer (which may hold a secret, such as a new API token).
const hashRequest = (req: FastifyRequest) =>
  createHash('sha256')
    .update(
      `${req.principal?.memberId ?? ''} ${req.method} ${req.url}\n${JSON.stringify(req.body ?? null)}`,
    )
    .digest('hex');

// Reserve the key after validation (a request that fails validation never burns it), replay a
// finished one, refuse the same key with other parameters; a failed request releases its key.
// Stored answers can hold secrets (a new API token is shown once), so they are sealed at rest.
export function installIdempotency(app: FastifyInstance, db: Db, sealer: Sealer) {
  app.decorateRequest('idempotency', null);
  app.addHook('preHandler', async (req, reply) => {
    const key = req.headers[HEADER];
    const workspaceId = req.principal?.workspaceId;
    if (req.method !== 'POST' || typeof key !== 'string' || !workspaceId) return;
    if (key.length < 1 || key.length > 255)
      return sendProblem(reply, 'request.invalid', 'Idempotency-Key must be 1–255 characters', {
        field: 'Idempotency-Key',
      });
    const hash = hashRequest(req);
    const where = and(eq(idempotencyKeys.workspaceId, workspaceId), eq(idempotencyKeys.key, key));
    const inserted = await db
      .insert(idempotencyKeys)
      .values({ workspaceId, key, requestHash: hash })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (inserted.length) {
      req.idempotency = { workspaceId, key };
      return;
    }
    const [prior] = await db
      .select({
        hash: idempotencyKeys.requestHash,
        status: idempotencyKeys.status,
        body: idempotencyKeys.body,
        stale: sql<boolean>`${idempotencyKeys.createdAt} < now() - make_interval(secs => ${IN_FLIGHT_SECONDS})`,
      })
      .from(idempotencyKeys)
      .where(where);
    if (!prior)
      return sendProblem(
        reply,
        'idempotency.in_progress',
        'a request with this Idempotency-Key is in progress',
      );
    if (prior.hash !== hash)
      return sendProblem(
        reply,
        'idempotency.key_reused',
        'this Idempotency-Key was used with different parameters',
        { field: 'Idempotency-Key' },
      );
    if (prior.status === null) {
      if (!prior.stale)
        return sendProblem(
          reply,
          'idempotency.in_progress',
          'a request with this Idempotency-Key is in progress',
        );
      // The first attempt died mid-flight (its transaction rolled back): this one takes over.
      await db
        .update(idempotencyKeys)
        .set({ createdAt: sql`now()` })
        .where(where);
      req.idempotency = { workspaceId, key };
      return;
    }
    return reply
      .code(prior.status)
      .header('idempotent-replayed', 'true')
      .type('application/json; charset=utf-8')
      .send(typeof prior.body === 'string' ? sealer.open(prior.body) : null);
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const idem = req.idempotency;
    if (!idem) return payload;
    const where = and(
      eq(idempotencyKeys.workspaceId, idem.workspaceId),
      eq(idempotencyKeys.key, idem.key),
    );
    if (reply.statusCode >= 200 && reply.statusCode < 300) {
      const body = typeof payload === 'string' && payload ? sealer.seal(payload) : null;
      await db.update(idempotencyKeys).set({ status: reply.statusCode, body }).where(where);
    } else {
      await db.delete(idempotencyKeys).where(where);
    }
    return payload;
  });
}
