import type { MoneySettings, PaymentTerms, PaymentTermsBody } from '@voronka/contract';
import { PaymentTermsBody as TermsSchema } from '@voronka/contract';
import { and, eq, inArray } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import type { InvoiceFacts } from '../documents/service.js';
import { moneySettings, paymentTerms } from './tables.js';

type TermsRow = typeof paymentTerms.$inferSelect;
const DAY = 86_400_000;

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

// The document's own due date wins; else the deal's terms, else the company's; else the invoice
// date (pay at once). "After the act" with no act issued yet has no due date: not yet due.
export function dueDateOf(f: InvoiceFacts, terms: TermsRow | null): string | null {
  if (f.dueDate) return f.dueDate;
  if (!terms || terms.kind === 'prepayment') return f.date;
  if (terms.kind === 'after_invoice') return addDays(f.date, terms.days);
  return f.actDate ? addDays(f.actDate, terms.days) : null;
}

export function overdueDays(dueDate: string | null, today = new Date()): number {
  if (!dueDate) return 0;
  const now = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  return Math.max(0, Math.round((now - Date.parse(`${dueDate}T00:00:00Z`)) / DAY));
}

// Terms for many invoices at once: deal's first, then the company's.
export async function termsMap(ctx: Ctx, subjects: string[]): Promise<Map<string, TermsRow>> {
  const ids = [...new Set(subjects)];
  if (!ids.length) return new Map();
  const rows = await ctx.tx
    .select()
    .from(paymentTerms)
    .where(
      and(eq(paymentTerms.workspaceId, ctx.workspaceId), inArray(paymentTerms.subjectId, ids)),
    );
  return new Map(rows.map((r) => [r.subjectId, r]));
}

export const termsOf = (f: InvoiceFacts, map: Map<string, TermsRow>) =>
  (f.dealId ? map.get(f.dealId) : undefined) ??
  (f.companyId ? map.get(f.companyId) : undefined) ??
  null;

export async function termsFor(ctx: Ctx, f: InvoiceFacts) {
  const map = await termsMap(
    ctx,
    [f.dealId, f.companyId].filter((x): x is string => !!x),
  );
  return termsOf(f, map);
}

const toTerms = (r: TermsRow): PaymentTerms => ({
  companyId: r.subject === 'company' ? r.subjectId : null,
  dealId: r.subject === 'deal' ? r.subjectId : null,
  kind: r.kind,
  days: r.days,
  creditLimitKopecks: r.creditLimitKopecks,
});

export async function listTerms(ctx: Ctx): Promise<{ items: PaymentTerms[] }> {
  const rows = await ctx.tx
    .select()
    .from(paymentTerms)
    .where(eq(paymentTerms.workspaceId, ctx.workspaceId));
  return { items: rows.map(toTerms) };
}

export async function putTerms(ctx: Ctx, input: PaymentTermsBody): Promise<PaymentTerms> {
  const body = TermsSchema.parse(input);
  const subject = body.dealId ? 'deal' : 'company';
  const values = {
    workspaceId: ctx.workspaceId,
    subjectId: (body.dealId ?? body.companyId)!,
    subject: subject as 'deal' | 'company',
    kind: body.kind,
    days: body.kind === 'prepayment' ? 0 : body.days,
    creditLimitKopecks: body.creditLimitKopecks ?? null,
    updatedAt: new Date(),
  };
  const [row] = await ctx.tx
    .insert(paymentTerms)
    .values(values)
    .onConflictDoUpdate({ target: [paymentTerms.workspaceId, paymentTerms.subjectId], set: values })
    .returning();
  await recordAudit(ctx, {
    action: 'payment_terms.set',
    entity: 'finance',
    entityId: values.subjectId,
    after: body,
  });
  return toTerms(row!);
}

export async function getSettings(ctx: Ctx): Promise<MoneySettings> {
  const [row] = await ctx.tx
    .select()
    .from(moneySettings)
    .where(eq(moneySettings.workspaceId, ctx.workspaceId));
  return { paidStageId: row?.paidStageId ?? null };
}

export async function putSettings(ctx: Ctx, body: MoneySettings): Promise<MoneySettings> {
  const values = {
    workspaceId: ctx.workspaceId,
    paidStageId: body.paidStageId,
    updatedAt: new Date(),
  };
  await ctx.tx
    .insert(moneySettings)
    .values(values)
    .onConflictDoUpdate({ target: moneySettings.workspaceId, set: values });
  await recordAudit(ctx, { action: 'money_settings.updated', entity: 'finance', after: body });
  return getSettings(ctx);
}
