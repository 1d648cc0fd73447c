import { Column, is, SQL, sql } from 'drizzle-orm';

// Typed seams for one statement built by several modules. A module contributes a read model: a
// query and the columns it returns, declared with their types. The statement's owner names it (a
// WITH clause whose column list is the declared one, so the query's own aliases do not matter) and
// reads its columns through typed references; no module spells another's alias names.

export type Row = Record<string, unknown>;

// The declared columns of a read model, in the order its query returns them, with their SQL types.
export type Columns<R extends Row> = { [K in keyof R & string]: string };

// A query returning the declared columns, in that order (a SELECT, or an INSERT … RETURNING).
export type ReadModel<R extends Row> = { query: SQL; columns: Columns<R> };

export function readModel<R extends Row>(columns: Columns<R>, query: SQL): ReadModel<R> {
  return { query, columns };
}

// A read model with no row (a piece the statement does not need this time).
export function noRows<R extends Row>(columns: Columns<R>): ReadModel<R> {
  const nulls = Object.values(columns).map((type) => sql.raw(`null::${type}`));
  return readModel(columns, sql`select ${sql.join(nulls, sql`, `)} where false`);
}

// A read model named in the owner's statement: `with` is its WITH item, `ref` names it in a FROM,
// `col` its columns (typed).
export type Named<R extends Row> = {
  with: SQL;
  ref: SQL;
  col: { [K in keyof R]: SQL<R[K]> };
};

export function named<R extends Row>(name: string, model: ReadModel<R>): Named<R> {
  const ref = sql`${sql.identifier(name)}`;
  const names = Object.keys(model.columns);
  const col = Object.fromEntries(
    names.map((c) => [c, sql`${ref}.${sql.identifier(c)}`]),
  ) as Named<R>['col'];
  const list = sql.join(
    names.map((c) => sql.identifier(c)),
    sql`, `,
  );
  return { with: sql`${ref}(${list}) as (${model.query})`, ref, col };
}

// The final select of such a statement: the given expressions under their keys, and the row type
// they give (as the driver returns it: one row, or none).
export type Selected<F extends Record<string, SQL<unknown>>> = {
  [K in keyof F]: F[K] extends SQL<infer T> ? T | null : never;
};

export function selectList(fields: Record<string, SQL<unknown> | Column>): SQL {
  return sql.join(
    Object.entries(fields).map(([k, v]) => sql`${v} as ${sql.identifier(k)}`),
    sql`, `,
  );
}

// A row read by a raw statement whose select list is selectList(fields): table columns mapped as
// drizzle's own select maps them (json parsed, numbers and dates converted), typed expressions as
// the driver gives them.
export type Decoded<F extends Record<string, Column | SQL<unknown>>> = {
  [K in keyof F]: F[K] extends Column
    ? F[K]['_']['data'] | (F[K]['_']['notNull'] extends true ? never : null)
    : F[K] extends SQL<infer T>
      ? T
      : never;
};

export function decodeRow<F extends Record<string, Column | SQL<unknown>>>(
  fields: F,
  raw: Record<string, unknown>,
): Decoded<F> {
  const decode = (f: Column | SQL<unknown>, v: unknown) => {
    if (v === null || v === undefined) return null;
    if (is(f, Column)) return f.mapFromDriverValue(v);
    return v;
  };
  return Object.fromEntries(
    Object.entries(fields).map(([k, f]) => [k, decode(f, raw[k])]),
  ) as Decoded<F>;
}
