import {
  CalculatorDefinition,
  type CalcValues,
  type DealLines,
  type Estimate,
} from '@voronka/contract';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import * as catalog from '../catalog/service.js';
import { calculatorRow, checkDefinition, compiledPublished, versionRow } from './calculators.js';
import {
  evaluate,
  productIdsOf,
  ValuesError,
  type CatalogItem,
  type Compiled,
} from './evaluate.js';

// Evaluations inside a workspace: the catalog items a definition names (active products, priced
// from its price list where the list has them), the estimate, and applying it to a deal.

async function catalogFor(ctx: Ctx, def: CalculatorDefinition): Promise<Map<string, CatalogItem>> {
  const rows = await catalog.productRows(ctx, productIdsOf(def));
  const listed = def.priceListId
    ? new Map(
        (await catalog.listPriceListItems(ctx, def.priceListId)).map((i) => [
          i.productId,
          i.priceKopecks,
        ]),
      )
    : new Map<string, number>();
  const items = new Map<string, CatalogItem>();
  for (const [id, p] of rows) {
    // An inactive product, or one with no price anywhere, is not offered.
    const price = listed.get(id) ?? p.priceKopecks;
    if (p.active && price !== null)
      items.set(id, {
        name: p.name,
        okei: p.okei,
        vatRate: p.vatRate,
        priceKopecks: price,
        costKopecks: p.costKopecks,
      });
  }
  return items;
}

/** Evaluate a checked definition for these values (422 naming the value or formula at fault). */
export async function estimateOf(
  ctx: Ctx,
  compiled: Compiled,
  values: CalcValues,
  withCost: boolean,
): Promise<Estimate> {
  const items = await catalogFor(ctx, compiled.def);
  try {
    return evaluate(compiled, values, items, { withCost });
  } catch (err) {
    if (err instanceof ValuesError) {
      const [first] = err.errors;
      throw new DomainError('calculator.value_invalid', `${first!.field}: ${first!.reason}`, {
        field: first!.field,
      });
    }
    throw err;
  }
}

/** The version of a calculator to evaluate: the published one, or the draft (for the builder). */
export async function compiledVersion(
  ctx: Ctx,
  id: string,
  which: 'draft' | 'published' = 'published',
): Promise<Compiled> {
  const row = await calculatorRow(ctx, id);
  const version =
    which === 'draft' ? (row.draftVersion ?? row.publishedVersion) : row.publishedVersion;
  if (version === null)
    throw new DomainError('calculator.not_published', 'this calculator is not published yet');
  const v = await versionRow(ctx, row, version);
  // A published version is immutable: compiled once per process. A draft changes: checked anew.
  if (v.publishedAt) return compiledPublished(ctx.workspaceId, row.id, version, v.definition);
  return checkDefinition(CalculatorDefinition.parse(v.definition));
}

export async function evaluateCalculator(
  ctx: Ctx,
  id: string,
  body: { values: CalcValues; version?: 'draft' | 'published' | undefined },
): Promise<Estimate> {
  return estimateOf(
    ctx,
    await compiledVersion(ctx, id, body.version),
    body.values,
    catalog.seesMargin(ctx),
  );
}

/** The builder's live preview: an unsaved definition, evaluated as the server will. */
export async function previewCalculator(
  ctx: Ctx,
  body: { definition: CalculatorDefinition; values: CalcValues },
): Promise<Estimate> {
  return estimateOf(ctx, checkDefinition(body.definition), body.values, catalog.seesMargin(ctx));
}

/** The published calculator's estimate as the deal's line items (replacing them), VAT mode included. */
export async function applyToDeal(
  ctx: Ctx,
  id: string,
  body: { dealId: string; values: CalcValues },
): Promise<DealLines> {
  // A deal the caller cannot see (or another workspace's) answers as a missing one, first.
  await catalog.dealLinesFor(ctx, body.dealId);
  const estimate = await estimateOf(ctx, await compiledVersion(ctx, id), body.values, false);
  if (!estimate.lines.length)
    throw new DomainError('calculator.value_invalid', 'the estimate has no lines', {
      field: 'values',
    });
  return catalog.replaceDealLines(ctx, body.dealId, {
    vatMode: estimate.vatMode,
    lines: estimate.lines.map((l) => ({
      productId: l.productId,
      name: l.name,
      quantity: l.quantity,
      okei: l.okei as never,
      priceKopecks: l.priceKopecks,
      discount: null,
      vatRate: l.vatRate,
    })),
  });
}
