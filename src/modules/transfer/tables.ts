import {
  customType,
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, ts, workspaceId } from '../../platform/db/columns.js';

// An import runs as a job over a stored file; progress and per-row errors are read by the UI.
export const imports = pgTable(
  'imports',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    entity: text('entity')
      .$type<'companies' | 'contacts' | 'leads' | 'deals' | 'products'>()
      .notNull(),
    fileName: text('file_name').notNull(),
    format: text('format').$type<'csv' | 'xlsx'>().notNull(),
    mapping: jsonb('mapping').$type<Record<string, string>>().notNull(),
    duplicatePolicy: text('duplicate_policy').$type<'skip' | 'update' | 'create'>().notNull(),
    status: text('status')
      .$type<'queued' | 'running' | 'done' | 'failed'>()
      .notNull()
      .default('queued'),
    totalRows: integer('total_rows'),
    processedRows: integer('processed_rows').notNull().default(0),
    createdRows: integer('created_rows').notNull().default(0),
    updatedRows: integer('updated_rows').notNull().default(0),
    skippedRows: integer('skipped_rows').notNull().default(0),
    errors: jsonb('errors')
      .$type<{ row: number; field: string; reason: string }[]>()
      .notNull()
      .default([]),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    finishedAt: ts('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

export const importFiles = pgTable(
  'import_files',
  {
    workspaceId: workspaceId(),
    importId: uuid('import_id').notNull(),
    content: customType<{ data: Buffer }>({ dataType: () => 'bytea' })('content').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.importId] }),
    foreignKey({
      columns: [t.workspaceId, t.importId],
      foreignColumns: [imports.workspaceId, imports.id],
    }).onDelete('cascade'),
  ],
);
