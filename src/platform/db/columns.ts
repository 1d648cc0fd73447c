import { timestamp, uuid } from 'drizzle-orm/pg-core';

export const workspaceId = () => uuid('workspace_id').notNull();
export const createdAt = () =>
  timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const ts = (name: string) => timestamp(name, { withTimezone: true });
