import type { Ctx } from '../../platform/context.js';
import { openInvoices } from './ledger.js';
import { dueDateOf, termsMap, termsOf } from './terms.js';

// Issued invoices still owed whose due date (their own, else the deal's or company's terms) is at
// least `days` behind `on` (automation's "invoice overdue" scan).
export async function overdueInvoices(
  ctx: Ctx,
  on: string,
  days = 0,
): Promise<{ id: string; dealId: string | null; due: string }[]> {
  const invoices = (await openInvoices(ctx)).filter((i) => i.openKopecks > 0);
  const terms = await termsMap(
    ctx,
    invoices.flatMap((i) => [i.dealId, i.companyId]).filter((x): x is string => !!x),
  );
  const limit = new Date(Date.parse(`${on}T00:00:00Z`) - days * 86_400_000)
    .toISOString()
    .slice(0, 10);
  return invoices.flatMap((inv) => {
    const due = dueDateOf(inv, termsOf(inv, terms));
    return due && due < limit ? [{ id: inv.id, dealId: inv.dealId, due }] : [];
  });
}
