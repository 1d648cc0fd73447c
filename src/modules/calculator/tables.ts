import type { CalculatorDefinition } from '@voronka/contract';
import {
  foreignKey,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, ts, workspaceId } from '../../platform/db/columns.js';
import { forms } from '../forms/tables.js';

// A service cost calculator (workspace setting, like a website form). `public_key` names it in the
// widget and public URLs (unique across workspaces: read before a workspace is known). `form_id`
// is the website form whose channel, consent, allowed sites and rate limit its requests go through.
// The definitions are versions: `draft_version` is being edited, `published_version` is what the
// public widget and evaluations use; a published version is never changed again.
export const calculators = pgTable(
  'calculators',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    publicKey: text('public_key').notNull(),
    formId: uuid('form_id'),
    draftVersion: integer('draft_version'),
    publishedVersion: integer('published_version'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    deletedAt: ts('deleted_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('calculators_public_key_uq').on(t.publicKey),
    foreignKey({
      columns: [t.workspaceId, t.formId],
      foreignColumns: [forms.workspaceId, forms.id],
    }),
  ],
);

export const calculatorVersions = pgTable(
  'calculator_versions',
  {
    workspaceId: workspaceId(),
    calculatorId: uuid('calculator_id').notNull(),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<CalculatorDefinition>().notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    publishedAt: ts('published_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.calculatorId, t.version] }),
    foreignKey({
      columns: [t.workspaceId, t.calculatorId],
      foreignColumns: [calculators.workspaceId, calculators.id],
    }).onDelete('cascade'),
  ],
);
