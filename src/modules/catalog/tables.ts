import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, ts, workspaceId } from '../../platform/db/columns.js';

// VAT rates as effective-dated data, shared by every workspace (seeded by the migration): 20 % until
// the end of 2025 and 22 % from 2026 are both rows. `rate` null is «без НДС».
export const vatRates = pgTable('vat_rates', {
  id: text('id').primaryKey(),
  rate: integer('rate'),
  label: text('label').notNull(),
  validFrom: date('valid_from').notNull(),
  validTo: date('valid_to'),
});

// A product or a service. `okei` is the unit's ОКЕИ code (the unit's symbol comes from the contract's
// list); money is integer kopecks. Products are never deleted, only made inactive: deal lines and
// issued documents keep pointing at them.
export const products = pgTable(
  'products',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    sku: text('sku'),
    name: text('name').notNull(),
    okei: text('okei').notNull(),
    vatRate: integer('vat_rate'),
    priceKopecks: bigint('price_kopecks', { mode: 'number' }),
    costKopecks: bigint('cost_kopecks', { mode: 'number' }),
    category: text('category'),
    tags: text('tags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    active: boolean('active').notNull().default(true),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.id] }),
    uniqueIndex('products_sku_uq')
      .on(t.workspaceId, t.sku)
      .where(sql`${t.sku} is not null`),
    index('products_name_idx').on(t.workspaceId, t.name),
  ],
);

export const priceLists = pgTable(
  'price_lists',
  {
    workspaceId: workspaceId(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').$type<'base' | 'dealer' | 'segment'>().notNull(),
    segment: text('segment'),
    currency: char('currency', { length: 3 }).notNull().default('RUB'),
    vatMode: text('vat_mode').$type<'included' | 'on_top'>().notNull(),
    validFrom: date('valid_from'),
    validTo: date('valid_to'),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.id] })],
);

export const priceListItems = pgTable(
  'price_list_items',
  {
    workspaceId: workspaceId(),
    priceListId: uuid('price_list_id').notNull(),
    productId: uuid('product_id').notNull(),
    priceKopecks: bigint('price_kopecks', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.priceListId, t.productId] }),
    foreignKey({
      columns: [t.workspaceId, t.priceListId],
      foreignColumns: [priceLists.workspaceId, priceLists.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.workspaceId, t.productId],
      foreignColumns: [products.workspaceId, products.id],
    }),
  ],
);

// A deal's line items, replaced as a whole list. The computed money (contract/src/money.ts) is
// stored with each line so documents and reports read what the card showed. The foreign key to
// deals (cascade on delete) is in the migration's SQL: the deals table belongs to another module.
export const dealLines = pgTable(
  'deal_lines',
  {
    workspaceId: workspaceId(),
    dealId: uuid('deal_id').notNull(),
    position: integer('position').notNull(),
    productId: uuid('product_id'),
    name: text('name').notNull(),
    quantity: numeric('quantity', { precision: 15, scale: 3 }).notNull(),
    okei: text('okei').notNull(),
    priceKopecks: bigint('price_kopecks', { mode: 'number' }).notNull(),
    discountKind: text('discount_kind').$type<'percent' | 'amount'>(),
    discountPercent: numeric('discount_percent', { precision: 5, scale: 2 }),
    discountKopecks: bigint('discount_kopecks', { mode: 'number' }),
    vatRate: integer('vat_rate'),
    grossKopecks: bigint('gross_kopecks', { mode: 'number' }).notNull(),
    lineDiscountKopecks: bigint('line_discount_kopecks', { mode: 'number' }).notNull(),
    netKopecks: bigint('net_kopecks', { mode: 'number' }).notNull(),
    vatKopecks: bigint('vat_kopecks', { mode: 'number' }).notNull(),
    totalKopecks: bigint('total_kopecks', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.dealId, t.position] }),
    index('deal_lines_product_idx').on(t.workspaceId, t.productId),
  ],
);

// How a deal's prices are entered: with VAT included or VAT on top. Kept here rather than on the
// deals table (another module's); no row means «included».
export const dealPricing = pgTable(
  'deal_pricing',
  {
    workspaceId: workspaceId(),
    dealId: uuid('deal_id').notNull(),
    vatMode: text('vat_mode').$type<'included' | 'on_top'>().notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.dealId] })],
);
