import type {
  Aging,
  AgingAmounts,
  AgingBucket,
  ReceivableInvoice,
  ReceivableInvoices,
  ReceivableInvoicesQuery,
  ReceivablesExportQuery,
  ReceivablesQuery,
} from '@voronka/contract';
import { and, eq, isNull, lte, sql } from 'drizzle-orm';
import type { Ctx } from '../../../platform/context.js';
import { tableFile, type Cell, type TableFile } from '../../../platform/export/export.js';
import { recordNames } from '../../clients/service.js';
import { listLegalEntities, receivableFacts } from '../../documents/service.js';
import { getWorkspace, listUsers } from '../../workspaces/service.js';
import { paymentAllocations, paymentTerms, payments } from '../tables.js';
import { dueDateOf, termsOf } from '../terms.js';
import { addTo, bucketOf, daysPastDue, emptyAmounts, todayIn } from './rules.js';

// The aging report: every invoice owed at `asOf` (issued by then, less the payments dated by then),
// aged by days past its due date, summed per client, manager or legal entity. Read in three
// statements (invoices, payments, terms) and computed in memory: bench/receivables.ts ages 100,000.

type Filters = Pick<ReceivablesQuery, 'managerId' | 'legalEntityId' | 'companyId' | 'asOf'>;

export async function asOfDate(ctx: Ctx, asOf?: string): Promise<string> {
  return asOf ?? todayIn((await getWorkspace(ctx)).timezone);
}

// Kopecks allocated to each invoice by payments dated on or before `asOf` and not reversed.
export async function paidAsOf(ctx: Ctx, asOf: string): Promise<Map<string, number>> {
  const rows = await ctx.tx
    .select({
      invoiceId: paymentAllocations.invoiceId,
      paid: sql<string>`sum(${paymentAllocations.amountKopecks})`,
    })
    .from(paymentAllocations)
    .innerJoin(
      payments,
      and(
        eq(payments.workspaceId, paymentAllocations.workspaceId),
        eq(payments.id, paymentAllocations.paymentId),
      ),
    )
    .where(
      and(
        eq(paymentAllocations.workspaceId, ctx.workspaceId),
        isNull(payments.reversedAt),
        lte(payments.date, asOf),
      ),
    )
    .groupBy(paymentAllocations.invoiceId);
  return new Map(rows.map((r) => [r.invoiceId, Number(r.paid)]));
}

async function allTerms(ctx: Ctx) {
  const rows = await ctx.tx
    .select()
    .from(paymentTerms)
    .where(eq(paymentTerms.workspaceId, ctx.workspaceId));
  return new Map(rows.map((r) => [r.subjectId, r]));
}

type Owed = Omit<ReceivableInvoice, 'clientName' | 'managerName' | 'legalEntityName'> & {
  buyerName: string | null;
};

// Each open invoice at `asOf` with its open amount, due date, days late and bucket.
async function owedInvoices(ctx: Ctx, q: Filters): Promise<{ asOf: string; owed: Owed[] }> {
  const asOf = await asOfDate(ctx, q.asOf);
  const facts = await receivableFacts(ctx, {
    asOf,
    legalEntityId: q.legalEntityId,
    ownerId: q.managerId,
    companyId: q.companyId,
  });
  const [paid, terms] = await Promise.all([paidAsOf(ctx, asOf), allTerms(ctx)]);
  const owed: Owed[] = [];
  for (const f of facts) {
    const paidKopecks = paid.get(f.id) ?? 0;
    const open = f.totalKopecks - paidKopecks;
    if (open <= 0) continue;
    // An act dated after `asOf` did not exist yet: "N days after the act" had no due date then.
    const actDate = f.actDate && f.actDate <= asOf ? f.actDate : null;
    const dueDate = dueDateOf({ ...f, actDate }, termsOf(f, terms));
    const overdueDays = daysPastDue(dueDate, asOf);
    owed.push({
      invoiceId: f.id,
      number: f.number,
      date: f.date,
      dueDate,
      companyId: f.companyId,
      buyerName: f.buyerName,
      managerId: f.ownerId,
      legalEntityId: f.legalEntityId,
      totalKopecks: f.totalKopecks,
      paidKopecks,
      openKopecks: open,
      overdueDays,
      bucket: bucketOf(overdueDays),
    });
  }
  return { asOf, owed };
}

type Names = {
  clients: Map<string, string>;
  managers: Map<string, string>;
  entities: Map<string, string>;
};

async function namesOf(ctx: Ctx, owed: Owed[]): Promise<Names> {
  const companyIds = [...new Set(owed.map((o) => o.companyId).filter((x): x is string => !!x))];
  const [records, users, entities] = await Promise.all([
    recordNames(ctx, { companies: companyIds }),
    listUsers(ctx, { limit: 1000 }),
    listLegalEntities(ctx),
  ]);
  return {
    clients: records.companies,
    managers: new Map(users.items.map((u) => [u.id, u.name])),
    entities: new Map(entities.items.map((e) => [e.id, e.name])),
  };
}

const named = (o: Owed, n: Names): ReceivableInvoice => {
  const { buyerName, ...rest } = o;
  return {
    ...rest,
    clientName: (o.companyId && n.clients.get(o.companyId)) || buyerName || '—',
    managerName: (o.managerId && n.managers.get(o.managerId)) || null,
    legalEntityName: n.entities.get(o.legalEntityId) ?? '—',
  };
};

export async function agingReport(ctx: Ctx, q: ReceivablesQuery): Promise<Aging> {
  const { asOf, owed } = await owedInvoices(ctx, q);
  const names = await namesOf(ctx, owed);
  const groups = new Map<string, AgingAmounts & { id: string | null; name: string }>();
  const totals = emptyAmounts();
  for (const o of owed) {
    const inv = named(o, names);
    const [id, name] =
      q.groupBy === 'manager'
        ? [inv.managerId, inv.managerName ?? '—']
        : q.groupBy === 'legal_entity'
          ? [inv.legalEntityId, inv.legalEntityName]
          : [inv.companyId, inv.clientName];
    const key = id ?? `none:${name}`;
    const row = groups.get(key) ?? { id, name, ...emptyAmounts() };
    addTo(row, inv.bucket, inv.openKopecks);
    addTo(totals, inv.bucket, inv.openKopecks);
    groups.set(key, row);
  }
  const rows = [...groups.values()].sort(
    (a, b) => b.total - a.total || a.name.localeCompare(b.name),
  );
  return { asOf, groupBy: q.groupBy, rows, totals };
}

const mostOverdueFirst = (a: ReceivableInvoice, b: ReceivableInvoice) =>
  b.overdueDays - a.overdueDays || b.openKopecks - a.openKopecks;

async function listOwed(ctx: Ctx, q: Filters & { bucket?: AgingBucket | undefined }) {
  const { asOf, owed } = await owedInvoices(ctx, q);
  const chosen = q.bucket ? owed.filter((o) => o.bucket === q.bucket) : owed;
  const names = await namesOf(ctx, chosen);
  return { asOf, items: chosen.map((o) => named(o, names)).sort(mostOverdueFirst) };
}

export async function receivableInvoices(
  ctx: Ctx,
  q: ReceivableInvoicesQuery,
): Promise<ReceivableInvoices> {
  const { asOf, items } = await listOwed(ctx, q);
  return { asOf, items: items.slice(0, q.limit), total: items.length };
}

const bucketTitles: Record<AgingBucket, string> = {
  current: 'Не наступил срок',
  d1_30: '1–30 дней',
  d31_60: '31–60 дней',
  d61_90: '61–90 дней',
  d90_plus: 'Более 90 дней',
};
const rub = (kopecks: number) => kopecks / 100;
const columns: [string, (i: ReceivableInvoice) => Cell][] = [
  ['Клиент', (i) => i.clientName],
  ['Счёт', (i) => i.number],
  ['Дата счёта', (i) => i.date],
  ['Срок оплаты', (i) => i.dueDate],
  ['Сумма, ₽', (i) => rub(i.totalKopecks)],
  ['Оплачено, ₽', (i) => rub(i.paidKopecks)],
  ['Долг, ₽', (i) => rub(i.openKopecks)],
  ['Дней просрочки', (i) => i.overdueDays],
  ['Период', (i) => bucketTitles[i.bucket]],
  ['Менеджер', (i) => i.managerName],
  ['Юрлицо', (i) => i.legalEntityName],
];

// The drill-down as a file: every matching invoice, most overdue first.
export async function exportReceivables(
  ctx: Ctx,
  q: ReceivablesExportQuery,
): Promise<{ asOf: string; file: TableFile }> {
  const { asOf, items } = await listOwed(ctx, q);
  async function* chunks() {
    for (let i = 0; i < items.length; i += 1000)
      yield items.slice(i, i + 1000).map((item) => columns.map(([, value]) => value(item)));
  }
  const file = tableFile(q.format, {
    sheetName: 'receivables',
    header: columns.map(([h]) => h),
    chunks: chunks(),
    delimiter: ';',
  });
  return { asOf, file };
}
