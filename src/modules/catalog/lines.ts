import {
  documentMoney,
  lineMoney,
  quantityMilli,
  type DealLine,
  type DealLines,
  type DealLinesBody,
  type LineInput,
  type VatMode,
} from '@voronka/contract';
import { and, asc, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { emitDomainEvent } from '../../platform/events/events.js';
import { DomainError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import * as pipeline from '../pipeline/service.js';
import * as workspaces from '../workspaces/service.js';
import { productRows, seesMargin, unitSymbol } from './products.js';
import { dealLines, dealPricing } from './tables.js';
import { listVatRates } from './vat-rates.js';

type LineRow = typeof dealLines.$inferSelect;

/** "2.500" → "2.5", "3.000" → "3": numeric columns come back padded. */
const trimDecimal = (s: string) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);

const toInput = (r: LineRow): LineInput => ({
  quantity: trimDecimal(r.quantity),
  priceKopecks: r.priceKopecks,
  vatRate: r.vatRate,
  discount:
    r.discountKind === 'percent'
      ? { kind: 'percent', value: trimDecimal(r.discountPercent ?? '0') }
      : r.discountKind === 'amount'
        ? { kind: 'amount', kopecks: r.discountKopecks ?? 0 }
        : null,
});

// quantity × cost, rounded half up to the kopeck (the same rounding as the line's money).
const costOf = (quantity: string, cost: number | null) =>
  cost === null ? null : Number((quantityMilli(quantity) * BigInt(cost) * 2n + 1000n) / 2000n);

/**
 * A deal's line items with their money and totals, and how its prices are entered. The caller
 * must be able to read the deal (a deal it cannot see is not found). Documents build quotes and
 * invoices from this.
 */
export async function dealLinesFor(ctx: Ctx, dealId: string): Promise<DealLines> {
  await workspaces.requireVisible(ctx, 'deals', dealId);
  const [pricing] = await ctx.tx
    .select({ vatMode: dealPricing.vatMode })
    .from(dealPricing)
    .where(and(eq(dealPricing.workspaceId, ctx.workspaceId), eq(dealPricing.dealId, dealId)));
  const rows = await ctx.tx
    .select()
    .from(dealLines)
    .where(and(eq(dealLines.workspaceId, ctx.workspaceId), eq(dealLines.dealId, dealId)))
    .orderBy(asc(dealLines.position));
  const vatMode: VatMode = pricing?.vatMode ?? 'included';
  const inputs = rows.map(toInput);
  const money = documentMoney(inputs, vatMode);
  const margin = seesMargin(ctx);
  const found = await productRows(ctx, [
    ...new Set(rows.flatMap((r) => (r.productId ? [r.productId] : []))),
  ]);
  const lines: DealLine[] = rows.map((r, i) => {
    const product = r.productId ? found.get(r.productId) : undefined;
    const cost = costOf(inputs[i]!.quantity, product?.costKopecks ?? null);
    return {
      position: r.position,
      productId: r.productId,
      sku: product?.sku ?? null,
      name: r.name,
      quantity: inputs[i]!.quantity,
      okei: r.okei as DealLine['okei'],
      unit: unitSymbol(r.okei),
      priceKopecks: r.priceKopecks,
      discount: inputs[i]!.discount ?? null,
      vatRate: r.vatRate,
      ...money.lines[i]!,
      ...(margin
        ? { costKopecks: cost, marginKopecks: cost === null ? null : r.netKopecks - cost }
        : {}),
    };
  });
  const costs = lines.filter((l) => typeof l.costKopecks === 'number');
  const cost = costs.length ? costs.reduce((s, l) => s + l.costKopecks!, 0) : null;
  const netOfCosted = costs.reduce((s, l) => s + l.netKopecks, 0);
  const { lines: _, ...totals } = money;
  return {
    dealId,
    vatMode,
    lines,
    totals: {
      ...totals,
      ...(margin
        ? { costKopecks: cost, marginKopecks: cost === null ? null : netOfCosted - cost }
        : {}),
    },
  };
}

// Which field a RangeError from the money functions is about.
function rangeField(message: string): string {
  if (message.startsWith('quantity')) return 'quantity';
  if (message.startsWith('discount')) return 'discount';
  if (message.startsWith('VAT')) return 'vatRate';
  return 'priceKopecks';
}

async function checkLines(ctx: Ctx, body: DealLinesBody) {
  const rates = new Set((await listVatRates(ctx)).map((r) => r.rate));
  const ids = [...new Set(body.lines.flatMap((l) => (l.productId ? [l.productId] : [])))];
  const found = await productRows(ctx, ids);
  body.lines.forEach((line, i) => {
    if (line.productId && !found.has(line.productId))
      throw new DomainError('product.not_found', 'product not found', {
        field: `lines.${i}.productId`,
      });
    if (!rates.has(line.vatRate))
      throw new DomainError('vat_rate.unknown', `VAT rate ${line.vatRate} is not known`, {
        field: `lines.${i}.vatRate`,
      });
    try {
      lineMoney(line, body.vatMode);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      throw new DomainError('line.out_of_range', e.message, {
        field: `lines.${i}.${rangeField(e.message)}`,
      });
    }
  });
  try {
    return documentMoney(body.lines, body.vatMode);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    throw new DomainError('line.out_of_range', e.message, { field: 'lines' });
  }
}

/**
 * Replace a deal's whole line list (idempotent) and its VAT mode. When the deal has lines, its
 * amount becomes their total, in the same transaction. Nothing is stored when any line is refused.
 */
export async function replaceDealLines(
  ctx: Ctx,
  dealId: string,
  body: DealLinesBody,
): Promise<DealLines> {
  await workspaces.requireVisible(ctx, 'deals', dealId);
  const before = await dealLinesFor(ctx, dealId);
  const money = await checkLines(ctx, body);
  const scope = and(eq(dealLines.workspaceId, ctx.workspaceId), eq(dealLines.dealId, dealId));
  await ctx.tx.delete(dealLines).where(scope);
  if (body.lines.length)
    await ctx.tx.insert(dealLines).values(
      body.lines.map((l, i) => ({
        workspaceId: ctx.workspaceId,
        dealId,
        position: i + 1,
        productId: l.productId ?? null,
        name: l.name,
        quantity: l.quantity,
        okei: l.okei,
        priceKopecks: l.priceKopecks,
        discountKind: l.discount?.kind ?? null,
        discountPercent: l.discount?.kind === 'percent' ? l.discount.value : null,
        discountKopecks: l.discount?.kind === 'amount' ? l.discount.kopecks : null,
        vatRate: l.vatRate,
        grossKopecks: money.lines[i]!.grossKopecks,
        lineDiscountKopecks: money.lines[i]!.discountKopecks,
        netKopecks: money.lines[i]!.netKopecks,
        vatKopecks: money.lines[i]!.vatKopecks,
        totalKopecks: money.lines[i]!.totalKopecks,
      })),
    );
  await ctx.tx
    .insert(dealPricing)
    .values({ workspaceId: ctx.workspaceId, dealId, vatMode: body.vatMode })
    .onConflictDoUpdate({
      target: [dealPricing.workspaceId, dealPricing.dealId],
      set: { vatMode: body.vatMode, updatedAt: new Date() },
    });
  if (body.lines.length) await pipeline.updateDeal(ctx, dealId, { amount: money.totalKopecks });
  const after = await dealLinesFor(ctx, dealId);
  await recordAudit(ctx, {
    action: 'deal.lines_replaced',
    entity: 'deals',
    entityId: dealId,
    before: {
      vatMode: before.vatMode,
      lines: before.lines.length,
      total: before.totals.totalKopecks,
    },
    after: { vatMode: after.vatMode, lines: after.lines.length, total: after.totals.totalKopecks },
  });
  // Told to whoever listens (calculator's discount control asks for approval of a discount
  // beyond the actor's limit), in this transaction.
  await emitDomainEvent(ctx, {
    type: 'deal.lines_replaced',
    key: newId(),
    entity: 'deal',
    id: dealId,
    dealId,
  });
  return after;
}

// A deal with lines has their total as its amount: pipeline refuses another amount (422 naming
// `amount`). The stored line totals are what the card showed and the deal was set to.
pipeline.declareAmountSource(async (ctx, dealId) => {
  const [r] = await ctx.tx
    .select({ total: sql<string | null>`sum(${dealLines.totalKopecks})` })
    .from(dealLines)
    .where(and(eq(dealLines.workspaceId, ctx.workspaceId), eq(dealLines.dealId, dealId)));
  return r?.total === null || r?.total === undefined ? null : Number(r.total);
});
