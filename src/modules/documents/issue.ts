import type { Document, DocumentStatus } from '@voronka/contract';
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import { DomainError } from '../../platform/errors.js';
import { getCompany } from '../clients/service.js';
import { getDeal } from '../pipeline/service.js';
import type { DocumentSnapshot, PartySnapshot, SellerSnapshot } from '../print/service.js';
import { findDocumentRow, getDocument, type DocumentRow } from './documents.js';
import { invoiceEvent } from './invoice-events.js';
import { checkIssueGuard, issueWarnings } from './issue-warnings.js';
import { findLegalEntityRow } from './legal-entities.js';
import { moneyOf } from './lines.js';
import { documentCounters, documents } from './tables.js';

const MONTHS = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];
/** 2026-12-03 → «3 декабря 2026 г.» */
export const longDate = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[m! - 1]} ${y} г.`;
};

const TITLES: Record<DocumentRow['type'] & string, string> = {
  quote: 'коммерческому предложению',
  invoice: 'счёту',
  act: 'акту',
  torg12: 'накладной',
  upd: 'УПД',
  contract: 'договору',
};

async function sellerOf(ctx: Ctx, row: DocumentRow): Promise<SellerSnapshot> {
  const e = await findLegalEntityRow(ctx, row.legalEntityId);
  const bank = e.bankAccounts[row.bankAccountIndex] ?? e.bankAccounts[0] ?? null;
  return {
    name: e.name,
    inn: e.inn,
    kpp: e.kpp,
    ogrn: e.ogrn,
    address: e.address,
    phone: e.phone,
    bank: bank && {
      bankName: bank.bankName,
      bik: bank.bik,
      correspondentAccount: bank.corrAccount,
      settlementAccount: bank.settlementAccount,
    },
    director: e.director ? { ...e.director, basis: e.director.basis ?? null } : null,
    accountant: e.accountant ? { ...e.accountant, basis: e.accountant.basis ?? null } : null,
    vatPayer: e.vatPayer,
  };
}

async function buyerOf(ctx: Ctx, row: DocumentRow): Promise<PartySnapshot> {
  const c = row.companyId ? await getCompany(ctx, row.companyId).catch(() => null) : null;
  if (!c)
    return {
      name: row.buyerName ?? '—',
      inn: null,
      kpp: null,
      ogrn: null,
      address: null,
      phone: null,
      bank: null,
    };
  const hasBank = c.bik && c.settlementAccount;
  return {
    name: c.legalForm && !c.name.includes(c.legalForm) ? `${c.legalForm} «${c.name}»` : c.name,
    inn: c.inn,
    kpp: c.kpp,
    ogrn: c.ogrn,
    address: c.legalAddress ?? c.postalAddress,
    phone: null,
    bank: hasBank
      ? {
          bankName: c.bankName ?? '',
          bik: c.bik!,
          correspondentAccount: c.corrAccount ?? '',
          settlementAccount: c.settlementAccount!,
        }
      : null,
  };
}

// What the document prints: for a draft (a preview) built from the live records with no number;
// at issue, the same with its number, stored and never rebuilt.
export async function buildSnapshot(
  ctx: Ctx,
  row: DocumentRow,
  number: string,
): Promise<DocumentSnapshot> {
  const { lines: money, ...totals } = moneyOf(row.lines, row.vatMode);
  const deal = row.dealId ? await getDeal(ctx, row.dealId).catch(() => null) : null;
  const type = row.type as DocumentSnapshot['type'];
  return {
    type,
    number,
    date: row.date,
    currency: 'RUB',
    vatMode: row.vatMode,
    seller: await sellerOf(ctx, row),
    buyer: await buyerOf(ctx, row),
    lines: row.lines.map((l, i) => ({
      position: i + 1,
      name: l.name,
      sku: l.sku ?? null,
      unit: l.unit,
      okei: l.okei ?? null,
      quantity: l.quantity,
      priceKopecks: l.priceKopecks,
      discountKopecks: money[i]!.discountKopecks,
      vatRate: l.vatRate,
      netKopecks: money[i]!.netKopecks,
      vatKopecks: money[i]!.vatKopecks,
      totalKopecks: money[i]!.totalKopecks,
    })),
    totals,
    dueDate: row.dueDate,
    paymentPurpose: `Оплата по ${TITLES[type]} № ${number || '—'} от ${longDate(row.date)}`,
    basis: row.basis,
    dealTitle: deal?.title ?? null,
    updStatus: type === 'upd' ? ((row.updStatus ?? 1) as 1 | 2) : null,
    notes: row.notes,
  };
}

// The next number for (entity, type, year), taken in the caller's transaction: the upsert locks
// the counter row until commit, so concurrent issues queue on it and each gets the next value; a
// rolled-back issue never consumed its number.
async function nextNumber(ctx: Ctx, row: DocumentRow, year: number): Promise<number> {
  const [counter] = await ctx.tx
    .insert(documentCounters)
    .values({
      workspaceId: ctx.workspaceId,
      legalEntityId: row.legalEntityId,
      type: row.type,
      year,
      last: 1,
    })
    .onConflictDoUpdate({
      target: [
        documentCounters.workspaceId,
        documentCounters.legalEntityId,
        documentCounters.type,
        documentCounters.year,
      ],
      set: { last: sql`${documentCounters.last} + 1` },
    })
    .returning({ last: documentCounters.last });
  return counter!.last;
}

async function issue(ctx: Ctx, row: DocumentRow): Promise<void> {
  if (!row.lines.length)
    throw new DomainError('document.no_lines', 'a document without lines is not issued', {
      field: 'lines',
    });
  await checkIssueGuard(ctx, row);
  const year = Number(row.date.slice(0, 4));
  const number = await nextNumber(ctx, row, year);
  const snapshot = await buildSnapshot(ctx, row, String(number));
  await ctx.tx
    .update(documents)
    .set({ status: 'issued', year, number, snapshot, issuedAt: new Date(), updatedAt: new Date() })
    .where(and(eq(documents.workspaceId, ctx.workspaceId), eq(documents.id, row.id)));
}

// draft → issued → sent → paid | signed; any issued state → cancelled (the number stays taken).
const NEXT: Record<DocumentStatus, DocumentStatus[]> = {
  draft: ['issued'],
  issued: ['sent', 'paid', 'signed', 'cancelled'],
  sent: ['paid', 'signed', 'cancelled'],
  paid: ['signed', 'cancelled'],
  signed: ['paid', 'cancelled'],
  cancelled: [],
};

export async function setDocumentStatus(
  ctx: Ctx,
  id: string,
  status: DocumentStatus,
): Promise<Document> {
  const row = await findDocumentRow(ctx, id, true);
  const from = row.status as DocumentStatus;
  if (!NEXT[from].includes(status))
    throw new DomainError(
      'document.invalid_transition',
      `a ${from} document cannot become ${status}`,
      { field: 'status' },
    );
  if (status === 'issued') await issue(ctx, row);
  else
    await ctx.tx
      .update(documents)
      .set({ status, updatedAt: new Date() })
      .where(and(eq(documents.workspaceId, ctx.workspaceId), eq(documents.id, id)));
  const after = await getDocument(ctx, id);
  await recordAudit(ctx, {
    action: status === 'issued' ? 'document.issued' : 'document.status_changed',
    entity: 'documents',
    entityId: id,
    before: { status: from },
    after: { status, number: after.number },
  });
  if (row.type === 'invoice' && (status === 'issued' || status === 'paid'))
    await invoiceEvent(ctx, status, { id, dealId: row.dealId });
  if (status !== 'issued') return after;
  const warnings = await issueWarnings(ctx, after);
  return warnings.length ? { ...after, warnings } : after;
}
