import type { ImportRowError } from '@voronka/contract';
import { sql, type SQL } from 'drizzle-orm';

// Helpers shared by the company and contact import chunks.

// A row's cells by field name, from a mapping of column index → field; empty cells are absent.
export function fieldValues(
  mapping: Record<string, string>,
  cells: string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [column, field] of Object.entries(mapping)) {
    const v = (cells[Number(column)] ?? '').trim();
    if (v) out[field] = v.slice(0, 2000);
  }
  return out;
}

export const splitTags = (v: string | undefined) =>
  [
    ...new Set(
      (v ?? '')
        .split(/[,;]/)
        .map((t) => t.trim().slice(0, 50))
        .filter(Boolean),
    ),
  ].slice(0, 20);

// Collects a row's problems; a row with any is not written.
export class RowErrors {
  readonly list: ImportRowError[] = [];
  private rows = new Set<number>();
  add(row: number, field: string, reason: string) {
    this.list.push({ row, field, reason });
    this.rows.add(row);
  }
  has(row: number) {
    return this.rows.has(row);
  }
  get rowCount() {
    return this.rows.size;
  }
}

// A VALUES list for multi-row UPDATE … FROM and INSERT … SELECT statements.
export const valuesList = (rows: SQL[][]) =>
  sql.join(
    rows.map((r) => sql`(${sql.join(r, sql`, `)})`),
    sql`, `,
  );

// A text[] as one parameter: Drizzle spreads a JavaScript array into a list of parameters.
export const textArray = (xs: string[]) =>
  sql`array(select jsonb_array_elements_text(${JSON.stringify(xs)}::jsonb))`;
