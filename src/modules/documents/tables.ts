import type { BankAccount, DocumentLine, Signer } from '@voronka/contract';
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, ts, workspaceId } from '../../platform/db/columns.js';
import type { DocumentSnapshot } from '../print/service.js';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

// The workspace's own legal entities: the seller printed on every document. Bank accounts and the
// signers are small lists read with the entity, so they live in jsonb beside it.
export const legalEntities = pgTable(
  'legal_entities',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    inn: text('inn'),
    kpp: text('kpp'),
    ogrn: text('ogrn'),
    address: text('address'),
    phone: text('phone'),
    bankAccounts: jsonb('bank_accounts').$type<BankAccount[]>().notNull().default([]),
    director: jsonb('director').$type<Signer | null>(),
    accountant: jsonb('accountant').$type<Signer | null>(),
    vatPayer: boolean('vat_payer').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

// Logo, stamp and signature: PNG or JPEG (sniffed), at most 1 MiB each, one of a kind per entity.
export const legalEntityImages = pgTable(
  'legal_entity_images',
  {
    workspaceId: workspaceId(),
    legalEntityId: uuid('legal_entity_id').notNull(),
    kind: text('kind').$type<'logo' | 'stamp' | 'signature'>().notNull(),
    mime: text('mime').$type<'image/png' | 'image/jpeg'>().notNull(),
    content: bytea('content').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.legalEntityId, t.kind] }),
    foreignKey({
      columns: [t.workspaceId, t.legalEntityId],
      foreignColumns: [legalEntities.workspaceId, legalEntities.id],
    }).onDelete('cascade'),
  ],
);

// The last number given per (legal entity, type, year). Issuing takes the next one with
// INSERT … ON CONFLICT DO UPDATE … RETURNING in the issuing transaction: the row lock serialises
// concurrent issues, and a rolled-back issue gives its number back (gapless, never duplicated).
export const documentCounters = pgTable(
  'document_counters',
  {
    workspaceId: workspaceId(),
    legalEntityId: uuid('legal_entity_id').notNull(),
    type: text('type').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.legalEntityId, t.type, t.year] })],
);

export const documentTemplates = pgTable(
  'document_templates',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    // null: usable for any type.
    type: text('type'),
    // null: usable with any of our legal entities.
    legalEntityId: uuid('legal_entity_id'),
    size: integer('size').notNull(),
    placeholders: text('placeholders')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    content: bytea('content').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

// A document. A draft holds its lines and links; issuing gives it a number and freezes everything
// printed into `snapshot` (later edits of the company, the deal or our entity change nothing).
export const documents = pgTable(
  'documents',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    type: text('type').notNull(),
    status: text('status').notNull().default('draft'),
    legalEntityId: uuid('legal_entity_id').notNull(),
    dealId: uuid('deal_id'),
    companyId: uuid('company_id'),
    // The client's name when the draft was made, for lists (the snapshot's is printed once issued).
    buyerName: text('buyer_name'),
    templateId: uuid('template_id'),
    bankAccountIndex: smallint('bank_account_index').notNull().default(0),
    year: integer('year'),
    number: integer('number'),
    date: date('date', { mode: 'string' }).notNull(),
    dueDate: date('due_date', { mode: 'string' }),
    vatMode: text('vat_mode').$type<'included' | 'on_top'>().notNull(),
    updStatus: smallint('upd_status'),
    basis: text('basis'),
    notes: text('notes'),
    lines: jsonb('lines').$type<DocumentLine[]>().notNull().default([]),
    totalKopecks: bigint('total_kopecks', { mode: 'number' }).notNull().default(0),
    snapshot: jsonb('snapshot').$type<DocumentSnapshot>(),
    ownerId: uuid('owner_id'),
    issuedAt: ts('issued_at'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    foreignKey({
      columns: [t.workspaceId, t.legalEntityId],
      foreignColumns: [legalEntities.workspaceId, legalEntities.id],
    }),
    // The second wall behind the counter: a number is never given twice.
    uniqueIndex('documents_number_uq')
      .on(t.workspaceId, t.legalEntityId, t.type, t.year, t.number)
      .where(sql`${t.number} is not null`),
    index('documents_deal_idx').on(t.workspaceId, t.dealId),
    index('documents_list_idx').on(t.workspaceId, t.date, t.id),
  ],
);

// A document e-mailed to the client: queued here, sent by the durable job `documents.send`.
export const documentSends = pgTable(
  'document_sends',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    documentId: uuid('document_id').notNull(),
    channelId: uuid('channel_id').notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    status: text('status').$type<'queued' | 'sent' | 'failed'>().notNull().default('queued'),
    error: text('error'),
    externalId: text('external_id'),
    actorId: uuid('actor_id'),
    createdAt: createdAt(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    index('document_sends_document_idx').on(t.workspaceId, t.documentId),
  ],
);

// A document's PDF made from its DOCX template by LibreOffice (the job `documents.convert`, one at
// a time): keyed by a hash of the template and the snapshot, so a changed draft converts again and
// an unchanged one is served from here.
export const documentRenditions = pgTable(
  'document_renditions',
  {
    workspaceId: workspaceId(),
    documentId: uuid('document_id').notNull(),
    key: text('key').notNull(),
    status: text('status').$type<'queued' | 'done' | 'failed'>().notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    pdf: bytea('pdf'),
    error: text('error'),
    createdAt: createdAt(),
    finishedAt: ts('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.documentId, t.key] })],
);

// A ZIP of PDFs asked for from the documents list: the ids were chosen under the member's rights
// when it was asked for; the job `documents.export` fills it and counts its progress.
export const documentExports = pgTable(
  'document_exports',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    memberId: uuid('member_id'),
    documentIds: uuid('document_ids').array().notNull(),
    status: text('status').$type<'queued' | 'running' | 'done' | 'failed'>().notNull(),
    done: integer('done').notNull().default(0),
    total: integer('total').notNull(),
    size: integer('size'),
    error: text('error'),
    content: bytea('content'),
    createdAt: createdAt(),
    finishedAt: ts('finished_at'),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);
