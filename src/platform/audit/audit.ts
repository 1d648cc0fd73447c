import type { Ctx } from '../context.js';
import { newId } from '../ids.js';
import { auditLog } from './tables.js';

export type AuditRecord = {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

// Secrets never enter the audit trail, whatever a caller passes.
const SECRET_KEYS = /password|secret|token_hash|tokenHash|totp/i;
function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [
        k,
        SECRET_KEYS.test(k) ? '[redacted]' : redact(v),
      ]),
    );
  }
  return value;
}

// Written in the caller's transaction: the change and its audit row commit or vanish together.
export async function recordAudit(ctx: Ctx, entry: AuditRecord): Promise<void> {
  await auditInsert(ctx, entry);
}

// recordAudit's row as a statement not yet sent, for a hot path that sends it in the same round
// trip as its own next write (`with a as (<this>) <its statement>`, same transaction). The caller
// must send it (awaiting it sends it alone).
export function auditInsert(ctx: Ctx, entry: AuditRecord) {
  return ctx.tx.insert(auditLog).values({
    workspaceId: ctx.workspaceId,
    id: newId(),
    actorMemberId: ctx.actor.memberId,
    actorKind: ctx.actor.kind === 'system' ? 'system' : ctx.actor.kind,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    before: redact(entry.before),
    after: redact(entry.after),
    ip: ctx.ip,
    requestId: ctx.requestId,
  });
}
