import type { Page } from '@voronka/contract';
import { recordAudit } from '../../platform/audit/audit.js';
import type { Ctx } from '../../platform/context.js';
import type { Cell } from '../../platform/export/export.js';

// Export of a filtered list: the list's own use case is called page after page (keyset, 1,000
// rows), each page in its own short transaction — PGlite runs one transaction at a time, so one
// long export must not hold the database. The access is audit-logged with the filter and the count.

export const EXPORT_CHUNK = 1000;
export type ExportEntity = 'companies' | 'contacts' | 'deals' | 'leads' | 'calls';
export type InWorkspace = <T>(fn: (ctx: Ctx) => Promise<T>) => Promise<T>;
export type Lister<T> = (
  ctx: Ctx,
  page: { limit: number; cursor: string | undefined },
) => Promise<Page<T>>;
export type ExportColumn<T> = { header: string; value: (r: T) => Cell };

// Cells of a list (tags, contacts) and of a date from an ISO time.
export const joined = (xs: string[]) => xs.join(', ');
export const isoDate = (iso: string | null) => (iso ? iso.slice(0, 10) : null);

// Every matching record, a page at a time; the audit row is written when the export ends, however
// it ends (a client that hangs up mid-way is logged with what it received).
export async function* exportRecords<T>(
  run: InWorkspace,
  entity: ExportEntity,
  lister: Lister<T>,
  audit: { filter: Record<string, unknown>; format: string },
): AsyncGenerator<T[]> {
  let cursor: string | undefined;
  let rows = 0;
  try {
    do {
      const page = await run((ctx) => lister(ctx, { limit: EXPORT_CHUNK, cursor }));
      rows += page.items.length;
      yield page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  } finally {
    await run((ctx) => recordAudit(ctx, { action: 'export', entity, after: { ...audit, rows } }));
  }
}

export async function* toCells<T>(
  records: AsyncIterable<T[]>,
  columns: ExportColumn<T>[],
): AsyncGenerator<Cell[][]> {
  for await (const items of records) yield items.map((r) => columns.map((c) => c.value(r)));
}

// Reads the first page before anything is sent, so that a refused filter is a clean 4xx answer and
// not a download cut short.
export async function primed<T>(source: AsyncGenerator<T>): Promise<AsyncGenerator<T>> {
  const first = await source.next();
  return (async function* () {
    if (first.done) return;
    yield first.value;
    yield* source;
  })();
}
