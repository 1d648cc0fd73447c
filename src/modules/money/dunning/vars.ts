import type { Ctx } from '../../../platform/context.js';
import { invoiceFacts, type InvoiceFacts } from '../../documents/service.js';
import { paidByInvoice } from '../ledger.js';
import { dueDateOf, termsFor } from '../terms.js';
import { daysLate, rub, ruDate, type TemplateVars } from './rules.js';

// The invoice facts a reminder speaks of, and the signed link to its PDF (built by the process's
// runtime, which holds the sealer and the public address: src/runtime.ts sets it).
let invoiceLink: (workspaceId: string, invoiceId: string) => string = () => '';
export function useInvoiceLinks(fn: (workspaceId: string, invoiceId: string) => string): void {
  invoiceLink = fn;
}

export const today = () => new Date().toISOString().slice(0, 10);

export type InvoiceState = InvoiceFacts & { openKopecks: number; due: string | null };

const OPEN = ['issued', 'sent', 'signed'];

// An invoice as dunning sees it now; null when it is no longer owed (paid, cancelled, gone).
export async function owedInvoice(ctx: Ctx, id: string): Promise<InvoiceState | null> {
  const [f] = await invoiceFacts(ctx, [id]);
  if (!f || !OPEN.includes(f.status)) return null;
  const paid = (await paidByInvoice(ctx, [id])).get(id) ?? 0;
  const openKopecks = f.totalKopecks - paid;
  if (openKopecks <= 0) return null;
  return { ...f, openKopecks, due: dueDateOf(f, await termsFor(ctx, f)) };
}

export function varsOf(ctx: Ctx, s: InvoiceState, on = today()): TemplateVars {
  return {
    number: s.number ?? '',
    date: ruDate(s.date),
    amount: rub(s.totalKopecks),
    openAmount: rub(s.openKopecks),
    dueDate: s.due ? ruDate(s.due) : '',
    daysOverdue: String(s.due ? daysLate(s.due, on) : 0),
    client: s.buyerName ?? '',
    link: invoiceLink(ctx.workspaceId, s.id),
  };
}

export async function invoiceVars(ctx: Ctx, id: string): Promise<TemplateVars | null> {
  const [f] = await invoiceFacts(ctx, [id]);
  if (!f || f.status === 'draft') return null;
  const paid = (await paidByInvoice(ctx, [id])).get(id) ?? 0;
  const due = dueDateOf(f, await termsFor(ctx, f));
  return varsOf(ctx, { ...f, openKopecks: Math.max(0, f.totalKopecks - paid), due });
}

export const sampleVars = (): TemplateVars => ({
  number: '123',
  date: '01.12.2026',
  amount: rub(12_345_600),
  openAmount: rub(10_000_000),
  dueDate: '11.12.2026',
  daysOverdue: '3',
  client: 'ООО «Вектор»',
  link: 'https://crm.example.ru/api/public/documents/…/pdf',
});
