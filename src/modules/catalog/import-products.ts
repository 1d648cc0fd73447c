import { units, type Okei } from '@voronka/contract';
import { and, eq, inArray } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import {
  fieldValues,
  RowErrors,
  splitTags,
  type ChunkInput,
  type ChunkResult,
} from '../transfer/service.js';
import { seesMargin } from './products.js';
import { products } from './tables.js';
import { generalVatRate, listVatRates } from './vat-rates.js';

// One chunk of a product import (the transfer module's job calls it): every row is checked in
// memory first — a row with any problem is reported (row, column, reason) and not written — then
// products are found by SKU in one query, new ones inserted in one statement and existing ones
// updated (policy "update"; "skip" leaves them; "create" cannot make a second product with a SKU).
// Empty cells keep what an existing product has; a new one gets the defaults (шт, the general VAT
// rate in force today, active).

/** The largest price an import takes: 999 999 999 999.99 ₽, what amounts in words spell. */
const MAX_KOPECKS = 99_999_999_999_999;

/** "1 234,50", "1234.50", "1234" → kopecks; a reason when it is not a non-negative amount. */
export function parseRoubles(text: string): number | { reason: string } {
  const s = text.replace(/[\s\u00a0\u202f]/g, '').replace(/(₽|руб\.?|р\.)$/i, '');
  if (/^-/.test(s)) return { reason: 'must not be negative' };
  const m = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(s);
  if (!m) return { reason: `"${text}" is not an amount like 1 234,50 or 1234.50` };
  const kopecks = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (!Number.isSafeInteger(kopecks) || kopecks > MAX_KOPECKS)
    return { reason: 'is over 999 999 999 999,99' };
  return kopecks;
}

const yes = new Set(['да', 'yes', 'true', '1', 'активен', 'д', 'y']);
const no = new Set(['нет', 'no', 'false', '0', 'неактивен', 'н', 'n']);
const unitKey = (s: string) => s.toLowerCase().replace(/ё/g, 'е').replace(/[\s.]/g, '');

function unitOfCells(v: Record<string, string>, errors: RowErrors, row: number): Okei | undefined {
  const byCode = v.okei ? units.find((u) => u.okei === v.okei!.padStart(3, '0')) : undefined;
  if (v.okei && !byCode) errors.add(row, 'okei', `${v.okei} is not an ОКЕИ code the catalog knows`);
  const byName = v.unit
    ? units.find((u) => [u.symbol, u.ru, u.okei].some((x) => unitKey(x) === unitKey(v.unit!)))
    : undefined;
  if (v.unit && !byName) errors.add(row, 'unit', `"${v.unit}" is not a unit the catalog knows`);
  if (byCode && byName && byCode !== byName)
    errors.add(row, 'unit', `"${v.unit}" is not the unit of ОКЕИ code ${byCode.okei}`);
  return (byCode ?? byName)?.okei;
}

type Draft = {
  row: number;
  sku: string | null;
  set: Partial<typeof products.$inferInsert>;
};

type Checks = { vatRates: Set<number | null>; vatLabel: string; margin: boolean };

function vatOf(text: string, checks: Checks): number | null | { reason: string } {
  if (/^без\s*ндс$|^no\s*vat$/i.test(text.trim())) return null;
  const m = /^(\d{1,3})(?:[.,]0+)?\s*%?$/.exec(text.trim());
  const rate = m ? Number(m[1]) : NaN;
  if (!checks.vatRates.has(rate))
    return { reason: `"${text}" is not a VAT rate in force: one of ${checks.vatLabel}` };
  return rate;
}

function draftOf(cells: string[], row: number, input: ChunkInput, checks: Checks, e: RowErrors) {
  const v = fieldValues(input.mapping, cells);
  const set: Draft['set'] = {};
  const sku = v.sku ?? null;
  if (sku && sku.length > 64) e.add(row, 'sku', 'longer than 64 characters');
  if (v.name) set.name = v.name.slice(0, 300);
  const okei = unitOfCells(v, e, row);
  if (okei) set.okei = okei;
  if (v.vatRate) {
    const rate = vatOf(v.vatRate, checks);
    if (typeof rate === 'object' && rate !== null) e.add(row, 'vatRate', rate.reason);
    else set.vatRate = rate;
  }
  for (const [field, column] of [
    ['price', 'priceKopecks'],
    ['cost', 'costKopecks'],
  ] as const) {
    if (!v[field]) continue;
    if (field === 'cost' && !checks.margin) {
      e.add(row, 'cost', 'setting a cost price needs the margin right');
      continue;
    }
    const kopecks = parseRoubles(v[field]);
    if (typeof kopecks === 'number') set[column] = kopecks;
    else e.add(row, field, kopecks.reason);
  }
  if (v.category) set.category = v.category.slice(0, 100);
  if (v.tags) set.tags = splitTags(v.tags);
  if (v.active) {
    const a = v.active.toLowerCase();
    if (yes.has(a)) set.active = true;
    else if (no.has(a)) set.active = false;
    else e.add(row, 'active', `"${v.active}" is not да or нет`);
  }
  return e.has(row) ? null : { row, sku, set };
}

const today = () => new Date().toISOString().slice(0, 10);

export async function importProductRows(ctx: Ctx, input: ChunkInput): Promise<ChunkResult> {
  const rates = await listVatRates(ctx, today());
  const checks: Checks = {
    vatRates: new Set(rates.map((r) => r.rate)),
    vatLabel: rates.map((r) => (r.rate === null ? 'без НДС' : `${r.rate}`)).join(', '),
    margin: seesMargin(ctx),
  };
  const errors = new RowErrors();
  const drafts = input.rows
    .map((cells, i) => draftOf(cells, input.firstRow + i, input, checks, errors))
    .filter((d): d is Draft => d !== null);
  const skus = [...new Set(drafts.map((d) => d.sku).filter((s): s is string => Boolean(s)))];
  const existing = skus.length
    ? await ctx.tx
        .select({ id: products.id, sku: products.sku })
        .from(products)
        .where(and(eq(products.workspaceId, ctx.workspaceId), inArray(products.sku, skus)))
    : [];
  const bySku = new Map(existing.map((p) => [p.sku!, p.id]));
  const seen = new Set<string>();
  const inserts: Draft[] = [];
  const updates: { id: string; d: Draft }[] = [];
  let skipped = 0;
  for (const d of drafts) {
    const id = d.sku ? bySku.get(d.sku) : undefined;
    const repeated = d.sku !== null && seen.has(d.sku);
    if (d.sku) seen.add(d.sku);
    if (repeated) errors.add(d.row, 'sku', `SKU ${d.sku} is in the file twice`);
    else if (id && input.policy === 'skip') skipped++;
    else if (id && input.policy === 'create')
      errors.add(d.row, 'sku', `a product with SKU ${d.sku} exists`);
    else if (id) updates.push({ id, d });
    else if (!d.set.name) errors.add(d.row, 'name', 'required');
    else inserts.push(d);
  }
  if (inserts.length) {
    const general = await generalVatRate(ctx, today());
    await ctx.tx.insert(products).values(
      inserts.map(({ sku, set }) => ({
        okei: '796',
        vatRate: general,
        ...set,
        name: set.name!,
        workspaceId: ctx.workspaceId,
        id: newId(),
        sku,
      })),
    );
  }
  for (const { id, d } of updates)
    await ctx.tx
      .update(products)
      .set({ ...d.set, updatedAt: new Date() })
      .where(and(eq(products.workspaceId, ctx.workspaceId), eq(products.id, id)));
  return { created: inserts.length, updated: updates.length, skipped, errors: errors.list };
}
