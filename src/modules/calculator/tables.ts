import type { CalculatorDefinition } from '@voronka/contract';
import type { RoleKey } from '@voronka/contract';
import { sql } from 'drizzle-orm';
import {
  foreignKey,
  index,
  integer,
  numeric,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, ts, workspaceId } from '../../platform/db/columns.js';
import { documents } from '../documents/tables.js';
import { forms } from '../forms/tables.js';
import { deals } from '../pipeline/tables.js';

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

// Discount control: the most each role discounts a line on its own (a role with no row has the
// default of discounts.ts), settable by whoever may change roles.
export const discountLimits = pgTable(
  'discount_limits',
  {
    workspaceId: workspaceId(),
    role: text('role').$type<RoleKey>().notNull(),
    maxPercent: numeric('max_percent', { precision: 5, scale: 2 }).notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.role] })],
);

// A request to approve a discount beyond the requester's limit, on a deal's lines or a draft
// document's lines (one of the two). `percent` is the largest line discount asked for; an
// approved request covers any discount up to it on that deal (and the documents made from it).
export const discountApprovals = pgTable(
  'discount_approvals',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    dealId: uuid('deal_id'),
    documentId: uuid('document_id'),
    percent: numeric('percent', { precision: 5, scale: 2 }).notNull(),
    status: text('status').$type<'pending' | 'approved' | 'rejected' | 'withdrawn'>().notNull(),
    requestedBy: uuid('requested_by'),
    requestedAt: createdAt(),
    requestComment: text('request_comment'),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    decisionComment: text('decision_comment'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('discount_approvals_deal_idx').on(t.workspaceId, t.dealId),
    index('discount_approvals_document_idx').on(t.workspaceId, t.documentId),
    index('discount_approvals_pending_idx')
      .on(t.workspaceId, t.requestedAt)
      .where(sql`status = 'pending'`),
    foreignKey({
      columns: [t.workspaceId, t.dealId],
      foreignColumns: [deals.workspaceId, deals.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.workspaceId, t.documentId],
      foreignColumns: [documents.workspaceId, documents.id],
    }).onDelete('cascade'),
  ],
);
