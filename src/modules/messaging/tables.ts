import { sql } from 'drizzle-orm';
import { index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import type { TemplateKind, TemplateScope } from '@voronka/contract';
import { createdAt, ts, workspaceId } from '../../platform/db/columns.js';

// A letter or message template. `owner_id` is the member who wrote it: a personal template is seen
// only by them, a shared one by everyone in the workspace. Deleted templates are stamped.
export const messageTemplates = pgTable(
  'message_templates',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    kind: text('kind').$type<TemplateKind>().notNull(),
    name: text('name').notNull(),
    scope: text('scope').$type<TemplateScope>().notNull(),
    locale: text('locale').$type<'ru' | 'en'>().notNull(),
    subject: text('subject'),
    body: text('body').notNull(),
    ownerId: uuid('owner_id'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('message_templates_list_idx')
      .on(t.workspaceId, t.kind, t.name)
      .where(sql`${t.deletedAt} is null`),
  ],
);
