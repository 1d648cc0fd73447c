import type { VatRate } from '@voronka/contract';
import { and, asc, gte, isNull, lte, or } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { vatRates } from './tables.js';

const toVatRate = (r: typeof vatRates.$inferSelect): VatRate => ({
  id: r.id,
  rate: r.rate,
  label: r.label,
  validFrom: r.validFrom,
  validTo: r.validTo,
});

/** The VAT rates valid on a date (yyyy-mm-dd), or every rate the table holds. */
export async function listVatRates(ctx: Ctx, on?: string): Promise<VatRate[]> {
  const rows = await ctx.tx
    .select()
    .from(vatRates)
    .where(
      on
        ? and(lte(vatRates.validFrom, on), or(isNull(vatRates.validTo), gte(vatRates.validTo, on)))
        : undefined,
    )
    .orderBy(asc(vatRates.validFrom), asc(vatRates.id));
  return rows.map(toVatRate).sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1));
}

// A rate must be one the table knows (on any date: an old deal may keep its 20 %).
export async function assertVatRate(ctx: Ctx, rate: number | null, field: string): Promise<void> {
  const known = await listVatRates(ctx);
  if (!known.some((r) => r.rate === rate))
    throw new DomainError('vat_rate.unknown', `VAT rate ${rate ?? 'none'} is not known`, {
      field,
    });
}

// The general rate on a date (yyyy-mm-dd): the highest rate in force then (20 % in 2025, 22 % from
// 2026); the reduced 10 %, 0 % and the УСН 5 % / 7 % are lower by definition.
export async function generalVatRate(ctx: Ctx, on: string): Promise<number | null> {
  const rates = (await listVatRates(ctx, on)).map((r) => r.rate).filter((r) => r !== null);
  return rates.length ? Math.max(...rates) : null;
}
