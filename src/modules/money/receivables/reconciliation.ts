import type { ReconciliationAct, ReconciliationActQuery } from '@voronka/contract';
import { and, eq, inArray, isNull, lte } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.js';
import { DomainError } from '../../../platform/errors.js';
import { getCompany } from '../../clients/service.js';
import {
  getLegalEntity,
  invoiceFacts,
  listLegalEntities,
  receivableFacts,
} from '../../documents/service.js';
import { formatDateShort } from '../../print/service.js';
import { visibleTo } from '../../workspaces/service.js';
import { paymentAllocations, payments } from '../tables.js';
import { asOfDate } from './aging.js';

// The reconciliation act (акт сверки взаимных расчётов) between one of our legal entities and a
// client for a period: invoices are the client's debit, payments their credit.
//
// A payment belongs to the legal entity whose invoices it paid; what it left unallocated (the
// client's credit) goes with its first allocation, and a payment that paid nothing goes to the
// entity the act is drawn up for (a client's credit is not yet tied to either).

type Entry = ReconciliationAct['entries'][number];

async function paymentEntries(ctx: Ctx, companyId: string, entityId: string, to: string) {
  const rows = await ctx.tx
    .select()
    .from(payments)
    .where(
      and(
        eq(payments.workspaceId, ctx.workspaceId),
        eq(payments.companyId, companyId),
        isNull(payments.reversedAt),
        lte(payments.date, to),
        visibleTo(ctx, 'finance', payments.ownerId),
      ),
    );
  const allocs = rows.length
    ? await ctx.tx
        .select()
        .from(paymentAllocations)
        .where(
          and(
            eq(paymentAllocations.workspaceId, ctx.workspaceId),
            inArray(
              paymentAllocations.paymentId,
              rows.map((r) => r.id),
            ),
          ),
        )
        .orderBy(paymentAllocations.createdAt)
    : [];
  const entityOf = new Map(
    (await invoiceFacts(ctx, [...new Set(allocs.map((a) => a.invoiceId))])).map((f) => [
      f.id,
      f.legalEntityId,
    ]),
  );
  const entries: Entry[] = [];
  for (const p of rows) {
    const mine = allocs.filter((a) => a.paymentId === p.id);
    const ours = mine.filter((a) => entityOf.get(a.invoiceId) === entityId);
    const rest = p.amountKopecks - mine.reduce((s, a) => s + a.amountKopecks, 0);
    const firstIsOurs = mine.length === 0 || entityOf.get(mine[0]!.invoiceId) === entityId;
    const amount = ours.reduce((s, a) => s + a.amountKopecks, 0) + (firstIsOurs ? rest : 0);
    if (amount <= 0) continue;
    const doc = p.bankDocNumber
      ? `Оплата (п/п № ${p.bankDocNumber} от ${formatDateShort(p.date)})`
      : `Оплата от ${formatDateShort(p.date)}`;
    entries.push({
      date: p.date,
      kind: 'payment',
      document: doc,
      debitKopecks: 0,
      creditKopecks: amount,
    });
  }
  return entries;
}

// The period and our legal entity, with the defaults filled in: this year to today, our first entity.
async function actPeriod(
  ctx: Ctx,
  q: Pick<ReconciliationActQuery, 'from' | 'to' | 'legalEntityId'>,
) {
  const to = q.to ?? (await asOfDate(ctx));
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to)
    throw new DomainError('request.invalid', 'the period ends before it starts', { field: 'to' });
  const legalEntityId = q.legalEntityId ?? (await listLegalEntities(ctx)).items[0]?.id;
  if (!legalEntityId)
    throw new DomainError('legal_entity.not_found', 'the workspace has no legal entity yet', {
      field: 'legalEntityId',
    });
  return { from, to, legalEntityId };
}

export async function reconciliationAct(
  ctx: Ctx,
  companyId: string,
  query: Pick<ReconciliationActQuery, 'from' | 'to' | 'legalEntityId'>,
): Promise<ReconciliationAct> {
  const company = await getCompany(ctx, companyId);
  const q = await actPeriod(ctx, query);
  const entity = await getLegalEntity(ctx, q.legalEntityId);
  const invoices = await receivableFacts(ctx, {
    asOf: q.to,
    companyId,
    legalEntityId: q.legalEntityId,
  });
  const all: Entry[] = [
    ...invoices.map((f) => ({
      date: f.date,
      kind: 'invoice' as const,
      document: `Счёт № ${f.number ?? '—'} от ${formatDateShort(f.date)}`,
      debitKopecks: f.totalKopecks,
      creditKopecks: 0,
    })),
    ...(await paymentEntries(ctx, companyId, q.legalEntityId, q.to)),
  ];
  const net = (list: Entry[]) => list.reduce((s, e) => s + e.debitKopecks - e.creditKopecks, 0);
  const opening = net(all.filter((e) => e.date < q.from));
  const entries = all
    .filter((e) => e.date >= q.from)
    .sort((a, b) => a.date.localeCompare(b.date) || (a.kind === 'invoice' ? -1 : 1));
  const debit = entries.reduce((s, e) => s + e.debitKopecks, 0);
  const credit = entries.reduce((s, e) => s + e.creditKopecks, 0);
  const signer = (s: { name: string; position: string } | null) =>
    s ? { name: s.name, position: s.position } : null;
  return {
    companyId,
    legalEntityId: q.legalEntityId,
    from: q.from,
    to: q.to,
    ours: {
      name: entity.name,
      inn: entity.inn,
      kpp: entity.kpp,
      address: entity.address,
      director: signer(entity.director),
      accountant: signer(entity.accountant),
    },
    client: {
      name: [company.legalForm, company.name].filter(Boolean).join(' '),
      inn: company.inn,
      kpp: company.kpp,
      address: company.legalAddress,
    },
    openingKopecks: opening,
    entries,
    debitTurnoverKopecks: debit,
    creditTurnoverKopecks: credit,
    closingKopecks: opening + debit - credit,
  };
}
