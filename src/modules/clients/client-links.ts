import type { Ctx } from '../../platform/context.js';

// What later modules hold that points at a client (pipeline: deals and their contacts; activities:
// tasks and the timeline). They come after clients in the module order, so clients cannot reach
// their tables: each declares here, when its service loads, how its links follow a merge and a
// deleted company. A merge runs every mover before the other record is deleted, in its transaction.
export type MergedRecord = {
  entity: 'contacts' | 'companies';
  keptId: string;
  mergedId: string;
  mergedName: string;
};
export type ClientLinks = {
  // Every link to `m.mergedId` moves to `m.keptId` (and what the merge itself leaves behind).
  merged?(ctx: Ctx, m: MergedRecord): Promise<void>;
  // A company is about to be deleted: links to it are set to none.
  companyDeleted?(ctx: Ctx, companyId: string): Promise<void>;
};

const holders: ClientLinks[] = [];

export function addClientLinks(links: ClientLinks): void {
  if (!holders.includes(links)) holders.push(links);
}

export async function recordsMerged(ctx: Ctx, m: MergedRecord): Promise<void> {
  for (const h of holders) await h.merged?.(ctx, m);
}

export async function companyDeleted(ctx: Ctx, companyId: string): Promise<void> {
  for (const h of holders) await h.companyDeleted?.(ctx, companyId);
}
