import { index, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ts, workspaceId } from '../db/columns.js';

export const auditLog = pgTable(
  'audit_log',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    at: ts('at').notNull().defaultNow(),
    actorMemberId: uuid('actor_member_id'),
    actorKind: text('actor_kind').$type<'user' | 'token' | 'system'>().notNull(),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    before: jsonb('before'),
    after: jsonb('after'),
    ip: text('ip'),
    requestId: text('request_id'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('audit_log_entity_idx').on(t.workspaceId, t.entity, t.entityId),
    index('audit_log_actor_idx').on(t.workspaceId, t.actorMemberId, t.id),
  ],
);
