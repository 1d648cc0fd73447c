import type { Ctx } from '../../platform/context.js';
import { emitDomainEvent } from '../../platform/events/events.js';

// An invoice issued or paid (by hand here, by payments in invoices.ts): the domain events
// invoice.issued and invoice.paid, once per invoice each.
export async function invoiceEvent(
  ctx: Ctx,
  status: 'issued' | 'paid',
  invoice: { id: string; dealId: string | null },
): Promise<void> {
  await emitDomainEvent(ctx, {
    type: `invoice.${status}`,
    key: invoice.id,
    entity: 'invoice',
    id: invoice.id,
    dealId: invoice.dealId,
  });
}
