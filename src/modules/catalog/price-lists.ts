import type {
  PriceList,
  PriceListCreateBody,
  PriceListItem,
  PriceListItemsBody,
  PriceListUpdateBody,
} from '@voronka/contract';
import { and, asc, count, eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { PriceListSnapshot } from './print.js';
import * as workspaces from '../workspaces/service.js';
import { productRows, unitSymbol } from './products.js';
import { priceListItems, priceLists, products } from './tables.js';

type PriceListRow = typeof priceLists.$inferSelect;

const toPriceList = (r: PriceListRow, itemCount: number): PriceList => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  segment: r.segment,
  currency: r.currency,
  vatMode: r.vatMode,
  validFrom: r.validFrom,
  validTo: r.validTo,
  itemCount,
  createdAt: r.createdAt.toISOString(),
  updatedAt: r.updatedAt.toISOString(),
});

const inWorkspace = (ctx: Ctx) => eq(priceLists.workspaceId, ctx.workspaceId);
const itemsOf = (ctx: Ctx, id: string) =>
  and(eq(priceListItems.workspaceId, ctx.workspaceId), eq(priceListItems.priceListId, id));

async function itemCounts(ctx: Ctx): Promise<Map<string, number>> {
  const rows = await ctx.tx
    .select({ id: priceListItems.priceListId, n: count() })
    .from(priceListItems)
    .where(eq(priceListItems.workspaceId, ctx.workspaceId))
    .groupBy(priceListItems.priceListId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

export async function listPriceLists(ctx: Ctx): Promise<PriceList[]> {
  const rows = await ctx.tx
    .select()
    .from(priceLists)
    .where(inWorkspace(ctx))
    .orderBy(asc(priceLists.name), asc(priceLists.id));
  const counts = await itemCounts(ctx);
  return rows.map((r) => toPriceList(r, counts.get(r.id) ?? 0));
}

async function priceListRow(ctx: Ctx, id: string): Promise<PriceListRow> {
  const [row] = await ctx.tx
    .select()
    .from(priceLists)
    .where(and(inWorkspace(ctx), eq(priceLists.id, id)));
  if (!row) throw notFound('price_list.not_found', 'price list');
  return row;
}

export async function getPriceList(ctx: Ctx, id: string): Promise<PriceList> {
  const row = await priceListRow(ctx, id);
  const [n] = await ctx.tx.select({ n: count() }).from(priceListItems).where(itemsOf(ctx, id));
  return toPriceList(row, n?.n ?? 0);
}

function assertDates(from: string | null | undefined, to: string | null | undefined) {
  if (from && to && to < from)
    throw new DomainError('request.invalid', 'validTo is before validFrom', { field: 'validTo' });
}

export async function createPriceList(ctx: Ctx, body: PriceListCreateBody): Promise<PriceList> {
  assertDates(body.validFrom, body.validTo);
  const id = newId();
  await ctx.tx.insert(priceLists).values({
    workspaceId: ctx.workspaceId,
    id,
    name: body.name,
    kind: body.kind,
    segment: body.segment || null,
    currency: body.currency,
    vatMode: body.vatMode,
    validFrom: body.validFrom ?? null,
    validTo: body.validTo ?? null,
  });
  const after = await getPriceList(ctx, id);
  await recordAudit(ctx, { action: 'price_list.created', entity: 'catalog', entityId: id, after });
  return after;
}

export async function updatePriceList(
  ctx: Ctx,
  id: string,
  body: PriceListUpdateBody,
): Promise<PriceList> {
  const before = await getPriceList(ctx, id);
  assertDates(
    body.validFrom === undefined ? before.validFrom : body.validFrom,
    body.validTo === undefined ? before.validTo : body.validTo,
  );
  const set = Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  await ctx.tx
    .update(priceLists)
    .set({ ...set, updatedAt: new Date() })
    .where(and(inWorkspace(ctx), eq(priceLists.id, id)));
  const after = await getPriceList(ctx, id);
  await recordAudit(ctx, {
    action: 'price_list.updated',
    entity: 'catalog',
    entityId: id,
    before,
    after,
  });
  return after;
}

export async function deletePriceList(ctx: Ctx, id: string): Promise<void> {
  const before = await getPriceList(ctx, id);
  await ctx.tx.delete(priceListItems).where(itemsOf(ctx, id));
  await ctx.tx.delete(priceLists).where(and(inWorkspace(ctx), eq(priceLists.id, id)));
  await recordAudit(ctx, { action: 'price_list.deleted', entity: 'catalog', entityId: id, before });
}

async function itemRows(ctx: Ctx, id: string) {
  return ctx.tx
    .select({ item: priceListItems, product: products })
    .from(priceListItems)
    .innerJoin(
      products,
      and(
        eq(products.workspaceId, priceListItems.workspaceId),
        eq(products.id, priceListItems.productId),
      ),
    )
    .where(itemsOf(ctx, id))
    .orderBy(asc(products.category), asc(products.name), asc(products.id));
}

export async function listPriceListItems(ctx: Ctx, id: string): Promise<PriceListItem[]> {
  await priceListRow(ctx, id);
  return (await itemRows(ctx, id)).map(({ item, product }) => ({
    productId: product.id,
    sku: product.sku,
    name: product.name,
    okei: product.okei as PriceListItem['okei'],
    unit: unitSymbol(product.okei),
    vatRate: product.vatRate,
    priceKopecks: item.priceKopecks,
  }));
}

// Replace a price list's prices as a whole (idempotent); a product this workspace does not have is
// refused by its index, and nothing is stored.
export async function replacePriceListItems(
  ctx: Ctx,
  id: string,
  body: PriceListItemsBody,
): Promise<PriceListItem[]> {
  await priceListRow(ctx, id);
  const found = await productRows(
    ctx,
    body.items.map((i) => i.productId),
  );
  const missing = body.items.findIndex((i) => !found.has(i.productId));
  if (missing >= 0)
    throw new DomainError('product.not_found', 'product not found', {
      field: `items.${missing}.productId`,
    });
  await ctx.tx.delete(priceListItems).where(itemsOf(ctx, id));
  if (body.items.length)
    await ctx.tx.insert(priceListItems).values(
      body.items.map((i) => ({
        workspaceId: ctx.workspaceId,
        priceListId: id,
        productId: i.productId,
        priceKopecks: i.priceKopecks,
      })),
    );
  await ctx.tx
    .update(priceLists)
    .set({ updatedAt: new Date() })
    .where(and(inWorkspace(ctx), eq(priceLists.id, id)));
  await recordAudit(ctx, {
    action: 'price_list.prices_replaced',
    entity: 'catalog',
    entityId: id,
    after: { items: body.items.length },
  });
  return listPriceListItems(ctx, id);
}

// What the printed price list shows: the active products with a price in this list.
export async function priceListSnapshot(
  ctx: Ctx,
  id: string,
  today: string,
): Promise<PriceListSnapshot> {
  const list = await priceListRow(ctx, id);
  if (list.currency !== 'RUB')
    throw new DomainError('request.invalid', 'only a price list in roubles can be printed', {
      field: 'currency',
    });
  const ws = await workspaces.getWorkspace(ctx);
  const rows = (await itemRows(ctx, id)).filter((r) => r.product.active);
  return {
    name: list.name,
    currency: 'RUB',
    validFrom: list.validFrom,
    validTo: list.validTo,
    date: today,
    seller: { name: ws.name, inn: null, phone: null, address: null },
    vatMode: list.vatMode,
    items: rows.map(({ item, product }) => ({
      sku: product.sku,
      name: product.name,
      category: product.category,
      unit: unitSymbol(product.okei),
      priceKopecks: item.priceKopecks,
      vatRate: product.vatRate,
    })),
  };
}
