import { z } from 'zod';
import { Id, PageQuery, Timestamp } from './common.js';

export const AuditEntry = z.object({
  id: Id,
  at: Timestamp,
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  actorKind: z.enum(['user', 'token', 'system']),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  // The record's name as people know it (a contact's name, a deal's title, a member's name), read
  // now, or from the snapshot when the record is gone; null when it has none.
  entityTitle: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditQuery = PageQuery.extend({
  entity: z.string().max(60).optional(),
  entityId: z.string().max(60).optional(),
  actorId: Id.optional(),
  action: z.string().max(60).optional(),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
