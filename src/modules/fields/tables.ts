import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, workspaceId } from '../../platform/db/columns.js';

export type CustomFieldType =
  'text' | 'number' | 'money' | 'date' | 'select' | 'multiselect' | 'boolean' | 'link';

export const customFields = pgTable(
  'custom_fields',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    entity: text('entity').$type<'companies' | 'contacts' | 'leads' | 'deals'>().notNull(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    type: text('type').$type<CustomFieldType>().notNull(),
    options: jsonb('options').$type<string[]>().notNull().default([]),
    required: boolean('required').notNull().default(false),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('custom_fields_key_uq').on(t.workspaceId, t.entity, t.key),
  ],
);

export const savedViews = pgTable(
  'saved_views',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    memberId: uuid('member_id').notNull(),
    entity: text('entity').$type<'companies' | 'contacts' | 'leads' | 'deals'>().notNull(),
    name: text('name').notNull(),
    query: jsonb('query').$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('saved_views_member_idx').on(t.workspaceId, t.memberId, t.entity),
    uniqueIndex('saved_views_name_uq').on(
      t.workspaceId,
      t.memberId,
      t.entity,
      sql`lower(${t.name})`,
    ),
  ],
);
