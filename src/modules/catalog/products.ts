import {
  unitOf,
  type Page,
  type Product,
  type ProductCreateBody,
  type ProductListQuery,
  type ProductUpdateBody,
} from '@voronka/contract';
import { and, asc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { decodeCursor, toPage } from '../../platform/http/pagination.js';
import { newId } from '../../platform/ids.js';
import { assertVatRate } from './vat-rates.js';
import { products } from './tables.js';

type ProductRow = typeof products.$inferSelect;

// Cost prices and margins are shown only to a role with the `margin` right (the system actor has
// every right).
export const seesMargin = (ctx: Ctx) => ctx.actor.permissions?.margin.read ?? true;

export const unitSymbol = (okei: string) => unitOf(okei)?.symbol ?? okei;

export function toProduct(ctx: Ctx, r: ProductRow): Product {
  return {
    id: r.id,
    sku: r.sku,
    name: r.name,
    okei: r.okei as Product['okei'],
    unit: unitSymbol(r.okei),
    vatRate: r.vatRate,
    priceKopecks: r.priceKopecks,
    ...(seesMargin(ctx) ? { costKopecks: r.costKopecks } : {}),
    category: r.category,
    tags: r.tags,
    active: r.active,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const inWorkspace = (ctx: Ctx) => eq(products.workspaceId, ctx.workspaceId);
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listProducts(ctx: Ctx, q: ProductListQuery): Promise<Page<Product>> {
  const after = decodeCursor(q.cursor, ['text', 'uuid']);
  const like = q.q ? `%${escapeLike(q.q)}%` : null;
  const rows = await ctx.tx
    .select()
    .from(products)
    .where(
      and(
        inWorkspace(ctx),
        q.active === 'all' ? undefined : eq(products.active, q.active === 'true'),
        q.category ? eq(products.category, q.category) : undefined,
        like ? or(ilike(products.name, like), ilike(products.sku, like)) : undefined,
        after
          ? sql`(${products.name}, ${products.id}) > (${after[0]}, ${after[1]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(products.name), asc(products.id))
    .limit(q.limit + 1);
  return toPage(
    rows,
    q.limit,
    (r) => toProduct(ctx, r),
    (r) => [r.name, r.id],
  );
}

export async function productRows(ctx: Ctx, ids: string[]): Promise<Map<string, ProductRow>> {
  if (!ids.length) return new Map();
  const rows = await ctx.tx
    .select()
    .from(products)
    .where(and(inWorkspace(ctx), inArray(products.id, ids)));
  return new Map(rows.map((r) => [r.id, r]));
}

async function productRow(ctx: Ctx, id: string): Promise<ProductRow> {
  const row = (await productRows(ctx, [id])).get(id);
  if (!row) throw notFound('product.not_found', 'product');
  return row;
}

export const getProduct = async (ctx: Ctx, id: string) => toProduct(ctx, await productRow(ctx, id));

async function assertSkuFree(ctx: Ctx, sku: string | null | undefined, except?: string) {
  if (!sku) return;
  const [clash] = await ctx.tx
    .select({ id: products.id })
    .from(products)
    .where(and(inWorkspace(ctx), eq(products.sku, sku)));
  if (clash && clash.id !== except)
    throw new DomainError('product.sku_taken', `SKU ${sku} is taken`, { field: 'sku' });
}

// Without the margin right a caller can neither see nor set a cost price.
function costOf(ctx: Ctx, body: ProductUpdateBody) {
  if (body.costKopecks === undefined) return undefined;
  if (!seesMargin(ctx))
    throw new DomainError('auth.forbidden', 'setting a cost price needs the margin right', {
      field: 'costKopecks',
    });
  return body.costKopecks;
}

export async function createProduct(ctx: Ctx, body: ProductCreateBody): Promise<Product> {
  await assertSkuFree(ctx, body.sku);
  await assertVatRate(ctx, body.vatRate, 'vatRate');
  const id = newId();
  await ctx.tx.insert(products).values({
    workspaceId: ctx.workspaceId,
    id,
    sku: body.sku ?? null,
    name: body.name,
    okei: body.okei,
    vatRate: body.vatRate,
    priceKopecks: body.priceKopecks ?? null,
    costKopecks: costOf(ctx, body) ?? null,
    category: body.category || null,
    tags: body.tags ?? [],
    active: body.active ?? true,
  });
  const after = await getProduct(ctx, id);
  await recordAudit(ctx, { action: 'product.created', entity: 'catalog', entityId: id, after });
  return after;
}

export async function updateProduct(
  ctx: Ctx,
  id: string,
  body: ProductUpdateBody,
): Promise<Product> {
  const before = await getProduct(ctx, id);
  if (body.sku !== undefined) await assertSkuFree(ctx, body.sku, id);
  if (body.vatRate !== undefined) await assertVatRate(ctx, body.vatRate, 'vatRate');
  const set = Object.fromEntries(
    Object.entries({
      ...body,
      costKopecks: costOf(ctx, body),
      category: body.category === undefined ? undefined : body.category || null,
    }).filter(([, v]) => v !== undefined),
  );
  await ctx.tx
    .update(products)
    .set({ ...set, updatedAt: new Date() })
    .where(and(inWorkspace(ctx), eq(products.id, id)));
  const after = await getProduct(ctx, id);
  await recordAudit(ctx, {
    action: 'product.updated',
    entity: 'catalog',
    entityId: id,
    before,
    after,
  });
  return after;
}

// The active products' names: "the catalog" routing's warm-first score looks for in a request.
export async function productNames(ctx: Ctx): Promise<string[]> {
  const rows = await ctx.tx
    .select({ name: products.name })
    .from(products)
    .where(and(inWorkspace(ctx), eq(products.active, true)))
    .orderBy(asc(products.name))
    .limit(5000);
  return rows.map((r) => r.name);
}
