import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';

// Where a deal's amount comes from when it is not typed by hand. The catalog (a later module)
// declares its deal lines here when its service loads: a deal with lines has their total as its
// amount, and an attempt to set another amount is refused naming `amount`.
type AmountSource = (ctx: Ctx, dealId: string) => Promise<number | null>;
let source: AmountSource | null = null;

export function declareAmountSource(fn: AmountSource): void {
  source = fn;
}

/** The amount a deal's lines fix, or null when it has none (the amount is typed by hand). */
export const amountFromLines = (ctx: Ctx, dealId: string): Promise<number | null> =>
  source ? source(ctx, dealId) : Promise.resolve(null);

export async function assertAmountFree(ctx: Ctx, dealId: string, amount: number | undefined) {
  if (amount === undefined) return;
  const fixed = await amountFromLines(ctx, dealId);
  if (fixed !== null && fixed !== amount)
    throw new DomainError(
      'deal.amount_from_lines',
      `the deal has line items: its amount is their total, ${fixed}; change the lines instead`,
      { field: 'amount' },
    );
}
