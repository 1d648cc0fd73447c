import type { CustomField, ViewQuery } from '@voronka/contract';

// The state of a record list (companies, contacts, deals): filters as the API's own query
// parameters ('' = any), the sort, and which columns show. It lives in the page's URL, travels
// to the API as query parameters and is stored whole in a saved view.
export type SortOrder = 'asc' | 'desc';
export type Filters = Record<string, string>;
export type ListState = { filters: Filters; sort: string; order: SortOrder; columns: string[] };

export type ListSpec = {
  // The list's own filter parameters (q, ownerId, …); `custom.<key>` ones come from the definitions.
  filters: readonly string[];
  sorts: readonly string[];
  // Every column id the list can show, custom ones aside; the first one always shows.
  columns: readonly string[];
  defaults: { sort: string; order: SortOrder; columns: readonly string[] };
};

type FieldDef = Pick<CustomField, 'key' | 'type'>;

export const isRanged = (type: CustomField['type']) =>
  type === 'number' || type === 'money' || type === 'date';
export const customColumnId = (key: string) => `custom.${key}`;

// The query parameters that filter by one custom field: exact (a multiselect: "holds"), or a range.
export function customParams(field: FieldDef): string[] {
  const base = `custom.${field.key}`;
  return isRanged(field.type) ? [`${base}.gte`, `${base}.lte`] : [base];
}

const RESERVED = new Set(['sort', 'order', 'columns']);

function allowedFilters(spec: ListSpec, fields: readonly FieldDef[]): Set<string> {
  return new Set([...spec.filters, ...fields.flatMap(customParams)]);
}

function allowedColumns(spec: ListSpec, fields: readonly FieldDef[]): string[] {
  return [...spec.columns, ...fields.map((f) => customColumnId(f.key))];
}

// Keeps what the list knows today: a custom field deleted since, or a hand-edited link, must not
// turn the whole list into an error.
function normalise(
  spec: ListSpec,
  fields: readonly FieldDef[],
  raw: {
    filters: [string, string][];
    sort?: string | undefined;
    order?: string | undefined;
    columns?: string[] | undefined;
  },
): ListState {
  const filterKeys = allowedFilters(spec, fields);
  const filters = Object.fromEntries(raw.filters.filter(([k, v]) => filterKeys.has(k) && v !== ''));
  const sort = raw.sort && spec.sorts.includes(raw.sort) ? raw.sort : spec.defaults.sort;
  const order: SortOrder =
    raw.order === 'asc' || raw.order === 'desc'
      ? raw.order
      : sort === spec.defaults.sort
        ? spec.defaults.order
        : 'asc';
  const known = allowedColumns(spec, fields);
  const picked = (raw.columns ?? []).filter(
    (c, i, all) => known.includes(c) && all.indexOf(c) === i,
  );
  const columns = picked.length ? picked : [...spec.defaults.columns];
  if (!columns.includes(spec.columns[0]!)) columns.unshift(spec.columns[0]!);
  return { filters, sort, order, columns };
}

export function defaultState(spec: ListSpec): ListState {
  return {
    filters: {},
    sort: spec.defaults.sort,
    order: spec.defaults.order,
    columns: [...spec.defaults.columns],
  };
}

export function stateFromSearch(
  search: URLSearchParams,
  spec: ListSpec,
  fields: readonly FieldDef[],
): ListState {
  const columns = search.get('columns');
  return normalise(spec, fields, {
    filters: [...search.entries()].filter(([k]) => !RESERVED.has(k)),
    sort: search.get('sort') ?? undefined,
    order: search.get('order') ?? undefined,
    columns: columns ? columns.split(',') : undefined,
  });
}

// Only what differs from the defaults goes into the address, so a plain list has a plain URL.
export function searchFromState(state: ListState, spec: ListSpec): URLSearchParams {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(state.filters)) if (v !== '') out.set(k, v);
  if (state.sort !== spec.defaults.sort || state.order !== spec.defaults.order) {
    out.set('sort', state.sort);
    out.set('order', state.order);
  }
  if (state.columns.join(',') !== spec.defaults.columns.join(','))
    out.set('columns', state.columns.join(','));
  return out;
}

// What the list endpoint (and its export) receives: the set filters, trimmed, and the sort.
export function listParams(state: ListState): Record<string, string> {
  const filters = Object.entries(state.filters)
    .map(([k, v]) => [k, v.trim()] as const)
    .filter(([, v]) => v !== '');
  return { ...Object.fromEntries(filters), sort: state.sort, order: state.order };
}

export function viewFromState(state: ListState): ViewQuery {
  return {
    ...Object.fromEntries(Object.entries(state.filters).filter(([, v]) => v.trim() !== '')),
    sort: state.sort,
    order: state.order,
    columns: state.columns,
  };
}

export function stateFromView(
  query: ViewQuery,
  spec: ListSpec,
  fields: readonly FieldDef[],
): ListState {
  const text = (v: ViewQuery[string] | undefined) =>
    v === undefined || Array.isArray(v) ? undefined : String(v);
  const columns = query.columns;
  return normalise(spec, fields, {
    filters: Object.entries(query)
      .filter(([k]) => !RESERVED.has(k))
      .map(([k, v]) => [k, text(v) ?? ''] as [string, string]),
    sort: text(query.sort),
    order: text(query.order),
    columns: Array.isArray(columns)
      ? columns
      : typeof columns === 'string'
        ? columns.split(',')
        : undefined,
  });
}

// The saved view the list shows now, if any: same filters, sort and columns.
export function sameState(a: ListState, b: ListState): boolean {
  const filters = (s: ListState) =>
    JSON.stringify(
      Object.entries(s.filters)
        .filter(([, v]) => v.trim() !== '')
        .sort(([x], [y]) => x.localeCompare(y)),
    );
  return (
    filters(a) === filters(b) &&
    a.sort === b.sort &&
    a.order === b.order &&
    a.columns.join(',') === b.columns.join(',')
  );
}

// A click on a sortable header: the same column flips the order, another one starts with its own.
export function toggleSort(state: ListState, sort: string, first: SortOrder): ListState {
  if (state.sort === sort) return { ...state, order: state.order === 'asc' ? 'desc' : 'asc' };
  return { ...state, sort, order: first };
}

export const activeFilterCount = (filters: Filters, keys?: readonly string[]) =>
  Object.entries(filters).filter(([k, v]) => v.trim() !== '' && (!keys || keys.includes(k))).length;
