import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../platform/db/rls.js';
import type { Ctx } from '../../platform/context.js';
import * as clients from '../clients/service.js';

// Where a person's data lies, found from the database's catalog rather than from a list kept by
// hand, so that a table added later is covered without anyone remembering it (DESIGN.md):
// - level 1: rows of any workspace table whose uuid column names the contact, or whose text names
//   one of the person's identifiers (a phone, an e-mail, the full name);
// - level 2: rows whose uuid column names a level-1 row (a conversation's messages, a request's
//   routing state and form submission).
// It goes down the references only, never up: the contact's company or a deal it is linked to is
// not "the person", and other people's rows would follow it.

export type Column = {
  name: string;
  type: 'uuid' | 'text' | 'jsonb' | 'text[]';
  nullable: boolean;
};
export type Table = { name: string; columns: Column[]; hasId: boolean };

// Internal tables that hold no one's data, or hold it only as the work queue passes through.
const SKIPPED = new Set(['form_rate_counters']);
// Columns never exported: sealed secrets, hashes, tokens.
const SECRET = /secret|password|token|hash|totp/i;

export async function catalog(ctx: Ctx): Promise<Table[]> {
  const rows = rowsOf<{
    table_name: string;
    column_name: string;
    data_type: string;
    udt_name: string;
    is_nullable: 'YES' | 'NO';
  }>(
    await ctx.tx.execute(sql`
    select c.table_name, c.column_name, c.data_type, c.udt_name, c.is_nullable
    from information_schema.columns c
    join information_schema.tables t
      on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = 'public' and c.is_generated = 'NEVER'
      and exists (select 1 from information_schema.columns w where w.table_schema = 'public'
        and w.table_name = c.table_name and w.column_name = 'workspace_id')
    order by c.table_name, c.ordinal_position`),
  );
  const tables = new Map<string, Table>();
  for (const r of rows) {
    if (SKIPPED.has(r.table_name)) continue;
    const t = tables.get(r.table_name) ?? { name: r.table_name, columns: [], hasId: false };
    tables.set(r.table_name, t);
    if (r.column_name === 'id') t.hasId = true;
    if (r.column_name === 'workspace_id' || SECRET.test(r.column_name)) continue;
    const type: Column['type'] | null =
      r.udt_name === 'uuid'
        ? 'uuid'
        : r.udt_name === 'text' || r.udt_name === 'varchar'
          ? 'text'
          : r.udt_name === 'jsonb' || r.udt_name === 'json'
            ? 'jsonb'
            : r.udt_name === '_text'
              ? 'text[]'
              : null;
    if (type) t.columns.push({ name: r.column_name, type, nullable: r.is_nullable === 'YES' });
  }
  return [...tables.values()];
}

export type Person = {
  contactId: string;
  fullName: string;
  // Identifiers searched for in free text: phones (E.164 and its digits), e-mails, the full name.
  needles: string[];
};

export async function personOf(ctx: Ctx, contactId: string): Promise<Person> {
  const c = await clients.getContact(ctx, contactId, false);
  const phones = c.phones.flatMap((p) => [
    p.number,
    p.number.replace(/^\+/, ''),
    p.number.replace(/^\+7/, ''),
  ]);
  const emails = c.emails.map((e) => e.address.toLowerCase());
  const name = c.fullName.trim();
  const needles = [...phones, ...emails, ...(name.length >= 5 ? [name] : [])].filter(
    (n) => n.length >= 5,
  );
  return { contactId, fullName: c.fullName, needles: [...new Set(needles)] };
}

export const ident = (name: string) => sql.raw(`"${name.replace(/"/g, '""')}"`);
export const likeOf = (n: string) => `%${n.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;

export const textOf = (c: Column): SQL =>
  c.type === 'text'
    ? ident(c.name)
    : c.type === 'jsonb'
      ? sql`${ident(c.name)}::text`
      : sql`array_to_string(${ident(c.name)}, ' ')`;

// The condition "this row is the person's": a uuid column naming one of `ids`, or (level 1) a text
// column holding one of the identifiers.
// `via` narrows which uuid columns may name the ids (a retention rule over conversations follows
// `conversation_id`, not a request's link to its conversation).
export type Via = (t: Table, c: Column) => boolean;

export function personRows(t: Table, ids: string[], needles: string[], via?: Via): SQL | null {
  const parts: SQL[] = [];
  const idList = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  if (ids.length)
    for (const c of t.columns.filter((c) => c.type === 'uuid' && (!via || via(t, c))))
      parts.push(sql`${ident(c.name)} in (${idList})`);
  if (needles.length)
    for (const c of t.columns.filter((c) => c.type !== 'uuid'))
      for (const n of needles) parts.push(sql`${textOf(c)} ilike ${likeOf(n)}`);
  return parts.length ? sql.join(parts, sql` or `) : null;
}

export type Found = { table: string; rows: Record<string, unknown>[] };

// The person's rows in one table (as JSON objects of the columns catalog() keeps).
export async function rowsIn(
  ctx: Ctx,
  t: Table,
  ids: string[],
  needles: string[],
  via?: Via,
): Promise<Record<string, unknown>[]> {
  const where = personRows(t, ids, needles, via);
  if (!where) return [];
  const cols = sql.join(
    [
      ...(t.hasId ? [sql`"id"`] : []),
      ...t.columns.filter((c) => c.name !== 'id').map((c) => ident(c.name)),
    ],
    sql`, `,
  );
  const res = rowsOf<Record<string, unknown>>(
    await ctx.tx.execute(
      sql`select ${cols} from ${ident(t.name)} where workspace_id = ${ctx.workspaceId} and (${where})`,
    ),
  );
  return res;
}

// Both levels in one transaction (erasure; the export's job walks the same steps in short ones).
export const findPerson = (ctx: Ctx, person: Person, tables?: Table[]): Promise<Found[]> =>
  findRows(ctx, { root: person.contactId, needles: person.needles }, tables);

// What erasure and retention walk: the rows of a root record (a contact, a request, a
// conversation) and of whatever names it, with the identifiers found in free text.
export type Root = { root: string; needles: string[]; via?: Via };

export async function findRows(ctx: Ctx, target: Root, tables?: Table[]): Promise<Found[]> {
  const all = tables ?? (await catalog(ctx));
  const level1 = new Map<string, Record<string, unknown>[]>();
  for (const t of all)
    level1.set(t.name, await rowsIn(ctx, t, [target.root], target.needles, target.via));
  const ids = idsOf(all, level1, target.root);
  const found = new Map(level1);
  for (const t of all) {
    const more = await rowsIn(ctx, t, ids, []);
    found.set(t.name, mergeRows(found.get(t.name) ?? [], more));
  }
  return [...found.entries()]
    .filter(([, rows]) => rows.length > 0)
    .map(([table, rows]) => ({ table, rows }));
}

export function idsOf(
  tables: Table[],
  level1: Map<string, Record<string, unknown>[]>,
  contactId: string,
): string[] {
  const ids = new Set<string>();
  for (const t of tables)
    if (t.hasId) for (const r of level1.get(t.name) ?? []) ids.add(String(r.id));
  ids.delete(contactId);
  return [...ids];
}

export function mergeRows(a: Record<string, unknown>[], b: Record<string, unknown>[]) {
  const key = (r: Record<string, unknown>) => ('id' in r ? String(r.id) : JSON.stringify(r));
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((r) => !seen.has(key(r)))];
}
