import type { DocumentLine, VatMode, Warning } from '@voronka/contract';
import type { Ctx } from '../../platform/context.js';

// What an issued invoice should warn about, asked of a later module (money: the client's credit
// limit) through a port set by the composition root (src/runtime.ts); documents cannot import it.
// A warning never blocks the issue.
export type IssueWarnings = (
  ctx: Ctx,
  invoice: { id: string; companyId: string | null; totalKopecks: number },
) => Promise<Warning[]>;

let port: IssueWarnings | null = null;
export function useIssueWarnings(fn: IssueWarnings): void {
  port = fn;
}

export async function issueWarnings(
  ctx: Ctx,
  invoice: { id: string; type: string; companyId: string | null; totalKopecks: number },
): Promise<Warning[]> {
  if (!port || invoice.type !== 'invoice') return [];
  return port(ctx, invoice);
}

// What must hold before a quote or an invoice is issued, asked of a later module (calculator's
// discount control: an unapproved discount beyond the issuer's limit) through a port set by the
// composition root. Unlike a warning, a guard refuses: it throws a DomainError (4xx) and the issue
// rolls back with no number taken.
export type IssueGuard = (
  ctx: Ctx,
  document: {
    id: string;
    type: 'quote' | 'invoice';
    dealId: string | null;
    lines: DocumentLine[];
    vatMode: VatMode;
  },
) => Promise<void>;

let guard: IssueGuard | null = null;
export function useIssueGuard(fn: IssueGuard): void {
  guard = fn;
}

export async function checkIssueGuard(
  ctx: Ctx,
  row: { id: string; type: string; dealId: string | null; lines: DocumentLine[]; vatMode: VatMode },
): Promise<void> {
  if (!guard || (row.type !== 'quote' && row.type !== 'invoice')) return;
  await guard(ctx, { ...row, type: row.type });
}
