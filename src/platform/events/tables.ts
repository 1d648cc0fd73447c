import { pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { workspaceId } from '../db/columns.js';

// Which event types some listener of a workspace wants (automation keeps its rules' trigger kinds
// here). Facts recorded in SQL (a request inserted by any path, its first answer) are turned into
// event jobs only when a row says someone listens: a workspace without rules pays nothing.
export const eventInterest = pgTable(
  'event_interest',
  {
    workspaceId: workspaceId(),
    listener: text('listener').notNull(),
    type: text('type').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.type, t.listener] })],
);
