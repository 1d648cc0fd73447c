import type { Warning } from '@voronka/contract';
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
