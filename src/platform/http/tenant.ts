import type { FastifyRequest } from 'fastify';
import type { Ctx } from '../context.js';
import type { Db } from '../db/types.js';
import { inWorkspace } from '../db/tenancy.js';
import { DomainError } from '../errors.js';

// Binds a guarded request to its workspace: one transaction, RLS on, the actor known.
export function inRequestWorkspace<T>(
  db: Db,
  req: FastifyRequest,
  fn: (ctx: Ctx) => Promise<T>,
): Promise<T> {
  const p = req.principal;
  if (!p) throw new DomainError('auth.required', 'sign in first');
  return inWorkspace(db, p.workspaceId, (tx) =>
    fn({ tx, workspaceId: p.workspaceId, actor: p, ip: req.ip ?? null, requestId: String(req.id) }),
  );
}
